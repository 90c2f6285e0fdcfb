package provider

import (
	"context"
	"net/netip"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

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
