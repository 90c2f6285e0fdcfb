package provider

import (
	"testing"
)

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

func TestParseHost(t *testing.T) {
	for in, want := range map[string]string{
		"sbc-a":                   "https://sbc-a",
		"sbc-a:8443":              "https://sbc-a:8443",
		"https://sbc-a":           "https://sbc-a",
		"https://sbc-a:8443/":     "https://sbc-a:8443",
		"10.0.0.1":                "https://10.0.0.1",
		"[2001:db8::1]:443":       "https://[2001:db8::1]:443",
		"2001:db8::1":             "https://[2001:db8::1]",
		"HTTPS://Sbc-A.example:1": "https://Sbc-A.example:1",
	} {
		got, err := parseHost(in, 0)
		if err != nil || got != want {
			t.Errorf("parseHost(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "http://sbc-a", "ftp://sbc-a", "https://sbc-a/api", "sbc-a:0", "sbc-a:x", "https://u:p@sbc-a", "sbc a",
		"sbc-a:+443", "sbc-a:", "https://sbc-a:443#frag", "https://sbc-a?"} {
		if got, err := parseHost(in, 0); err == nil {
			t.Errorf("parseHost(%q) = %q, want an error", in, got)
		}
	}
}
