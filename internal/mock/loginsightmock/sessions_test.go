package loginsightmock

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

type loginAnswer struct {
	UserID    string `json:"userId"`
	SessionID string `json:"sessionId"`
	TTL       int    `json:"ttl"`
}

func TestLogin(t *testing.T) {
	f := newFixture(t)
	ans := f.do(t, f.master, "POST", "/api/v2/sessions", credentials(AdminUser, AdminPassword, "Local"), nil)
	if ans.status != 200 || ans.contentType != "application/json" {
		t.Fatalf("login: %d %q %s", ans.status, ans.contentType, ans.raw)
	}
	l := decode[loginAnswer](t, ans)
	if l.TTL != 1800 || l.UserID == "" || !strings.ContainsAny(l.SessionID, "+") || !strings.Contains(l.SessionID, "/") || !strings.HasSuffix(l.SessionID, "=") {
		t.Fatalf("login answer: %s", ans.raw)
	}
	cur := f.do(t, f.master, "GET", "/api/v1/sessions/current", "", bearer(l.SessionID))
	if c := decode[loginAnswer](t, cur); cur.status != 200 || c.UserID != l.UserID || c.TTL != 1800 {
		t.Fatalf("sessions/current: %d %s", cur.status, cur.raw)
	}
	if again := f.login(t, f.master); again == l.SessionID {
		t.Error("two logins returned the same session")
	}
	if f.cluster.Logins() != 2 || f.cluster.LoginFailures() != 0 || f.cluster.LiveSessions() != 2 {
		t.Errorf("logins %d, failures %d, live %d", f.cluster.Logins(), f.cluster.LoginFailures(), f.cluster.LiveSessions())
	}
}

func TestLoginRefused(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name   string
		body   string
		status int
		code   string
		text   string
	}{
		{"wrong password", credentials(AdminUser, "admin", "Local"), 401, "FIELD_ERROR", "Invalid username or password"},
		{"unknown user", credentials("root", AdminPassword, "Local"), 401, "FIELD_ERROR", "Invalid username or password"},
		{"user of another provider", credentials(AdminUser, AdminPassword, "ActiveDirectory"), 401, "FIELD_ERROR", "Invalid username or password"},
		{"unknown provider", credentials(AdminUser, AdminPassword, "LDAP"), 400, "JSON_FORMAT_ERROR", "Invalid request body"},
		{"provider missing", `{"username":"admin","password":"x"}`, 400, "JSON_FORMAT_ERROR", "Invalid request body"},
		{"empty body", ``, 400, "JSON_FORMAT_ERROR", "Invalid request body"},
		{"not JSON", `username=admin`, 400, "JSON_FORMAT_ERROR", "Invalid request body"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := expectError(t, f.do(t, f.master, "POST", "/api/v2/sessions", tc.body, nil), tc.status, tc.code, tc.text)
			if tc.name == "unknown provider" && !strings.Contains(e.ErrorDetails["provider"], "Local") {
				t.Errorf("details: %v", e.ErrorDetails)
			}
		})
	}
	if f.cluster.Logins() != 0 || f.cluster.LoginFailures() != 3 {
		t.Errorf("logins %d, failures %d", f.cluster.Logins(), f.cluster.LoginFailures())
	}
}

func TestLoginBeforeBootstrap(t *testing.T) {
	f := newFixture(t)
	body := credentials(AdminUser, AdminPassword, "Local")
	e := expectError(t, f.do(t, f.nodes[0], "POST", "/api/v2/sessions", body, nil), 503, "", "should be bootstrapped")
	if e.ErrorMessage != "Operations for Logs server should be bootstrapped to process this API call" {
		t.Errorf("v2 message %q", e.ErrorMessage)
	}
	e = expectError(t, f.do(t, f.nodes[0], "POST", "/api/v1/sessions", body, nil), 503, "", "should be bootstrapped")
	if !strings.HasPrefix(e.ErrorMessage, "Log Insight") {
		t.Errorf("v1 message %q", e.ErrorMessage)
	}
	expectError(t, f.do(t, f.nodes[1], "GET", "/api/v2/upgrades", "", nil), 503, "", "should be bootstrapped")
}

func TestInvalidSession(t *testing.T) {
	f := newFixture(t)
	id := f.login(t, f.master)
	cases := []struct {
		name   string
		header http.Header
	}{
		{"no header", nil},
		{"bare id", http.Header{"Authorization": {id}}},
		{"X-Auth-Token", http.Header{"X-Auth-Token": {id}}},
		{"unknown id", bearer("forged")},
		{"id with its padding stripped", bearer(strings.TrimRight(id, "="))},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectBare(t, f.do(t, f.master, "GET", "/api/v2/upgrades", "", tc.header), 401, "Invalid session ID", false)
			expectBare(t, f.do(t, f.master, "GET", "/api/v1/upgrades", "", tc.header), 401, "Invalid session ID", true)
		})
	}
	if ans := f.do(t, f.master, "GET", "/api/v2/upgrades", "", http.Header{"Authorization": {"bearer " + id}}); ans.status != 200 {
		t.Errorf("lower-case scheme: %d", ans.status)
	}
}

func TestSessionTTL(t *testing.T) {
	f := newFixture(t)
	f.cluster.SetSessionTTL(time.Minute)
	id := f.login(t, f.master)
	f.clock.Advance(59*time.Second + time.Millisecond)
	cur := f.do(t, f.master, "GET", "/api/v2/sessions/current", "", bearer(id))
	if c := decode[loginAnswer](t, cur); cur.status != 200 || c.TTL != 1 {
		t.Fatalf("before expiry: %d %s", cur.status, cur.raw)
	}
	f.clock.Advance(time.Second)
	expectBare(t, f.do(t, f.master, "GET", "/api/v2/upgrades", "", bearer(id)), 440, "Login Timeout", false)
	expectBare(t, f.do(t, f.master, "GET", "/api/v1/upgrades", "", bearer(id)), 440, "Login Timeout", true)

	if err := f.cluster.SetExpiredStatus(401); err != nil {
		t.Fatal(err)
	}
	expectBare(t, f.do(t, f.master, "GET", "/api/v2/upgrades", "", bearer(id)), 401, "Invalid session ID", false)
	if err := f.cluster.SetExpiredStatus(419); err == nil {
		t.Error("expired status 419 accepted")
	}
	if ans := f.do(t, f.master, "GET", "/api/v2/upgrades", "", bearer(f.login(t, f.master))); ans.status != 200 {
		t.Fatalf("after re-login: %d", ans.status)
	}
}

func TestExpireSessions(t *testing.T) {
	f := newFixture(t)
	id := f.login(t, f.master)
	f.cluster.ExpireSessions()
	expectBare(t, f.do(t, f.master, "GET", "/api/v2/upgrades", "", bearer(id)), 440, "Login Timeout", false)
	if f.cluster.LiveSessions() != 0 {
		t.Error("sessions still live")
	}
	if ans := f.do(t, f.master, "GET", "/api/v2/upgrades", "", bearer(f.login(t, f.master))); ans.status != 200 {
		t.Fatalf("after re-login: %d", ans.status)
	}
}

func TestExpireSessionsAfter(t *testing.T) {
	f := newFixture(t)
	id := f.login(t, f.master)
	f.cluster.ExpireSessionsAfter(2)
	for i := range 2 {
		if ans := f.do(t, f.master, "GET", "/api/v2/upgrades", "", bearer(id)); ans.status != 200 {
			t.Fatalf("request %d: %d", i, ans.status)
		}
	}
	expectBare(t, f.do(t, f.master, "GET", "/api/v2/upgrades", "", bearer(id)), 440, "Login Timeout", false)
	fresh := f.login(t, f.master)
	for i := range 3 {
		if ans := f.do(t, f.master, "GET", "/api/v2/upgrades", "", bearer(fresh)); ans.status != 200 {
			t.Fatalf("one shot only, request %d after re-login: %d", i, ans.status)
		}
	}
}
