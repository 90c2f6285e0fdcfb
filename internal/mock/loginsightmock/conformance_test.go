package loginsightmock

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestSpec_loads(t *testing.T) {
	api, err := v2API()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ method, path string }{
		{"POST", "/sessions"}, {"GET", "/sessions/current"}, {"POST", "/deployment/new"}, {"POST", "/deployment/join"},
		{"POST", "/deployment/approve"}, {"POST", "/deployment/waitUntilStarted"}, {"GET", "/deployment/token"},
		{"GET", "/time/config"}, {"PUT", "/time/config"}, {"POST", "/time/test"}, {"GET", "/upgrades"},
		{"GET", "/upgrades/8.18.0"}, {"GET", "/version"}, {"DELETE", "/cluster/vips/abc"},
	} {
		if _, ok := api.operation(c.method, c.path); !ok {
			t.Errorf("the v2 spec declares no %s %s", c.method, c.path)
		}
	}
	for _, c := range []struct{ method, path string }{{"GET", "/cluster/nodes"}, {"GET", "/time/test"}, {"DELETE", "/sessions"}, {"GET", "/upgrades/a/b"}} {
		if _, ok := api.operation(c.method, c.path); ok {
			t.Errorf("the v2 spec declares %s %s", c.method, c.path)
		}
	}
	if got := api.methods("/time/config"); strings.Join(got, ",") != "GET,PUT" {
		t.Errorf("methods of /time/config: %v", got)
	}
}

// Each kind of departure from the v2 spec is refused in the error body, naming the field,
// and recorded; a conforming request passes.
func TestSpec_refusesUndeclared(t *testing.T) {
	f := newFixture(t)
	session := f.login(t, f.master)
	node := f.nodes[0]
	for _, tc := range []struct {
		name, method, path, body string
		header                   http.Header
		status                   int
		field, text              string
	}{
		{"unknown field", "POST", "/api/v2/sessions", `{"username":"admin","password":"x","provider":"Local","domain":"corp"}`, nil, 400, "domain", "domain is not a field of this request"},
		{"wrong case", "POST", "/api/v2/sessions", `{"userName":"admin","password":"x","provider":"Local"}`, nil, 400, "username", "username is required"},
		{"outside the enum", "POST", "/api/v2/sessions", `{"username":"admin","password":"x","provider":"local"}`, nil, 400, "provider", "must be one of Local, ActiveDirectory, vIDM, not local"},
		{"wrong type", "POST", "/api/v2/deployment/join", `{"masterFQDN":"127.0.0.1","masterPort":"9543"}`, nil, 400, "masterPort", "masterPort must be a JSON integer"},
		{"out of range", "POST", "/api/v2/deployment/join", `{"masterFQDN":"127.0.0.1","masterPort":70000}`, nil, 400, "masterPort", "between 1 and 65535"},
		{"a fraction", "POST", "/api/v2/deployment/join", `{"masterFQDN":"127.0.0.1","masterPort":9543.5}`, nil, 400, "masterPort", "must be a JSON integer"},
		{"a boolean as a string", "POST", "/api/v2/deployment/join", `{"masterFQDN":"127.0.0.1","acceptCert":"true"}`, nil, 400, "acceptCert", "must be a JSON boolean"},
		{"nested unknown", "POST", "/api/v2/deployment/new", `{"user":{"userName":"ops","password":"p","role":"admin"}}`, nil, 400, "user.role", "user.role is not a field"},
		{"both spellings", "POST", "/api/v2/deployment/new", `{"user":{"userName":"ops","username":"ops","password":"p"}}`, nil, 400, "user.userName", "send one of user.userName and user.username"},
		{"no user name", "POST", "/api/v2/deployment/new", `{"user":{"password":"p"}}`, nil, 400, "user.username", "user.username is required"},
		{"array item type", "POST", "/api/v2/time/test", `{"ntpServers":["a",5]}`, bearer(session), 400, "ntpServers[1]", "ntpServers[1] must be a JSON string"},
		{"body where none is declared", "POST", "/api/v2/deployment/waitUntilStarted", `{}`, nil, 400, "body", "declares no request body"},
		{"undeclared query", "GET", "/api/v2/upgrades?verbose=true", ``, bearer(session), 400, "verbose", `query parameter "verbose" is not declared`},
		{"not JSON", "POST", "/api/v2/deployment/join", `{"masterFQDN":`, nil, 400, "body", "not one JSON value"},
		{"media type", "POST", "/api/v2/deployment/join", `masterFQDN=a`, http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, 415, "Content-Type", "takes application/json"},
		{"undeclared path", "GET", "/api/v2/cluster/members", ``, bearer(session), 404, "path", "GET /api/v2/cluster/members is not a path of the v2 spec"},
		{"undeclared method", "DELETE", "/api/v2/time/config", ``, bearer(session), 405, "method", "declares only GET, PUT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target := node
			if tc.header.Get("Authorization") != "" || strings.HasSuffix(tc.path, "/sessions") {
				target = f.master
			}
			before := len(f.cluster.SpecRefusals())
			ans := f.do(t, target, tc.method, tc.path, tc.body, tc.header)
			code := ""
			if tc.status == 400 {
				code = "JSON_FORMAT_ERROR"
			}
			e := expectError(t, ans, tc.status, code, "")
			if !strings.Contains(e.ErrorDetails[tc.field], tc.text) || !strings.Contains(e.ErrorDetails["reason"], tc.text) {
				t.Errorf("details %v, want %q under %q and in reason", e.ErrorDetails, tc.text, tc.field)
			}
			if r := f.cluster.SpecRefusals(); len(r) != before+1 || r[len(r)-1].Status != tc.status {
				t.Errorf("refusals %+v", r)
			}
		})
	}
	if ans := f.do(t, f.master, "DELETE", "/api/v2/time/config", "", bearer(session)); ans.status != 405 || ans.contentType == "" {
		t.Errorf("405: %+v", ans)
	}
	if n := f.node(t, node); n.State != StateUnbootstrapped || f.cluster.Logins() != 1 {
		t.Fatalf("a refused request changed something: %+v, %d logins", n, f.cluster.Logins())
	}

	// Conforming requests pass, userName and username alike; /api/v1 is not checked.
	before := len(f.cluster.SpecRefusals())
	if ans := f.do(t, node, "POST", "/api/v2/deployment/new", `{"user":{"username":"ops","password":"Ops#Pass-1","email":"ops@example.net"}}`, nil); ans.status != 200 {
		t.Fatalf("new with username: %d %s", ans.status, ans.raw)
	}
	if ans := f.do(t, f.nodes[1], "POST", "/api/v2/deployment/new", `{"user":{"userName":"ops","password":"Ops#Pass-1"}}`, nil); ans.status != 200 {
		t.Fatalf("new with userName: %d %s", ans.status, ans.raw)
	}
	if ans := f.do(t, f.master, "POST", "/api/v1/sessions", `{"username":"admin","password":"`+AdminPassword+`","provider":"Local","extra":1}`, nil); ans.status != 200 {
		t.Fatalf("v1 login: %d %s", ans.status, ans.raw)
	}
	if r := f.cluster.SpecRefusals(); len(r) != before {
		t.Fatalf("conforming requests refused: %+v", r[before:])
	}
	if _, st := f.hook(t, f.master, "GET", "/_mock/state", ""); len(st.SpecRefusals) != before {
		t.Fatalf("state shows %d refusals, want %d", len(st.SpecRefusals), before)
	}
}

// The access checks come first: a bootstrapped node refuses new whatever its body, and
// a protected call without a session gets 401 before its body is read.
func TestSpec_afterAccessChecks(t *testing.T) {
	f := newFixture(t)
	expectError(t, f.do(t, f.master, "POST", "/api/v2/deployment/new", `{"nope":1}`, nil), 409, "", "bootstrapped")
	expectBare(t, f.do(t, f.master, "PUT", "/api/v2/time/config", `{"nope":1}`, nil), 401, "Invalid session ID", false)
	if r := f.cluster.SpecRefusals(); len(r) != 0 {
		t.Fatalf("refusals %+v", r)
	}
}

// GET /cluster/nodes is served beside the spec unless the nodes serve only the spec.
func TestSpec_undocumentedClusterNodes(t *testing.T) {
	f := newFixture(t)
	session := f.login(t, f.master)
	if ans := f.do(t, f.master, "GET", "/api/v2/cluster/nodes", "", bearer(session)); ans.status != 200 {
		t.Fatalf("cluster/nodes: %d %s", ans.status, ans.raw)
	}
	if code, st := f.hook(t, f.master, "POST", "/_mock/state", `{"spec_only":true}`); code != 200 || !st.SpecOnly {
		t.Fatalf("spec_only: %d %+v", code, st)
	}
	for _, p := range []string{"/api/v2/cluster/nodes", "/api/v2/cluster/nodes/abc"} {
		if ans := f.do(t, f.master, "GET", p, "", bearer(session)); ans.status != 404 || ans.raw != "Not Found" {
			t.Fatalf("%s under spec_only: %d %q", p, ans.status, ans.raw)
		}
	}
	if r := f.cluster.SpecRefusals(); len(r) != 0 {
		t.Fatalf("the undocumented path counts as a refusal: %+v", r)
	}
}

// deployment/new and waitUntilStarted answer an empty body, or {} when told.
func TestEmptyObjectAnswers(t *testing.T) {
	f := newFixture(t)
	newBody := `{"user":{"userName":"ops","password":"Ops#Pass-1"}}`
	if ans := f.do(t, f.nodes[0], "POST", "/api/v2/deployment/new", newBody, nil); ans.status != 200 || ans.raw != "" {
		t.Fatalf("new: %d %q", ans.status, ans.raw)
	}
	if code, st := f.hook(t, f.master, "POST", "/_mock/state", `{"empty_object_answers":true}`); code != 200 || !st.EmptyObjectAnswers {
		t.Fatalf("knob: %d %+v", code, st)
	}
	if ans := f.do(t, f.nodes[1], "POST", "/api/v2/deployment/new", newBody, nil); ans.status != 200 || ans.raw != "{}" || !strings.HasPrefix(ans.contentType, "application/json") {
		t.Fatalf("new: %d %q %q", ans.status, ans.raw, ans.contentType)
	}
	f.clock.Advance(2 * time.Second)
	if ans := f.do(t, f.nodes[0], "POST", "/api/v2/deployment/waitUntilStarted", "", nil); ans.status != 200 || ans.raw != "{}" {
		t.Fatalf("waitUntilStarted: %d %q", ans.status, ans.raw)
	}
}

// GET /version names the release; a 9.1 node serves no other path of the v2 API.
func TestRelease91(t *testing.T) {
	f := newFixture(t)
	session := f.login(t, f.master)
	if ans := f.do(t, f.master, "GET", "/api/v2/version", "", bearer(session)); ans.status != 200 || ans.raw != `{"releaseName":"GA","version":"8.18.0.24029231"}` {
		t.Fatalf("version: %d %s", ans.status, ans.raw)
	}
	expectBare(t, f.do(t, f.master, "GET", "/api/v2/version", "", nil), 401, "Invalid session ID", false)
	if code, _ := f.hook(t, f.master, "POST", "/_mock/state", `{"release":"9.2"}`); code != 400 {
		t.Fatalf("unknown release: %d", code)
	}
	if code, st := f.hook(t, f.master, "POST", "/_mock/state", `{"release":"9.1"}`); code != 200 || st.Release != Release91 {
		t.Fatalf("release: %d %+v", code, st)
	}
	for _, c := range []struct{ method, path, body string }{
		{"POST", "/api/v2/sessions", credentials(AdminUser, AdminPassword, "Local")},
		{"POST", "/api/v2/deployment/new", `{"user":{"userName":"a","password":"b"}}`},
		{"POST", "/api/v2/deployment/join", `{"masterFQDN":"a"}`},
		{"POST", "/api/v2/deployment/waitUntilStarted", ""},
		{"GET", "/api/v2/time/config", ""},
		{"GET", "/api/v2/upgrades", ""},
		{"GET", "/api/v2/cluster/nodes", ""},
		{"POST", "/api/v1/sessions", credentials(AdminUser, AdminPassword, "Local")},
	} {
		if ans := f.do(t, f.master, c.method, c.path, c.body, bearer(session)); ans.status != 404 || ans.raw != "Not Found" {
			t.Errorf("%s %s on 9.1: %d %q", c.method, c.path, ans.status, ans.raw)
		}
	}
	if ans := f.do(t, f.master, "GET", "/api/v2/version", "", nil); ans.status != 200 || ans.raw != `{"releaseName":"GA","version":"`+Release91Version+`"}` {
		t.Fatalf("version on 9.1: %d %s", ans.status, ans.raw)
	}
	if n := f.node(t, f.nodes[0]); n.State != StateUnbootstrapped || f.cluster.Logins() != 1 {
		t.Fatalf("a 9.1 node acted on a v2 call: %+v", n)
	}
}
