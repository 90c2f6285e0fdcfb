package provider

import (
	"net/netip"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Validators of the forms of traffic items FireFlow documents (fireflow.md section 8).
// Whether IPv4 and IPv6 may meet in a line, or IPv6 in a template, is FireFlow's to say:
// its refusal is passed through.

func trafficAddressValidator() validator.String {
	return predicateValidator{summary: "Invalid traffic item", quote: true, ok: validTrafficAddress,
		description: "an IPv4 or IPv6 address, a CIDR such as 10.1.0.0/16, a range such as 10.1.0.1-10.1.0.50, or an object name"}
}

func trafficServiceValidator() validator.String {
	return predicateValidator{summary: "Invalid traffic item", quote: true, ok: validTrafficService,
		description: "a service name such as https, or protocol/port such as tcp/8080, udp/53 or tcp/1024-2048"}
}

func trafficNameValidator() validator.String {
	return predicateValidator{summary: "Invalid traffic item", quote: true, ok: validTrafficName,
		description: "a name without leading or trailing spaces"}
}

func validTrafficName(s string) bool {
	return s != "" && strings.TrimSpace(s) == s
}

// validTrafficAddress accepts an address, a CIDR, a range a-b of one family in
// order, or an object name (anything that does not try to be an address, such as
// host_object or host-1:fw:My_GW1).
func validTrafficAddress(s string) bool {
	// A zone (%eth0) names an interface of one host, not an address FireFlow can route.
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Zone() == ""
	}
	if _, err := netip.ParsePrefix(s); err == nil {
		return true
	}
	if lo, hi, ok := strings.Cut(s, "-"); ok {
		a, errA := netip.ParseAddr(lo)
		b, errB := netip.ParseAddr(hi)
		if errA == nil && errB == nil {
			return a.Zone() == "" && b.Zone() == "" && a.Is4() == b.Is4() && a.Compare(b) <= 0
		}
	}
	looksLikeAddress := strings.Trim(s, "0123456789abcdefABCDEF./:-") == "" && strings.ContainsAny(s, ".:")
	return validTrafficName(s) && !looksLikeAddress
}

// validTrafficService accepts a service name or a protocol/port definition.
func validTrafficService(s string) bool {
	if strings.Contains(s, "/") {
		return validServiceValue(s)
	}
	return validTrafficName(s)
}
