package provider

import "testing"

func TestValidNetmask(t *testing.T) {
	for s, want := range map[string]bool{
		"24": true, "0": true, "32": true, "33": false, "-1": false, "+8": false,
		"255.255.255.0": true, "255.255.254.0": true, "0.0.0.0": true, "255.255.255.255": true,
		"255.0.255.0": false, "255.255.255.1": false, "a.b.c.d": false, "::": false, "": false,
	} {
		if got := validNetmask(s); got != want {
			t.Errorf("validNetmask(%q) = %v, want %v", s, got, want)
		}
	}
}
