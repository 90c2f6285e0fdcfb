package loginsightmock

import (
	"testing"
	"time"
)

// TestNewProbe: clients POST {} to learn whether a node is bootstrapped.
func TestNewProbe(t *testing.T) {
	f := newFixture(t)
	expectError(t, f.do(t, f.nodes[0], "POST", "/api/v2/deployment/new", `{}`, nil), 400, "JSON_FORMAT_ERROR", "Invalid request body.")
	expectError(t, f.do(t, f.master, "POST", "/api/v2/deployment/new", `{}`, nil), 409, "", "isn't allowed after the Operations for Logs server is bootstrapped")
	expectError(t, f.do(t, f.master, "POST", "/api/v1/deployment/new", `{}`, nil), 403, "", "isn't allowed after the Log Insight server is bootstrapped")
	for _, body := range []string{``, `{"user":{"userName":"admin"}}`, `{"user":{"password":"x"}}`} {
		expectError(t, f.do(t, f.nodes[0], "POST", "/api/v2/deployment/new", body, nil), 400, "JSON_FORMAT_ERROR", "Invalid request body.")
	}
	if n := f.node(t, f.nodes[0]); n.State != StateUnbootstrapped {
		t.Fatalf("state %s", n.State)
	}
}

func TestNewBootstrapsAMaster(t *testing.T) {
	f := newFixture(t)
	node := f.nodes[1]
	ans := f.do(t, node, "POST", "/api/v2/deployment/new", `{"user":{"userName":"ops","password":"Ops#Pass-1","email":"ops@example.net"}}`, nil)
	if ans.status != 200 || ans.raw != "" {
		t.Fatalf("new: %d %q", ans.status, ans.raw)
	}
	n := f.node(t, node)
	if n.State != StateStarting || !n.Master || !n.Bootstrapped || n.Token == "" {
		t.Fatalf("node after new: %+v", n)
	}
	opsLogin := credentials("ops", "Ops#Pass-1", "Local")
	expectError(t, f.do(t, node, "POST", "/api/v2/sessions", opsLogin, nil), 503, "", "should be bootstrapped")
	expectError(t, f.do(t, node, "POST", "/api/v2/deployment/new", `{}`, nil), 409, "", "bootstrapped")

	f.clock.Advance(2 * time.Second)
	ans = f.do(t, node, "POST", "/api/v2/sessions", opsLogin, nil)
	if ans.status != 200 {
		t.Fatalf("login on the new master: %d %s", ans.status, ans.raw)
	}
	ops := decode[loginAnswer](t, ans).SessionID
	// Two clusters, two user tables, sessions valid in their own cluster only.
	expectError(t, f.do(t, node, "POST", "/api/v2/sessions", credentials(AdminUser, AdminPassword, "Local"), nil), 401, "FIELD_ERROR", "Invalid username")
	expectBare(t, f.do(t, f.master, "GET", "/api/v2/upgrades", "", bearer(ops)), 401, "Invalid session ID", false)
	expectBare(t, f.do(t, node, "GET", "/api/v2/upgrades", "", bearer(f.login(t, f.master))), 401, "Invalid session ID", false)
	ups := decode[upgradesAnswer](t, f.do(t, node, "GET", "/api/v2/upgrades", "", bearer(ops)))
	if _, ok := ups.Nodes[n.Token]; len(ups.Nodes) != 1 || !ok {
		t.Fatalf("new cluster's upgrades: %+v", ups)
	}
	if len(f.cluster.Members()) != 1 {
		t.Error("the served master's cluster changed")
	}
}

func TestNewAcceptsLowerCaseUsername(t *testing.T) {
	f := newFixture(t)
	if ans := f.do(t, f.nodes[0], "POST", "/api/v1/deployment/new", `{"user":{"username":"ops","password":"Ops#Pass-1"}}`, nil); ans.status != 200 {
		t.Fatalf("new with username: %d %s", ans.status, ans.raw)
	}
	f.clock.Advance(2 * time.Second)
	if ans := f.do(t, f.nodes[0], "POST", "/api/v1/sessions", credentials("ops", "Ops#Pass-1", "Local"), nil); ans.status != 200 {
		t.Fatalf("login: %d %s", ans.status, ans.raw)
	}
}
