package provider

import (
	"fmt"
	"net/netip"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// samePrefix reports whether two netmasks (prefix length or dotted) are the same mask.
func samePrefix(a, b string) bool {
	pa, oka := prefixLength(a)
	pb, okb := prefixLength(b)
	return oka && okb && pa == pb
}

func prefixLength(s string) (int, bool) {
	if !validNetmask(s) {
		return 0, false
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	b := netip.MustParseAddr(s).As4()
	ones := 0
	for _, x := range b {
		for bit := 7; bit >= 0; bit-- {
			if x&(1<<bit) != 0 {
				ones++
			}
		}
	}
	return ones, true
}

// sameLink checks that the two ends of an IPv4 link differ and share the link's subnet.
func sameLink(attr string, primary, secondary, mask types.String, diags *diag.Diagnostics) {
	if primary.IsNull() || secondary.IsNull() || mask.IsNull() || primary.IsUnknown() || secondary.IsUnknown() || mask.IsUnknown() {
		return
	}
	p, errP := netip.ParseAddr(primary.ValueString())
	s, errS := netip.ParseAddr(secondary.ValueString())
	bits, ok := prefixLength(mask.ValueString())
	if errP != nil || errS != nil || !ok || !p.Is4() || !s.Is4() {
		return // the attribute validators report these
	}
	switch {
	case p == s:
		diags.AddAttributeError(path.Root(attr), "Same address on both units", "The primary and the secondary unit need different addresses on the link.")
	case netip.PrefixFrom(p, bits).Masked() != netip.PrefixFrom(s, bits).Masked():
		diags.AddAttributeError(path.Root(attr), "Addresses in different subnets",
			fmt.Sprintf("%s and %s are not in the same /%d subnet; both ends of the link must be.", p, s, bits))
	}
}
