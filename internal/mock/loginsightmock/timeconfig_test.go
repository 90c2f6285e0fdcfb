package loginsightmock

import (
	"slices"
	"testing"
	"time"
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

	for _, tc := range []struct{ body, code, text string }{
		{``, "JSON_FORMAT_ERROR", "Invalid request body."},
		{`{"ntpServers":["a"]}`, "JSON_FORMAT_ERROR", "Invalid request body."},
		{`{"timeReference":"GPS"}`, "FIELD_ERROR", "Invalid time configuration."},
		{`{"timeReference":"NTP_SERVER","ntpServers":[]}`, "FIELD_ERROR", "Invalid time configuration."},
		{`{"timeReference":"NTP_SERVER","ntpServers":["bad host"]}`, "FIELD_ERROR", "Invalid time configuration."},
	} {
		expectError(t, f.do(t, node, "PUT", "/api/v2/time/config", tc.body, bearer(session)), 400, tc.code, tc.text)
	}
	if f.cluster.TimeConfigs() != 0 {
		t.Fatal("a refused time configuration was counted")
	}
	ans = f.do(t, node, "PUT", "/api/v2/time/config", ntp, bearer(session))
	got := decode[struct {
		TimeReference string
		NTPServers    []string
	}](t, ans)
	if ans.status != 200 || got.TimeReference != "NTP_SERVER" || len(got.NTPServers) != 2 {
		t.Fatalf("time config: %d %s", ans.status, ans.raw)
	}
	n := f.node(t, node)
	if n.TimeReference != TimeNTPServer || !slices.Equal(n.NTPServers, []string{"0.pool.ntp.org", "10.0.0.5"}) || f.cluster.TimeConfigs() != 1 {
		t.Fatalf("node %+v", n)
	}
	if m := f.node(t, f.master); m.TimeReference != "" {
		t.Fatalf("the other cluster's master changed: %+v", m)
	}
	// No GET is documented.
	if ans := f.do(t, node, "GET", "/api/v2/time/config", "", bearer(session)); ans.status != 405 {
		t.Fatalf("GET time/config: %d", ans.status)
	}
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
