package provider

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var hostValidators = []validator.String{hostValidator{}}

// parseHost turns "host", "host:port" or "https://host[:port]" into an https base URL.
func parseHost(raw string, defaultPort int) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", fmt.Errorf("is empty")
	}
	lower := strings.ToLower(s)
	switch {
	case strings.HasPrefix(lower, "http://"):
		return "", fmt.Errorf("%q uses plain http; the appliance APIs are https only: write %q or just the host name", raw, "https://"+s[len("http://"):])
	case strings.HasPrefix(lower, "https://"):
		u, err := url.Parse(s)
		if err != nil {
			return "", fmt.Errorf("%q is not a valid URL: %w", raw, err)
		}
		if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(s, "#") || u.User != nil {
			return "", fmt.Errorf("%q must be only a scheme, host and port, without path, query or credentials", raw)
		}
		s = u.Host
	case strings.Contains(s, "://"):
		return "", fmt.Errorf("%q: only https:// is supported", raw)
	}
	host, port := s, ""
	if h, p, err := net.SplitHostPort(s); err == nil {
		host, port = h, p
	} else if strings.Count(s, ":") == 1 || strings.HasPrefix(s, "[") {
		return "", fmt.Errorf("%q is not host or host:port: %w", raw, err)
	}
	if host == "" || strings.ContainsAny(host, "/ ?#@[]") {
		return "", fmt.Errorf("%q is not a valid host name or address", raw)
	}
	// Only an IPv6 address has colons in it, and a zone (%eth0) cannot go into a URL as is.
	if strings.Contains(host, ":") {
		if a, err := netip.ParseAddr(host); err != nil || a.Zone() != "" {
			return "", fmt.Errorf("%q is not a valid host name or address: %q has colons but is not an IPv6 address without a zone", raw, host)
		}
	}
	if strings.HasSuffix(s, ":") && !strings.HasSuffix(s, "::") {
		return "", fmt.Errorf("%q has an empty port", raw)
	}
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 || strings.Trim(port, "0123456789") != "" {
			return "", fmt.Errorf("%q has an invalid port %q (1-65535)", raw, port)
		}
	} else if defaultPort != 0 {
		port = strconv.Itoa(defaultPort)
	}
	base := "https://" + net.JoinHostPort(host, port)
	if port == "" {
		base = "https://" + host
		if strings.Contains(host, ":") {
			base = "https://[" + host + "]"
		}
	}
	// What the URL parser makes of it is what requests will go to.
	if u, err := url.Parse(base); err != nil || u.Hostname() != host || u.Port() != port {
		return "", fmt.Errorf("%q is not a valid host name or address", raw)
	}
	return base, nil
}

type hostValidator struct{}

func (hostValidator) Description(context.Context) string {
	return "host, host:port or https://host[:port]; plain http is refused"
}

func (v hostValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (hostValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := parseHost(req.ConfigValue.ValueString(), 0); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid appliance address", "The address "+err.Error()+".")
	}
}

type durationValidator struct{}

func (durationValidator) Description(context.Context) string {
	return "a positive Go duration such as 30s or 2m"
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := parseDuration(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration", err.Error())
	}
}

func parseDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%q is not a positive duration such as 30s, 2m or 1h30m", s)
	}
	return d, nil
}

type pemValidator struct{}

func (pemValidator) Description(context.Context) string { return "a PEM-encoded certificate" }

func (v pemValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (pemValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := checkPEM(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid CA certificate", err.Error())
	}
}

func checkPEM(s string) error {
	block, _ := pem.Decode([]byte(s))
	if block == nil || block.Type != "CERTIFICATE" {
		return fmt.Errorf("ca_cert_pem must hold a PEM certificate (-----BEGIN CERTIFICATE-----)")
	}
	if _, err := x509.ParseCertificate(block.Bytes); err != nil {
		return fmt.Errorf("ca_cert_pem holds a CERTIFICATE block that is not a certificate: %w", err)
	}
	return nil
}

// hostNameValidator accepts a DNS name or an IP address, without scheme or port.
type hostNameValidator struct{}

var dnsName = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$`)

func (hostNameValidator) Description(context.Context) string {
	return "a host name or IP address, without scheme or port"
}

func (v hostNameValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v hostNameValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if net.ParseIP(s) == nil && (len(s) > 253 || !dnsName.MatchString(s)) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid host name", strconv.Quote(s)+" is not "+v.Description(ctx)+".")
	}
}

// ipValidator accepts an IPv4 (v4) or IPv6 (!v4) address without prefix.
type ipValidator struct{ v4 bool }

func (v ipValidator) Description(context.Context) string {
	if v.v4 {
		return "an IPv4 address such as 192.0.2.1"
	}
	return "an IPv6 address such as 2001:db8::1"
}

func (v ipValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v ipValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	a, err := netip.ParseAddr(req.ConfigValue.ValueString())
	if err != nil || a.Is4() != v.v4 || a.Zone() != "" || (!v.v4 && a.Is4In6()) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid address", req.ConfigValue.ValueString()+" is not "+v.Description(ctx)+".")
	}
}

// netmaskValidator accepts a prefix length (24) or a dotted mask (255.255.255.0).
type netmaskValidator struct{}

func (netmaskValidator) Description(context.Context) string {
	return "a prefix length from 0 to 32 or a dotted netmask such as 255.255.255.0"
}

func (v netmaskValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v netmaskValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if !validNetmask(req.ConfigValue.ValueString()) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid netmask", req.ConfigValue.ValueString()+" is not "+v.Description(ctx)+".")
	}
}

func validNetmask(s string) bool {
	if n, err := strconv.Atoi(s); err == nil {
		return n >= 0 && n <= 32 && !strings.HasPrefix(s, "+")
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return false
	}
	b := a.As4()
	bits := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	inverted := ^bits
	return inverted&(inverted+1) == 0 // ones then zeros
}

// checkPathSegment refuses an imported id that would change the meaning of the URL it is
// put into: empty, "." or "..", or holding a slash, query, fragment, escape or control
// character.
func checkPathSegment(what, v string) error {
	switch {
	case v == "":
		return fmt.Errorf("%s is empty", what)
	case v == "." || v == "..":
		return fmt.Errorf("%s %q is not an object id: \".\" and \"..\" would name another path", what, v)
	case strings.ContainsAny(v, "/?#%\\") || strings.IndexFunc(v, unicode.IsControl) >= 0:
		return fmt.Errorf("%s %q holds a character an object id cannot hold (/ ? # %% \\ or a control character)", what, v)
	}
	return nil
}

// predicateValidator accepts the strings ok accepts; it reports any other as
// "<value> is not <description>." under summary, the value quoted when quote is set.
type predicateValidator struct {
	summary, description string
	ok                   func(string) bool
	quote                bool
}

func (v predicateValidator) Description(context.Context) string { return v.description }

func (v predicateValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v predicateValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if v.ok(s) {
		return
	}
	if v.quote {
		s = strconv.Quote(s)
	}
	resp.Diagnostics.AddAttributeError(req.Path, v.summary, s+" is not "+v.description+".")
}
