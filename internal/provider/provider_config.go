package provider

import (
	"maps"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// vendor names a provider block and the NETOPS_<VENDOR>_ environment variables.
type vendor struct {
	block       string // provider block name
	title       string // how messages name the product
	defaultPort int    // 0: the https default
}

var (
	vendorFTD        = vendor{block: "ftd", title: "FTD"}
	vendorLogInsight = vendor{block: "loginsight", title: "Log Insight", defaultPort: 9543}
	vendorFireFlow   = vendor{block: "fireflow", title: "FireFlow"}
	vendorSBC        = vendor{block: "sbc", title: "SBC"}
)

// env is the name of the environment variable of attribute attr.
func (v vendor) env(attr string) string {
	return "NETOPS_" + strings.ToUpper(v.block) + "_" + strings.ToUpper(attr)
}

var (
	sbcAPIVersions    = []string{"v1.0", "v1.1", "v1.2"}
	apiVersionPattern = regexp.MustCompile(`^(latest|v[0-9]+(\.[0-9]+)*)$`)
)

type providerModel struct {
	RequestTimeout types.String     `tfsdk:"request_timeout"`
	Retry          *retryModel      `tfsdk:"retry"`
	FTD            *ftdModel        `tfsdk:"ftd"`
	LogInsight     *loginsightModel `tfsdk:"loginsight"`
	FireFlow       *endpointModel   `tfsdk:"fireflow"`
	SBC            *sbcModel        `tfsdk:"sbc"`
}

type retryModel struct {
	Attempts   types.Int64  `tfsdk:"attempts"`
	MinBackoff types.String `tfsdk:"min_backoff"`
	MaxBackoff types.String `tfsdk:"max_backoff"`
}

// endpointModel holds the attributes every vendor block has.
type endpointModel struct {
	Host      types.String `tfsdk:"host"`
	Username  types.String `tfsdk:"username"`
	Password  types.String `tfsdk:"password"`
	Insecure  types.Bool   `tfsdk:"insecure"`
	CACertPEM types.String `tfsdk:"ca_cert_pem"`
}

type ftdModel struct {
	endpointModel
	APIVersion types.String `tfsdk:"api_version"`
}

type loginsightModel struct {
	endpointModel
	AuthProvider types.String `tfsdk:"auth_provider"`
}

type sbcModel struct {
	endpointModel
	APIVersion types.String `tfsdk:"api_version"`
	PeerHost   types.String `tfsdk:"peer_host"`
}

// endpointBlock is a vendor block: the common attributes plus the vendor's own.
func endpointBlock(v vendor, extra map[string]schema.Attribute) schema.SingleNestedBlock {
	port := "443"
	if v.defaultPort != 0 {
		port = strconv.Itoa(v.defaultPort)
	}
	attrs := map[string]schema.Attribute{
		"host": schema.StringAttribute{
			MarkdownDescription: "Management address: `host`, `host:port` or `https://host[:port]` (port " + port + " when omitted). Plain http is refused. Env: `" + v.env("host") + "`.",
			Optional:            true,
			Validators:          hostValidators,
		},
		"username": schema.StringAttribute{
			MarkdownDescription: "API user. Env: `" + v.env("username") + "`.",
			Optional:            true,
		},
		"password": schema.StringAttribute{
			MarkdownDescription: "Password of the API user. Sensitive; never logged. Env: `" + v.env("password") + "`.",
			Optional:            true,
			Sensitive:           true,
		},
		"insecure": schema.BoolAttribute{
			MarkdownDescription: "Skip TLS certificate verification. Default `false`; for lab appliances only — prefer `ca_cert_pem`. Setting it produces a warning; it cannot be combined with `ca_cert_pem`. Env: `" + v.env("insecure") + "`.",
			Optional:            true,
			Validators:          []validator.Bool{insecureWithCA{}},
		},
		"ca_cert_pem": schema.StringAttribute{
			MarkdownDescription: "PEM of the CA that signs the appliance's certificate. When set, it is the only CA trusted for this appliance (as `curl --cacert`): the system roots are not used. Env: `" + v.env("ca_cert_pem") + "`.",
			Optional:            true,
			Validators:          []validator.String{pemValidator{}},
		},
	}
	maps.Copy(attrs, extra)
	return schema.SingleNestedBlock{
		MarkdownDescription: "Connection to " + v.title + ". Optional when the `" + v.env("host") + "` family of environment variables is set.",
		Attributes:          attrs,
	}
}
