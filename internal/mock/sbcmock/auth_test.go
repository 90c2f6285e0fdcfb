package sbcmock

import (
	"net/http"
	"testing"
)

func TestSupportedVersionsNeedsNoAuth(t *testing.T) {
	f := newFixture(t)
	ans := f.do(t, UnitA, "GET", "/rest/api/supportedversions", nil)
	if ans.status != 200 || ans.contentType != "application/xml" {
		t.Fatalf("got %d %q", ans.status, ans.contentType)
	}
	if d := ans.body.Data; d.Latest != "v1.2" || len(d.Others) != 2 || d.Others[0] != "v1.0" || d.Others[1] != "v1.1" {
		t.Fatalf("versions: %s", ans.raw)
	}
	expectError(t, f.do(t, UnitA, "GET", "/rest/v1.2/api/supportedversions", nil), 404, "Resource not found")
}

func TestTokenIssue(t *testing.T) {
	f := newFixture(t)
	a1 := f.login(t, UnitA, AdminUser, AdminPassword)
	a2 := f.login(t, UnitA, AdminUser, AdminPassword)
	if a1 == a2 {
		t.Error("two logins returned the same token")
	}
	if ans := f.do(t, UnitA, "POST", "/rest/v1.0/auth/token", basic(ReadOnlyUser, ReadOnlyPassword)); ans.status != 200 {
		t.Errorf("read-only login on v1.0: %d", ans.status)
	}
	f.status(t, UnitA, a1)
}

func TestUnauthorized(t *testing.T) {
	f := newFixture(t)
	tokenA := f.login(t, UnitA, AdminUser, AdminPassword)
	cases := []struct {
		name   string
		unit   Unit
		method string
		path   string
		header http.Header
	}{
		{"wrong password", UnitA, "POST", "/rest/v1.1/auth/token", basic(AdminUser, "admin")},
		{"unknown user", UnitA, "POST", "/rest/v1.1/auth/token", basic("guest", ReadOnlyPassword)},
		{"no credentials", UnitA, "POST", "/rest/v1.1/auth/token", nil},
		{"no token", UnitA, "GET", "/rest/v1.1/system/status", nil},
		{"basic instead of bearer", UnitA, "GET", "/rest/v1.1/system/status", basic(AdminUser, AdminPassword)},
		{"unknown token", UnitA, "GET", "/rest/v1.1/system/status", bearer("forged")},
		{"token of the other unit", UnitB, "GET", "/rest/v1.1/system/status", bearer(tokenA)},
		{"switchover without token", UnitA, "POST", "/rest/v1.1/admin/switchover", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectError(t, f.do(t, tc.unit, tc.method, tc.path, tc.header), 401, "Unauthorized")
		})
	}
}

func TestReadOnlyUserCannotSwitchOver(t *testing.T) {
	f := newFixture(t)
	token := f.login(t, UnitA, ReadOnlyUser, ReadOnlyPassword)
	if st := f.status(t, UnitA, token); st.body.Data.Role != "active" {
		t.Errorf("read-only status: %s", st.raw)
	}
	expectError(t, f.switchover(t, UnitA, token), 403, "administrator privileges")
	if f.pair.AcceptedSwitchovers() != 0 {
		t.Error("a refused switchover was counted")
	}
}

func TestUnsupportedVersion(t *testing.T) {
	f := newFixture(t)
	token := f.login(t, UnitA, AdminUser, AdminPassword)
	expectError(t, f.do(t, UnitA, "POST", "/rest/v2.0/auth/token", basic(AdminUser, AdminPassword)), 404, "Unsupported versionId in URI")
	expectError(t, f.do(t, UnitA, "POST", "/rest/v9/admin/switchover", bearer(token)), 404, "Unsupported versionId in URI")
	expectError(t, f.do(t, UnitA, "GET", "/rest/v0.9/system/status", bearer(token)), 404, "Resource not found")
	expectError(t, f.do(t, UnitA, "GET", "/rest/v1.1/system/nothing", bearer(token)), 404, "Resource not found")
}

func TestOnlyXML(t *testing.T) {
	f := newFixture(t)
	token := f.login(t, UnitA, AdminUser, AdminPassword)
	h := bearer(token)
	h.Set("Accept", "application/json")
	if ans := f.do(t, UnitA, "GET", "/rest/v1.1/system/status", h); ans.status != 406 {
		t.Fatalf("Accept JSON: %d", ans.status)
	}
	h.Set("Accept", "application/json, application/xml;q=0.5")
	if ans := f.do(t, UnitA, "GET", "/rest/v1.1/system/status", h); ans.status != 200 {
		t.Fatalf("Accept JSON or XML: %d", ans.status)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	f := newFixture(t)
	token := f.login(t, UnitA, AdminUser, AdminPassword)
	ans := f.do(t, UnitA, "GET", "/rest/v1.1/admin/switchover", bearer(token))
	expectError(t, ans, 405, "Method not allowed")
	if f.pair.AcceptedSwitchovers() != 0 {
		t.Error("GET started a switchover")
	}
}

// With VersionsNeedToken the version list answers 401 without a valid token, as any
// other call; with a token of the unit it answers.
func TestSupportedVersionsNeedsToken(t *testing.T) {
	f := newFixture(t)
	if code, st := f.hook(t, UnitA, "POST", "/_mock/state", `{"versions_need_token":true}`); code != 200 || !st.VersionsNeedToken {
		t.Fatalf("knob: %d %+v", code, st)
	}
	expectError(t, f.do(t, UnitA, "GET", "/rest/api/supportedversions", nil), 401, "Unauthorized")
	expectError(t, f.do(t, UnitA, "GET", "/rest/api/supportedversions", bearer("forged")), 401, "invalid access token")
	tokenB := f.login(t, UnitB, ReadOnlyUser, ReadOnlyPassword)
	expectError(t, f.do(t, UnitA, "GET", "/rest/api/supportedversions", bearer(tokenB)), 401, "invalid access token")
	token := f.login(t, UnitA, ReadOnlyUser, ReadOnlyPassword)
	if ans := f.do(t, UnitA, "GET", "/rest/api/supportedversions", bearer(token)); ans.status != 200 || ans.body.Data.Latest != "v1.2" {
		t.Fatalf("with a token: %d %s", ans.status, ans.raw)
	}
	f.pair.SetVersionsNeedToken(false)
	if ans := f.do(t, UnitA, "GET", "/rest/api/supportedversions", nil); ans.status != 200 {
		t.Fatalf("after turning it off: %d %s", ans.status, ans.raw)
	}
}
