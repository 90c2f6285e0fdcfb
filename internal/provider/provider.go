// Package provider is the Terraform-facing side of the netops provider.
package provider

import (
	"context"
	"maps"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

var (
	_ provider.Provider            = (*netopsProvider)(nil)
	_ provider.ProviderWithActions = (*netopsProvider)(nil)
)

// New returns a constructor of the provider at the given version.
func New(version string, opts ...Option) func() provider.Provider {
	return func() provider.Provider {
		p := &netopsProvider{version: version}
		for _, o := range opts {
			o(p)
		}
		return p
	}
}

// Option adjusts the provider New builds.
type Option func(*netopsProvider)

// WithPolling sets how every vendor client the provider builds checks long operations
// (FTD jobs and HA state, Log Insight node start, SBC switchover). The zero value keeps
// the clients' default, 1 s growing to 10 s; tests pass short intervals.
func WithPolling(p transport.Polling) Option {
	return func(np *netopsProvider) { np.polling = p }
}

type netopsProvider struct {
	version string
	polling transport.Polling
}

func (p *netopsProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "netops"
	resp.Version = p.version
}

func (p *netopsProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Runs high-availability, clustering and change-request operations on network and security appliances: " +
			"Cisco FTD (FDM API), VMware Log Insight / Aria Operations for Logs, AlgoSec FireFlow and Oracle SBC. " +
			"Each vendor has its own block; every attribute can also be set with a `NETOPS_<VENDOR>_<ATTRIBUTE>` environment variable, and explicit configuration wins.",
		Attributes: map[string]schema.Attribute{
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "Time limit of one HTTP request attempt, as a Go duration (`30s`, `2m`). Default `60s`. Env: `NETOPS_REQUEST_TIMEOUT`.",
				Optional:            true,
				Validators:          []validator.String{durationValidator{}},
			},
		},
		Blocks: map[string]schema.Block{
			"retry": schema.SingleNestedBlock{
				MarkdownDescription: "Retries of requests that can safely be repeated. Reads are retried on connection errors and on 429, 502, 503 and 504; " +
					"creates and actions (POST) only when the appliance provably did not process them (connection refused, 429, 503), never after a timeout or a 500.",
				Attributes: map[string]schema.Attribute{
					"attempts": schema.Int64Attribute{
						MarkdownDescription: "Total tries of one request, the first included. Default `5`. Env: `NETOPS_RETRY_ATTEMPTS`.",
						Optional:            true,
						Validators:          []validator.Int64{int64validator.Between(1, 20)},
					},
					"min_backoff": schema.StringAttribute{
						MarkdownDescription: "First wait between tries (Go duration). Default `1s`. Env: `NETOPS_RETRY_MIN_BACKOFF`.",
						Optional:            true,
						Validators:          []validator.String{durationValidator{}},
					},
					"max_backoff": schema.StringAttribute{
						MarkdownDescription: "Longest wait between tries, also the cap on a server's `Retry-After` (Go duration). Default `30s`. Env: `NETOPS_RETRY_MAX_BACKOFF`.",
						Optional:            true,
						Validators:          []validator.String{durationValidator{}},
					},
				},
			},
			"ftd": endpointBlock(vendorFTD, map[string]schema.Attribute{
				"api_version": schema.StringAttribute{
					MarkdownDescription: "FDM API version in the base path `/api/fdm/{api_version}`. Default `latest`: the newest version the unit lists. The provider reads `/api/versions` " +
						"once per unit before it logs in, then logs in and calls only on a version the unit lists (`v2`, then `v1`, when the unit does not serve the list), refuses a " +
						"version the unit does not offer, and sends the HA break in the form that API version documents. The Compatibility guide explains the choice. Env: `NETOPS_FTD_API_VERSION`.",
					Optional:   true,
					Validators: []validator.String{stringvalidator.RegexMatches(apiVersionPattern, "must be latest or a version such as v6")},
				},
			}),
			"loginsight": endpointBlock(vendorLogInsight, map[string]schema.Attribute{
				"auth_provider": schema.StringAttribute{
					MarkdownDescription: "Authentication provider of the user: `Local`, `ActiveDirectory` or `vIDM`. Default `Local`. Env: `NETOPS_LOGINSIGHT_AUTH_PROVIDER`.",
					Optional:            true,
					Validators:          []validator.String{stringvalidator.OneOf("Local", "ActiveDirectory", "vIDM")},
				},
			}),
			"fireflow": endpointBlock(vendorFireFlow, nil),
			"sbc": endpointBlock(vendorSBC, map[string]schema.Attribute{
				"api_version": schema.StringAttribute{
					MarkdownDescription: "REST API version: `auto`, `v1.0`, `v1.1` or `v1.2`. Default `auto`: before its first versioned call to a unit the provider reads " +
						"`/rest/api/supportedversions` from that unit and uses the newest version both know, so each unit of a pair may use its own (v1.1 on S-Cz8.3, v1.2 later). " +
						"An explicit version is used as given on both units. The Compatibility guide explains the choice. Env: `NETOPS_SBC_API_VERSION`.",
					Optional:   true,
					Validators: []validator.String{stringvalidator.OneOf(sbcAPIVersions...)},
				},
				"peer_host": schema.StringAttribute{
					MarkdownDescription: "Management address of the other unit of the HA pair, `host` or `host:port`. Lets a switchover find the active unit when `host` is the standby. Env: `NETOPS_SBC_PEER_HOST`.",
					Optional:            true,
					Validators:          []validator.String{hostValidator{}},
				},
			}),
		},
	}
}

func (p *netopsProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clients := newClients(ctx, p.version, cfg, lookupEnv, &resp.Diagnostics)
	clients.polling = p.polling
	if resp.Diagnostics.HasError() {
		return
	}
	resp.ResourceData = clients
	resp.DataSourceData = clients
	resp.ActionData = clients
	resp.ListResourceData = clients
}

func (p *netopsProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewSBCSwitchoverResource,
		NewFTDHAConfigurationResource,
		NewFTDHAJoinResource,
		NewFTDHAPairResource,
		NewFTDHAFailoverConfigurationResource,
		NewLogInsightClusterMemberResource,
		NewFireFlowObjectChangeRequestResource,
		NewFireFlowRuleRemovalRequestResource,
		NewFireFlowTrafficChangeRequestResource,
		NewLogInsightClusterResource,
	}
}

func (p *netopsProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewSBCHAStatusDataSource,
		NewFTDHAStatusDataSource,
		NewLogInsightClusterDataSource,
		NewFireFlowChangeRequestDataSource,
	}
}

func (p *netopsProvider) Actions(context.Context) []func() action.Action {
	return []func() action.Action{
		NewSBCSwitchoverAction,
		NewFTDHAFailoverAction,
		NewFireFlowActiveChangeAction,
		NewFTDHASuspendAction,
		NewFTDHAResumeAction,
		NewFTDHAResetAction,
	}
}

// endpointBlock is a vendor block: the common attributes plus the vendor's own.
func endpointBlock(v vendor, extra map[string]schema.Attribute) schema.SingleNestedBlock {
	port := "443"
	if v.defaultPort != 0 {
		port = strconv.Itoa(v.defaultPort)
	}
	attrs := map[string]schema.Attribute{
		"host": schema.StringAttribute{
			MarkdownDescription: "Management address: `host`, `host:port` or `https://host[:port]` (port " + port + " when omitted). Plain http is refused. " +
				"The default appliance: a type without `device` uses it. Optional when `devices` names the appliances. Env: `" + v.env("host") + "`.",
			Optional:   true,
			Validators: hostValidators,
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
	deviceExtra := map[string]schema.Attribute{}
	for _, name := range []string{"api_version", "peer_host"} {
		if a, ok := extra[name].(schema.StringAttribute); ok {
			a.MarkdownDescription = "This appliance's `" + name + "`. Default: the block's."
			deviceExtra[name] = a
		}
	}
	attrs["devices"] = devicesAttribute(v, deviceExtra)
	return schema.SingleNestedBlock{
		MarkdownDescription: "Connection to " + v.title + ". Optional when the `" + v.env("host") + "` family of environment variables is set.",
		Attributes:          attrs,
	}
}
