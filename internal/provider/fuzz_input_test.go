package provider

import (
	"net/netip"
	"net/url"
	"path"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Any host a user types: refused with a reason, or turned into an https base URL of
// only a scheme, a host and a port, which reads back as itself.
func FuzzParseHost(f *testing.F) {
	for _, s := range []string{"ftd.example.net", "192.0.2.1:8443", "https://[2001:db8::1]:9543/", "http://x", "[::1", "a:b:c", "host:", "https://u@h", " h ", "h:0", "h:65536", "xn--bcher-kva.example"} {
		f.Add(s, uint16(9543))
	}
	f.Fuzz(func(t *testing.T, raw string, port uint16) {
		out, err := parseHost(raw, int(port))
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an empty reason")
			}
			return
		}
		u, perr := url.Parse(out)
		if perr != nil || u.Scheme != "https" || u.Host == "" || u.Path != "" || u.RawQuery != "" || u.User != nil || u.Fragment != "" {
			t.Fatalf("%q became %q, not an https base URL (%v)", raw, out, perr)
		}
		again, err := parseHost(strings.TrimPrefix(out, "https://"), int(port))
		if err != nil || again != out {
			t.Fatalf("%q became %q, which reads back as %q (%v)", raw, out, again, err)
		}
	})
}

// dotted is the dotted netmask of a prefix length.
func dotted(bits int) string {
	m := ^uint32(0) << (32 - bits)
	if bits == 0 {
		m = 0
	}
	return netip.AddrFrom4([4]byte{byte(m >> 24), byte(m >> 16), byte(m >> 8), byte(m)}).String()
}

// Any netmask: refused, or a prefix length 0-32 whose prefix and dotted forms are the
// same mask.
func FuzzNetmask(f *testing.F) {
	for _, s := range []string{"24", "255.255.255.0", "0", "32", "0.0.0.0", "255.255.255.255", "255.0.255.0", "+8", "033", "-0", "::ffff:255.255.255.0", "1e1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := prefixLength(s)
		if ok != validNetmask(s) {
			t.Fatalf("%q: prefixLength says %v, validNetmask %v", s, ok, validNetmask(s))
		}
		if !ok {
			return
		}
		if n < 0 || n > 32 {
			t.Fatalf("%q has prefix length %d", s, n)
		}
		for _, form := range []string{strconv.Itoa(n), dotted(n)} {
			if !validNetmask(form) || !samePrefix(s, form) {
				t.Fatalf("%q (/%d) and %q are not the same mask", s, n, form)
			}
		}
	})
}

// Any duration: refused, or positive, and its Go spelling reads back as the same.
func FuzzDuration(f *testing.F) {
	for _, s := range []string{"30s", "2m", "1h30m", " 10m ", "0s", "-5s", "1.5h", "300ms", "9223372036854775807ns", "1µs", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseDuration(s)
		if err != nil {
			return
		}
		if d <= 0 {
			t.Fatalf("%q accepted as %v", s, d)
		}
		again, err := parseDuration(d.String())
		if err != nil || again != d {
			t.Fatalf("%q is %v, whose spelling %q reads back as %v (%v)", s, d, d.String(), again, err)
		}
		if _, err := parseDuration(strconv.FormatInt(int64(d/time.Nanosecond), 10) + "ns"); err != nil {
			t.Fatalf("%v in nanoseconds is refused: %v", d, err)
		}
	})
}

// Dates, services and file names FireFlow takes: no panic, and an accepted date is one
// of the documented forms naming a real day.
func FuzzFireFlowInput(f *testing.F) {
	for _, s := range []string{"2026-12-31", "31-12-2026", "12-31-2026", "2026-02-30", "2026-12-31 23:59:59", "00-12-2026", "tcp/443", "udp/1000-2000", "icmp/any", "tcp/70000", "a.txt", ".."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if validFireFlowDate(s) {
			ok := false
			for _, layout := range []string{"2006-01-02", "2006-01-02 15:04:05", "02-01-2006", "01-02-2006"} {
				if _, err := time.Parse(layout, s); err == nil {
					ok = true
				}
			}
			if !ok {
				t.Fatalf("%q accepted as a date", s)
			}
		}
		if validServiceValue(s) {
			proto, ports, ok := strings.Cut(s, "/")
			if !ok || proto == "" || ports == "" {
				t.Fatalf("%q accepted as a service", s)
			}
		}
	})
}

// An id accepted into a URL path stays one segment of it.
func FuzzPathSegment(f *testing.F) {
	for _, s := range []string{"default", "a/b", "..", ".", "%2e", "x?y", "a#b", "\\", "id\n", "5f3e-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if err := checkPathSegment("The import id", id); err != nil {
			if !strings.HasPrefix(err.Error(), "The import id") {
				t.Fatalf("%q: %v", id, err)
			}
			return
		}
		p := "/devices/default/ha/configurations/" + id
		if path.Clean(p) != p || strings.ContainsAny(id, "/?#%\\") {
			t.Fatalf("%q accepted, but %q is not one segment below configurations (%q)", id, p, path.Clean(p))
		}
		u, err := url.Parse("https://ftd.example.net" + p)
		if err != nil || u.Path != p || u.RawQuery != "" || u.Fragment != "" {
			t.Fatalf("%q accepted, but the URL reads as %v (%v)", id, u, err)
		}
	})
}

// Traffic items: no panic; an accepted address is an address, a prefix, an ordered range
// of one family or a name that does not try to be an address; an accepted service is a
// name or a protocol/port definition.
func FuzzTrafficItem(f *testing.F) {
	for _, s := range []string{"10.0.0.1", "10.0.0.0/24", "10.0.0.9-10.0.0.1", "10.0.0.1-10.0.0.9", "2001:db8::1-10.0.0.1", "host-1:fw:My_GW1", "10.0.0", " web", "tcp/443", "http", "fe80::1%eth0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if validTrafficAddress(s) {
			if s == "" || strings.TrimSpace(s) != s {
				t.Fatalf("%q accepted as an address or object name", s)
			}
			if lo, hi, ok := strings.Cut(s, "-"); ok {
				a, errA := netip.ParseAddr(lo)
				b, errB := netip.ParseAddr(hi)
				if errA == nil && errB == nil && (a.Is4() != b.Is4() || a.Compare(b) > 0) {
					t.Fatalf("%q accepted as a range", s)
				}
			}
		}
		if validTrafficService(s) && s != strings.TrimSpace(s) {
			t.Fatalf("%q accepted as a service", s)
		}
	})
}

// Failover times: an accepted spelling is a positive whole number of milliseconds or
// seconds, and the spelling the provider writes reads back as the same time.
func FuzzFailoverTime(f *testing.F) {
	for _, s := range []string{"500ms", "15s", "1000ms", "0s", "01s", "9999999s", "1.5s", "1m", "", "200ms"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseFailoverTime(types.StringValue(s))
		if err != nil {
			return
		}
		if d <= 0 || d%time.Millisecond != 0 {
			t.Fatalf("%q accepted as %v", s, d)
		}
		again, err := parseFailoverTime(types.StringValue(formatFailoverTime(d)))
		if err != nil || again != d {
			t.Fatalf("%q is %v, written %q, read back as %v (%v)", s, d, formatFailoverTime(d), again, err)
		}
	})
}
