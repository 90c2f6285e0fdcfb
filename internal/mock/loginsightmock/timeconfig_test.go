package loginsightmock

import (
	"slices"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

func TestTimeConfig(t *testing.T) {
	f := newFixture(t)
	node := f.nodes[0]
	ntp := `{"timeReference":"NTP_SERVER","ntpServers":["0.pool.ntp.org","10.0.0.5"]}`
	// Only a started node with a session takes it.
	expectError(t, f.do(t, node, "PUT", "/api/v2/time/config", ntp, nil), 503, "", "should be bootstrapped")
	if err := f.cluster.Bootstrap(node.Host(), "ops", "Ops#Pass-1"); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(2 * time.Second)
	expectBare(t, f.do(t, node, "PUT", "/api/v2/time/config", ntp, nil), 401, "Invalid session ID", false)
	ans := f.do(t, node, "POST", "/api/v2/sessions", credentials("ops", "Ops#Pass-1", "Local"), nil)
	session := decode[struct{ SessionID string }](t, ans).SessionID

	// Read back wrapped in ntpConfig; a new master takes its time from the ESX host.
	read := func() string {
		t.Helper()
		ans := f.do(t, node, "GET", "/api/v2/time/config", "", bearer(session))
		if ans.status != 200 {
			t.Fatalf("GET time/config: %d %s", ans.status, ans.raw)
		}
		return ans.raw
	}
	if got := read(); got != `{"ntpConfig":{"timeReference":"ESX_HOST"}}` {
		t.Fatalf("before any PUT: %s", got)
	}
	for _, tc := range []struct {
		body   string
		status int
		code   string
		text   string
	}{
		{`{"timeReference":"GPS"}`, 400, "JSON_FORMAT_ERROR", "Invalid request body."},           // the spec's enum
		{`{"timeReference":"NTP_SERVER","ntpServers":"a"}`, 400, "JSON_FORMAT_ERROR", "Invalid"}, // the spec's type
		{`{"ntpServers":["a"]}`, 400, "JSON_FORMAT_ERROR", "Invalid request body."},
		{`{"timeReference":"NTP_SERVER","ntpServers":[]}`, 500, "", "internal error"},
		{`{"timeReference":"NTP_SERVER","ntpServers":["bad host"]}`, 500, "", "internal error"},
	} {
		expectError(t, f.do(t, node, "PUT", "/api/v2/time/config", tc.body, bearer(session)), tc.status, tc.code, tc.text)
	}
	if f.cluster.TimeConfigs() != 0 {
		t.Fatal("a refused time configuration was counted")
	}
	// The PUT takes the settings flat and answers 200 with no body, as the spec declares.
	if ans := f.do(t, node, "PUT", "/api/v2/time/config", ntp, bearer(session)); ans.status != 200 || ans.raw != "" {
		t.Fatalf("time config: %d %q", ans.status, ans.raw)
	}
	if got := read(); got != `{"ntpConfig":{"timeReference":"NTP_SERVER","ntpServers":["0.pool.ntp.org","10.0.0.5"]}}` {
		t.Fatalf("after the PUT: %s", got)
	}
	n := f.node(t, node)
	if n.TimeReference != TimeNTPServer || !slices.Equal(n.NTPServers, []string{"0.pool.ntp.org", "10.0.0.5"}) || f.cluster.TimeConfigs() != 1 {
		t.Fatalf("node %+v", n)
	}
	if m := f.node(t, f.master); m.TimeReference != TimeESXHost || m.NTPServers != nil {
		t.Fatalf("the other cluster's master changed: %+v", m)
	}

	// A change in the UI shows in the next read and is not counted.
	if code, st := f.hook(t, f.master, "POST", "/_mock/time-config", `{"node":"`+node.Host()+`","time_reference":"NTP_SERVER","ntp_servers":["10.9.9.9"]}`); code != 200 || st.TimeConfigs != 1 {
		t.Fatalf("time-config hook: %d %+v", code, st)
	}
	if got := read(); got != `{"ntpConfig":{"timeReference":"NTP_SERVER","ntpServers":["10.9.9.9"]}}` {
		t.Fatalf("after the UI change: %s", got)
	}
	if code, _ := f.hook(t, f.master, "POST", "/_mock/time-config", `{"time_reference":"NTP_SERVER"}`); code != 400 {
		t.Fatalf("NTP_SERVER without servers: %d", code)
	}
}

// POST /time/test reports each server; the unreachable ones fail, nothing changes.
func TestTimeTest(t *testing.T) {
	clock := mock.NewFakeClock(time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC))
	f := newFixtureWith(t, Options{Clock: clock, UnreachableNTPServers: []string{"ntp.unreachable.test"}}, clock)
	session := f.login(t, f.master)
	ans := f.do(t, f.master, "POST", "/api/v2/time/test", `{"ntpServers":["10.0.0.5","NTP.unreachable.test"]}`, bearer(session))
	want := `{"testedNTPServers":[{"server":"10.0.0.5","state":"pass"},{"server":"NTP.unreachable.test","state":"fail"}]}`
	if ans.status != 200 || ans.raw != want {
		t.Fatalf("time/test: %d %s", ans.status, ans.raw)
	}
	if code, st := f.hook(t, f.master, "POST", "/_mock/state", `{"unreachable_ntp_servers":[]}`); code != 200 || st.TimeTests != 1 || len(st.UnreachableNTPServers) != 0 {
		t.Fatalf("state: %d %+v", code, st)
	}
	ans = f.do(t, f.master, "POST", "/api/v2/time/test", `{"ntpServers":["NTP.unreachable.test"]}`, bearer(session))
	if ans.raw != `{"testedNTPServers":[{"server":"NTP.unreachable.test","state":"pass"}]}` {
		t.Fatalf("time/test: %d %s", ans.status, ans.raw)
	}
	if m := f.node(t, f.master); m.TimeReference != TimeESXHost || f.cluster.TimeConfigs() != 0 {
		t.Fatalf("a test changed the settings: %+v", m)
	}
	expectBare(t, f.do(t, f.master, "POST", "/api/v2/time/test", `{"ntpServers":["a"]}`, nil), 401, "Invalid session ID", false)
}

func TestBootstrapHook(t *testing.T) {
	f := newFixture(t)
	node := f.nodes[1]
	body := `{"node":"` + node.Host() + `","user":"ops","password":"Ops#Pass-1"}`
	if code, st := f.hook(t, f.master, "POST", "/_mock/bootstrap-node", body); code != 200 || st.Nodes[2].State != "STARTING" || !st.Nodes[2].Bootstrapped || f.cluster.Bootstraps() != 0 {
		t.Fatalf("bootstrap-node %d: %+v", code, st)
	}
	expectError(t, f.do(t, node, "POST", "/api/v2/deployment/new", `{"user":{"userName":"x","password":"y"}}`, nil), 409, "", "bootstrapped")
	f.clock.Advance(2 * time.Second)
	if ans := f.do(t, node, "POST", "/api/v2/sessions", credentials("ops", "Ops#Pass-1", "Local"), nil); ans.status != 200 {
		t.Fatalf("login: %d %s", ans.status, ans.raw)
	}
	for _, b := range []string{body, `{"node":"nope","user":"a","password":"b"}`, `{"node":"` + f.nodes[0].Host() + `"}`} {
		if code, _ := f.hook(t, f.master, "POST", "/_mock/bootstrap-node", b); code != 400 {
			t.Errorf("%s: %d", b, code)
		}
	}
	// deployment/new is what Bootstraps counts.
	if ans := f.do(t, f.nodes[0], "POST", "/api/v2/deployment/new", `{"user":{"userName":"x","password":"y"}}`, nil); ans.status != 200 || f.cluster.Bootstraps() != 1 {
		t.Fatalf("new: %d, %d bootstraps", ans.status, f.cluster.Bootstraps())
	}
}
