package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// sbcRefusal is an SBC pair that refuses a switchover in its own way: its mock options,
// what is done to it before the apply, the device's overrides of the sbc block, the
// switchover's expected_active, and the error's parts.
type sbcRefusal struct {
	opts     sbcmock.Options
	prepare  func(*sbcFixture)
	device   func(*sbcFixture) string // the device's attributes after host
	expected string
	want     []string
	// sent: switchover POSTs the pair may receive (0 unless the refusal is the SBC's own).
	sent int
	// check asserts more of what the pair saw.
	check func(*sbcFixture) error
}

// Every way an SBC pair refuses a switchover, each pair a device of one provider block,
// in one apply: each error is reported about its own switchover, and no pair that the
// provider refuses receives a switchover.
func TestAccSBCSwitchover_refusals(t *testing.T) {
	peer := func(f *sbcFixture) string { return fmt.Sprintf("host = %q, peer_host = %q", f.a.Host(), f.b.Host()) }
	notSent := `SBC switchover not sent`
	rows := map[string]sbcRefusal{
		"expected_active mismatch": {device: peer, expected: "sbc-b",
			want: []string{notSent, `expected_active is "sbc-b" but sbc-a is the active unit; nothing was sent`}},
		"standby without peer": {device: func(f *sbcFixture) string { return fmt.Sprintf("host = %q", f.b.Host()) },
			want: []string{`sbc-b is the standby unit and no peer_host is configured`, `set sbc.peer_host (NETOPS_SBC_PEER_HOST)`}},
		"unsynchronised peer": {prepare: func(f *sbcFixture) { f.pair.SetSynced(sbcmock.UnitB, false) }, device: peer, sent: 1,
			want: []string{`SBC refused the switchover`, `SBC answered 400`, `synchroni`}},
		"out of service": {prepare: func(f *sbcFixture) { f.pair.SetOutOfService(sbcmock.UnitB, true) }, device: peer,
			want: []string{notSent, `reports role "out of service", not standby`}},
		"unhealthy": {prepare: func(f *sbcFixture) { f.pair.SetHealth(sbcmock.UnitB, 60) }, device: peer,
			want: []string{notSent, `health score of 60%, below the 75% health threshold`}},
		"no HA pair": {prepare: func(f *sbcFixture) { f.pair.SetHAConfigured(false) }, device: peer,
			want: []string{notSent, `reports role "standalone": no HA pair is configured`}},
		"role outside the enum": {prepare: func(f *sbcFixture) { f.pair.SetReportedRole(sbcmock.UnitB, "BecomingStandby") }, device: peer,
			want: []string{notSent, `sbc-b reports role "BecomingStandby", which is none of the roles Oracle documents`}},
		"read-only user": {device: func(f *sbcFixture) string {
			return peer(f) + fmt.Sprintf(", username = %q, password = %q", sbcmock.ReadOnlyUser, sbcmock.ReadOnlyPassword)
		}, sent: 1, want: []string{`SBC answered 403 Forbidden`, `the SBC user "monitor" lacks administrator privileges`}},
		"explicit version not served": {opts: sbcmock.Options{Releases: [2]string{sbcmock.Release83, sbcmock.Release83}},
			device: func(f *sbcFixture) string { return peer(f) + `, api_version = "v1.2"` },
			want:   []string{`does not serve REST API version v1.2; it supports [v1.1 v1.0]`, `sbc.api_version`, `or to auto`},
			check: func(f *sbcFixture) error {
				if n := f.a.CountCalls(http.MethodGet, sbcVersionsPath); n != 1 {
					return fmt.Errorf("supportedversions asked %d times, want once (only to explain the 404)", n)
				}
				return nil
			}},
		"no known version": {opts: sbcmock.Options{Versions: []string{"v2.0", "v2.1"}}, device: peer,
			want: []string{`offers REST API versions [v2.1 v2.0], none of which this provider implements`, `set sbc.api_version (NETOPS_SBC_API_VERSION)`}},
		"supportedversions fails": {prepare: func(f *sbcFixture) {
			for _, s := range []*mock.Server{f.a, f.b} {
				s.Inject(mock.Fault{Method: http.MethodGet, Path: sbcVersionsPath, Times: 100, Status: http.StatusInternalServerError, ContentType: "text/plain", Body: "upstream gone"})
			}
		}, device: peer, want: []string{`could not learn the REST API versions the SBC at`, `500 Internal Server Error`, `upstream gone`, `set sbc.api_version`}},
		"unexpected answer": {prepare: func(f *sbcFixture) {
			f.a.Inject(mock.Fault{Method: http.MethodGet, Path: "/rest/v1.2/system/status", Times: 100, Status: http.StatusOK, ContentType: "text/html",
				Body: "<html><body><h1>Maintenance</h1><p>The management portal is down.</p></body></html>"})
		}, device: peer, want: []string{`SBC gave an answer the provider does not understand to GET /rest/v1.2/system/status`, `not the XML <response> envelope`,
			`200 OK (text/html)`, `<html><body><h1>Maintenance</h1>`}},
		"wrong password": {device: func(f *sbcFixture) string { return peer(f) + `, password = "not-the-password"` },
			want: []string{`refused the username or password`}},
	}

	names := make([]string, 0, len(rows))
	for name := range rows {
		names = append(names, name)
	}
	sort.Strings(names)
	fixtures := map[string]*sbcFixture{}
	var devices, resources strings.Builder
	wants := map[string][]*regexp.Regexp{}
	for i, name := range names {
		r := rows[name]
		f := newSBCFixture(t, r.opts)
		if r.prepare != nil {
			r.prepare(f)
		}
		fixtures[name] = f
		device, expected := fmt.Sprintf("pair%d", i), r.expected
		if expected == "" {
			expected = "sbc-a"
		}
		fmt.Fprintf(&devices, "      %s = { %s }\n", device, r.device(f))
		fmt.Fprintf(&resources, "\nresource \"netops_sbc_switchover\" %q {\n  device          = %q\n  expected_active = %q\n}\n", device, device, expected)
		wants[name] = []*regexp.Regexp{regexp.MustCompile(`\n\s*with netops_sbc_switchover\.` + device + `,\n`), errorLike(r.want...)}
	}
	config := sbcFleetProvider(t, devices.String()) + resources.String()

	expectApplyErrors(t, config, wants)
	for name, f := range fixtures {
		if n := f.switchoverPosts(); n != rows[name].sent {
			t.Errorf("%s: the pair received %d switchover POSTs, want %d", name, n, rows[name].sent)
		}
		if f.pair.AcceptedSwitchovers() != 0 {
			t.Errorf("%s: the pair accepted a switchover", name)
		}
		if check := rows[name].check; check != nil {
			if err := check(f); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
}

// sbcFleetProvider is one provider block whose sbc block holds the admin credentials and
// the test authority, and the devices given (lines of "name = { ... }").
func sbcFleetProvider(t *testing.T, devices string) string {
	return fmt.Sprintf(`
provider "netops" {
  retry {
    min_backoff = "50ms"
    max_backoff = "200ms"
  }
  sbc {
    username    = %q
    password    = %q
    ca_cert_pem = %s
    devices = {
%s    }
  }
}
`, sbcmock.AdminUser, sbcmock.AdminPassword, heredoc(string(testAuthority(t).CertPEM())), devices)
}
