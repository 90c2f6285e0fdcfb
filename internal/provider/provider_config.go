package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// vendor names a provider block and the NETOPS_<VENDOR>_ environment variables.
type vendor struct {
	block       string // provider block name
	title       string // how messages name the product
	defaultPort int    // 0: the https default
	// applianceAttr is the attribute of the vendor's types that names a device of the
	// block: "device", except where the vendor's own API uses that word.
	applianceAttr string
}

var (
	vendorFTD        = vendor{block: "ftd", title: "FTD"}
	vendorLogInsight = vendor{block: "loginsight", title: "Log Insight", defaultPort: 9543}
	// FireFlow calls the firewalls a request changes devices: its servers are named by server.
	vendorFireFlow = vendor{block: "fireflow", title: "FireFlow", applianceAttr: "server"}
	vendorSBC      = vendor{block: "sbc", title: "SBC"}
)

// deviceAttr is the attribute of the vendor's types that names one of its devices.
func (v vendor) deviceAttr() string {
	if v.applianceAttr != "" {
		return v.applianceAttr
	}
	return "device"
}

// env is the name of the environment variable of attribute attr.
func (v vendor) env(attr string) string {
	return "NETOPS_" + strings.ToUpper(v.block) + "_" + strings.ToUpper(attr)
}

var (
	sbcAPIVersions    = []string{"auto", "v1.0", "v1.1", "v1.2"}
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
	Devices   types.Map    `tfsdk:"devices"`
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

// lookup reads an environment variable.
type lookup func(string) (string, bool)

func lookupEnv(k string) (string, bool) { return os.LookupEnv(k) }

// settings is the provider configuration resolved against the environment. A vendor
// with neither block nor NETOPS_<VENDOR>_HOST stays nil.
type settings struct {
	timeout    time.Duration
	retry      transport.Retry
	ftd        *ftdSettings
	loginsight *loginsightSettings
	fireflow   *fireflowSettings
	sbc        *sbcSettings
}

// endpoint is a vendor block's common attributes resolved against the environment.
type endpoint struct {
	vendor    vendor
	baseURL   string
	username  string
	password  string
	insecure  bool
	caCertPEM string
	device    string         // the device's name; "" for the block's own host
	managed   bool           // false: nothing may be sent to the appliance
	devices   map[string]any // the block's devices by name, each the vendor's settings type
}

func (e *endpoint) base() *endpoint { return e }

func resolveSettings(ctx context.Context, cfg providerModel, env lookup, diags *diag.Diagnostics) settings {
	s := settings{timeout: transport.DefaultTimeout, retry: transport.DefaultRetry()}
	r := resolver{env: env, diags: diags}
	if d, ok := r.duration(path.Root("request_timeout"), cfg.RequestTimeout, "NETOPS_REQUEST_TIMEOUT"); ok {
		s.timeout = d
	}
	var rm retryModel
	if cfg.Retry != nil {
		rm = *cfg.Retry
	}
	retryPath := path.Root("retry")
	if n, ok := r.int(retryPath.AtName("attempts"), rm.Attempts, "NETOPS_RETRY_ATTEMPTS"); ok {
		s.retry.Attempts = n
	}
	if d, ok := r.duration(retryPath.AtName("min_backoff"), rm.MinBackoff, "NETOPS_RETRY_MIN_BACKOFF"); ok {
		s.retry.MinBackoff = d
	}
	if d, ok := r.duration(retryPath.AtName("max_backoff"), rm.MaxBackoff, "NETOPS_RETRY_MAX_BACKOFF"); ok {
		s.retry.MaxBackoff = d
	}
	if s.retry.MaxBackoff < s.retry.MinBackoff {
		diags.AddAttributeError(retryPath, "Invalid retry backoff", "max_backoff must not be shorter than min_backoff.")
	}
	s.ftd = resolveFTD(ctx, r, cfg.FTD)
	s.loginsight = resolveLogInsight(ctx, r, cfg.LogInsight)
	if ep := r.endpoint(ctx, vendorFireFlow, cfg.FireFlow, nil); ep != nil {
		ff := &fireflowSettings{endpoint: *ep}
		devices, ok := r.devicesOf(vendorFireFlow, cfg.FireFlow, ff.endpoint, func(ep endpoint, _ map[string]attr.Value) any {
			return &fireflowSettings{endpoint: ep}
		})
		if ok {
			ff.devices = devices
			s.fireflow = ff
		}
	}
	s.sbc = resolveSBC(ctx, r, cfg.SBC)
	return s
}

func resolveFTD(ctx context.Context, r resolver, m *ftdModel) *ftdSettings {
	var block *endpointModel
	apiVersion := types.StringNull()
	if m != nil {
		block, apiVersion = &m.endpointModel, m.APIVersion
	}
	s := &ftdSettings{}
	ep := r.endpoint(ctx, vendorFTD, block, func(r *resolver) {
		s.apiVersion = r.str(apiVersion, vendorFTD.env("api_version"))
	})
	if ep == nil {
		return nil
	}
	s.endpoint = *ep
	if s.apiVersion != "" && !apiVersionPattern.MatchString(s.apiVersion) {
		r.diags.AddAttributeError(path.Root(vendorFTD.block).AtName("api_version"), "Invalid api_version",
			fmt.Sprintf("FTD api_version %q must be latest or a version such as v6 (from the configuration or %s).", s.apiVersion, vendorFTD.env("api_version")))
	}
	devices, ok := r.devicesOf(vendorFTD, block, s.endpoint, func(ep endpoint, attrs map[string]attr.Value) any {
		d := *s
		d.endpoint = ep
		if v, set, _ := deviceString(attrs, "api_version"); set {
			d.apiVersion = v
		}
		return &d
	})
	if !ok {
		return nil
	}
	s.devices = devices
	return s
}

func resolveLogInsight(ctx context.Context, r resolver, m *loginsightModel) *loginsightSettings {
	var block *endpointModel
	authProvider := types.StringNull()
	if m != nil {
		block, authProvider = &m.endpointModel, m.AuthProvider
	}
	s := &loginsightSettings{}
	ep := r.endpoint(ctx, vendorLogInsight, block, func(r *resolver) {
		s.authProvider = r.str(authProvider, vendorLogInsight.env("auth_provider"))
	})
	if ep == nil {
		return nil
	}
	s.endpoint = *ep
	devices, ok := r.devicesOf(vendorLogInsight, block, s.endpoint, func(ep endpoint, _ map[string]attr.Value) any {
		d := *s
		d.endpoint = ep
		return &d
	})
	if !ok {
		return nil
	}
	s.devices = devices
	return s
}

func resolveSBC(ctx context.Context, r resolver, m *sbcModel) *sbcSettings {
	var block *endpointModel
	apiVersion, peerHost := types.StringNull(), types.StringNull()
	if m != nil {
		block, apiVersion, peerHost = &m.endpointModel, m.APIVersion, m.PeerHost
	}
	s := &sbcSettings{}
	ep := r.endpoint(ctx, vendorSBC, block, func(r *resolver) {
		s.apiVersion = r.str(apiVersion, vendorSBC.env("api_version"))
		s.peerHost = r.str(peerHost, vendorSBC.env("peer_host"))
	})
	if ep == nil {
		return nil
	}
	s.endpoint = *ep
	validateOneOf(r, vendorSBC, "api_version", s.apiVersion, sbcAPIVersions)
	if s.peerHost != "" {
		if u, err := parseHost(s.peerHost, 0); err != nil {
			r.diags.AddAttributeError(path.Root("sbc").AtName("peer_host"), "Invalid appliance address", "The SBC peer address "+err.Error()+".")
		} else {
			s.peerHost = u
		}
	}
	devices, ok := r.devicesOf(vendorSBC, block, s.endpoint, func(ep endpoint, attrs map[string]attr.Value) any {
		d := *s
		d.endpoint = ep
		if v, set, _ := deviceString(attrs, "api_version"); set {
			d.apiVersion = v
		}
		if v, set, _ := deviceString(attrs, "peer_host"); set {
			u, err := parseHost(v, 0)
			if err != nil {
				r.diags.AddAttributeError(path.Root("sbc").AtName("devices").AtMapKey(ep.device).AtName("peer_host"), "Invalid appliance address", "The SBC peer address "+err.Error()+".")
			}
			d.peerHost = u
		}
		return &d
	})
	if !ok {
		return nil
	}
	s.devices = devices
	return s
}

// endpoint resolves one vendor block; nil when the vendor has neither block nor
// NETOPS_<VENDOR>_HOST, or when its values are not known yet. own resolves the vendor's
// own attributes.
func (r resolver) endpoint(ctx context.Context, v vendor, m *endpointModel, own func(r *resolver)) *endpoint {
	if m == nil {
		if h, _ := r.env(v.env("host")); strings.TrimSpace(h) == "" {
			return nil
		}
		m = &endpointModel{}
	}
	blk := path.Root(v.block)
	ep := &endpoint{vendor: v}
	host := r.str(m.Host, v.env("host"))
	ep.username = r.str(m.Username, v.env("username"))
	ep.password = r.str(m.Password, v.env("password"))
	ep.caCertPEM = r.str(m.CACertPEM, v.env("ca_cert_pem"))
	ep.insecure = r.bool(blk.AtName("insecure"), m.Insecure, v.env("insecure"))
	if own != nil {
		own(&r)
	}
	if r.unknown {
		return nil // values come from resources not yet created; Configure runs again at apply
	}
	ep.managed = true
	required := map[string]string{"host": host, "username": ep.username, "password": ep.password}
	if host == "" && hasDevices(m) {
		required = nil // a block of devices only: each device is checked on its own
	}
	for attr, val := range required {
		if val == "" {
			r.diags.AddAttributeError(blk.AtName(attr), "Missing "+v.title+" "+attr,
				fmt.Sprintf("The %s block needs %s: set it in the provider block or in the %s environment variable.", v.block, attr, v.env(attr)))
		}
	}
	if host != "" {
		u, err := parseHost(host, v.defaultPort)
		if err != nil {
			r.diags.AddAttributeError(blk.AtName("host"), "Invalid appliance address", fmt.Sprintf("The %s address %s.", v.title, err.Error()))
		}
		ep.baseURL = u
	}
	if ep.caCertPEM != "" {
		if err := checkPEM(ep.caCertPEM); err != nil {
			r.diags.AddAttributeError(blk.AtName("ca_cert_pem"), "Invalid CA certificate", err.Error()+" (from the configuration or "+v.env("ca_cert_pem")+").")
		}
	}
	switch {
	case ep.insecure && ep.caCertPEM != "":
		r.diags.AddAttributeError(blk.AtName("insecure"), "Conflicting TLS settings",
			insecureWithCAMessage+" (from the configuration or "+v.env("insecure")+" and "+v.env("ca_cert_pem")+")")
	case ep.insecure:
		tflog.Warn(ctx, "TLS certificate verification is off for "+v.title+" ("+v.block+".insecure); anyone on the path can read the credentials")
		r.diags.AddAttributeWarning(blk.AtName("insecure"), "TLS certificate verification is off for "+v.title,
			"insecure = true (or "+v.env("insecure")+"=true): anyone on the network path can impersonate the appliance and read the credentials. "+
				"Use it for lab appliances only; set ca_cert_pem (or "+v.env("ca_cert_pem")+") to the CA that issued the appliance's certificate instead.")
	}
	return ep
}

// hasDevices reports whether a block declares devices (or may, once known).
func hasDevices(m *endpointModel) bool {
	return m.Devices.IsUnknown() || len(m.Devices.Elements()) > 0
}

// devicesOf resolves the block's devices from its endpoint; own makes a device's vendor
// settings from its endpoint and attributes. ok is false when a device is not known yet.
func (r resolver) devicesOf(v vendor, m *endpointModel, block endpoint, own func(endpoint, map[string]attr.Value) any) (map[string]any, bool) {
	if m == nil {
		return nil, true
	}
	values, unknown := deviceValues(m.Devices)
	if unknown {
		return nil, false
	}
	devices := make(map[string]any, len(values))
	for name, attrs := range values {
		ep, ok := r.resolveDevice(v, block, name, attrs)
		if !ok {
			return nil, false
		}
		devices[name] = own(ep, attrs)
	}
	return devices, true
}

// resolver reads a value from configuration, else from the environment.
type resolver struct {
	env     lookup
	diags   *diag.Diagnostics
	unknown bool
}

func (r *resolver) str(v types.String, env string) string {
	if v.IsUnknown() {
		r.unknown = true
		return ""
	}
	if !v.IsNull() {
		return v.ValueString()
	}
	s, _ := r.env(env)
	return strings.TrimSpace(s)
}

func (r *resolver) bool(p path.Path, v types.Bool, env string) bool {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueBool()
	}
	s, ok := r.env(env)
	if !ok || strings.TrimSpace(s) == "" {
		return false
	}
	b, err := strconv.ParseBool(strings.TrimSpace(s))
	if err != nil {
		r.diags.AddAttributeError(p, "Invalid environment variable", fmt.Sprintf("%s=%q is not true or false.", env, s))
	}
	return b
}

func (r *resolver) int(p path.Path, v types.Int64, env string) (int, bool) {
	if !v.IsNull() && !v.IsUnknown() {
		return int(v.ValueInt64()), true
	}
	s, ok := r.env(env)
	if !ok || strings.TrimSpace(s) == "" {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > 20 {
		r.diags.AddAttributeError(p, "Invalid environment variable", fmt.Sprintf("%s=%q is not a whole number from 1 to 20.", env, s))
		return 0, false
	}
	return n, true
}

func (r *resolver) duration(p path.Path, v types.String, env string) (time.Duration, bool) {
	s := ""
	switch {
	case !v.IsNull() && !v.IsUnknown():
		s = v.ValueString()
	default:
		s, _ = r.env(env)
		if strings.TrimSpace(s) == "" {
			return 0, false
		}
	}
	d, err := parseDuration(s)
	if err != nil {
		r.diags.AddAttributeError(p, "Invalid duration", err.Error()+" (from the configuration or "+env+").")
		return 0, false
	}
	return d, true
}

func validateOneOf(r resolver, v vendor, attr, val string, allowed []string) {
	if val == "" {
		return
	}
	for _, a := range allowed {
		if val == a {
			return
		}
	}
	r.diags.AddAttributeError(path.Root(v.block).AtName(attr), "Invalid "+attr,
		fmt.Sprintf("%s %s %q is not one of %s (from the configuration or %s).", v.title, attr, val, strings.Join(allowed, ", "), v.env(attr)))
}
