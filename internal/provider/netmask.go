package provider

import (
	"net/netip"
	"strconv"
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
