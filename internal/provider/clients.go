package provider

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// lookup reads an environment variable.
type lookup func(string) (string, bool)

func lookupEnv(k string) (string, bool) { return os.LookupEnv(k) }

// endpoint is a vendor block resolved against the environment.
type endpoint struct {
	vendor    vendor
	baseURL   string
	username  string
	password  string
	insecure  bool
	caCertPEM string
	// extra holds the vendor's own settings (api_version, peer_host, auth_provider).
	extra map[string]string
}

// Clients is the provider data handed to resources, data sources and actions. Vendor
// clients are built on first use; Configure sends nothing.
type Clients struct {
	userAgent string
	timeout   time.Duration
	retry     transport.Retry
	endpoints map[string]*endpoint

	mu    sync.Mutex
	cache map[string]any
}

func newClients(ctx context.Context, version string, cfg providerModel, env lookup, diags *diag.Diagnostics) *Clients {
	c := &Clients{
		userAgent: "terraform-provider-netops/" + version,
		timeout:   transport.DefaultTimeout,
		retry:     transport.DefaultRetry(),
		endpoints: map[string]*endpoint{},
		cache:     map[string]any{},
	}
	r := resolver{env: env, diags: diags}
	if d, ok := r.duration(path.Root("request_timeout"), cfg.RequestTimeout, "NETOPS_REQUEST_TIMEOUT"); ok {
		c.timeout = d
	}
	var rm retryModel
	if cfg.Retry != nil {
		rm = *cfg.Retry
	}
	retryPath := path.Root("retry")
	if n, ok := r.int(retryPath.AtName("attempts"), rm.Attempts, "NETOPS_RETRY_ATTEMPTS"); ok {
		c.retry.Attempts = n
	}
	if d, ok := r.duration(retryPath.AtName("min_backoff"), rm.MinBackoff, "NETOPS_RETRY_MIN_BACKOFF"); ok {
		c.retry.MinBackoff = d
	}
	if d, ok := r.duration(retryPath.AtName("max_backoff"), rm.MaxBackoff, "NETOPS_RETRY_MAX_BACKOFF"); ok {
		c.retry.MaxBackoff = d
	}
	if c.retry.MaxBackoff < c.retry.MinBackoff {
		diags.AddAttributeError(retryPath, "Invalid retry backoff", "max_backoff must not be shorter than min_backoff.")
	}

	var ftdBlock, liBlock, sbcBlock *endpointModel
	if cfg.FTD != nil {
		ftdBlock = &cfg.FTD.endpointModel
	}
	if cfg.LogInsight != nil {
		liBlock = &cfg.LogInsight.endpointModel
	}
	if cfg.SBC != nil {
		sbcBlock = &cfg.SBC.endpointModel
	}
	c.add(ctx, r, vendorFTD, ftdBlock, map[string]types.String{"api_version": ftdAPIVersion(cfg.FTD)})
	c.add(ctx, r, vendorLogInsight, liBlock, map[string]types.String{"auth_provider": liAuthProvider(cfg.LogInsight)})
	c.add(ctx, r, vendorFireFlow, cfg.FireFlow, nil)
	c.add(ctx, r, vendorSBC, sbcBlock, sbcExtras(cfg.SBC))
	if ep := c.endpoints[vendorSBC.block]; ep != nil {
		validateOneOf(r, vendorSBC, "api_version", ep.extra["api_version"], sbcAPIVersions)
		if ep.extra["peer_host"] != "" {
			if u, err := parseHost(ep.extra["peer_host"], 0); err != nil {
				r.diags.AddAttributeError(path.Root("sbc").AtName("peer_host"), "Invalid appliance address", "The SBC peer address "+err.Error()+".")
			} else {
				ep.extra["peer_host"] = u
			}
		}
	}
	return c
}

// add resolves one vendor block; a vendor with neither block nor NETOPS_<VENDOR>_HOST stays unconfigured.
func (c *Clients) add(ctx context.Context, r resolver, v vendor, m *endpointModel, extra map[string]types.String) {
	if m == nil {
		if h, _ := r.env(v.env("host")); strings.TrimSpace(h) == "" {
			return
		}
		m = &endpointModel{}
	}
	blk := path.Root(v.block)
	ep := &endpoint{vendor: v, extra: map[string]string{}}
	host := r.str(m.Host, v.env("host"))
	ep.username = r.str(m.Username, v.env("username"))
	ep.password = r.str(m.Password, v.env("password"))
	ep.caCertPEM = r.str(m.CACertPEM, v.env("ca_cert_pem"))
	ep.insecure = r.bool(blk.AtName("insecure"), m.Insecure, v.env("insecure"))
	for name, val := range extra {
		ep.extra[name] = r.str(val, v.env(name))
	}
	if r.unknown {
		return // values come from resources not yet created; Configure runs again at apply
	}
	for attr, val := range map[string]string{"host": host, "username": ep.username, "password": ep.password} {
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
	c.endpoints[v.block] = ep
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

func ftdAPIVersion(m *ftdModel) types.String {
	if m == nil {
		return types.StringNull()
	}
	return m.APIVersion
}

func liAuthProvider(m *loginsightModel) types.String {
	if m == nil {
		return types.StringNull()
	}
	return m.AuthProvider
}

func sbcExtras(m *sbcModel) map[string]types.String {
	if m == nil {
		return map[string]types.String{"api_version": types.StringNull(), "peer_host": types.StringNull()}
	}
	return map[string]types.String{"api_version": m.APIVersion, "peer_host": m.PeerHost}
}

// endpointFor returns the vendor's endpoint or a diagnostic naming the block and its env vars.
func (c *Clients) endpointFor(v vendor) (*endpoint, diag.Diagnostics) {
	var diags diag.Diagnostics
	if c == nil {
		diags.AddError("Provider not configured", "The netops provider was not configured before use. Please report this issue to the provider developers.")
		return nil, diags
	}
	ep := c.endpoints[v.block]
	if ep == nil {
		diags.AddError("Missing "+v.block+" provider configuration",
			fmt.Sprintf("This %s resource needs the provider's %q block, or the environment variables %s, %s and %s.",
				v.title, v.block, v.env("host"), v.env("username"), v.env("password")))
		return nil, diags
	}
	if ep.baseURL == "" {
		diags.AddError("Provider configuration not known yet",
			fmt.Sprintf("The %s block depends on values that are not known until apply.", v.block))
		return nil, diags
	}
	return ep, diags
}

func (c *Clients) transportConfig() transport.Config {
	return transport.Config{Timeout: c.timeout, Retry: c.retry, UserAgent: c.userAgent}
}

// cached returns the client stored under key, building it once.
func (c *Clients) cached(key string, build func() (any, error)) (any, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.cache[key]; ok {
		return v, nil
	}
	v, err := build()
	if err != nil {
		return nil, err
	}
	c.cache[key] = v
	return v, nil
}
