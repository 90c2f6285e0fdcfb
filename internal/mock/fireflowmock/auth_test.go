package fireflowmock

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

var hex32 = regexp.MustCompile(`^[0-9a-f]{32}$`)

func TestLoginSuccess(t *testing.T) {
	f := newFixture(t)
	ans := f.post(t, AuthenticatePath, `{"username":"`+Username+`","password":"`+Password+`","domain":null}`, "")
	var data struct {
		SessionID    string `json:"sessionId"`
		FASessionID  string `json:"faSessionId"`
		PHPSessionID string `json:"phpSessionId"`
	}
	if err := json.Unmarshal(ans.env.Data, &data); err != nil {
		t.Fatal(err)
	}
	if ans.status != 200 || ans.env.Status != "Success" || len(ans.env.Messages) != 1 || ans.env.Messages[0].Code != "success" || ans.env.Messages[0].Message != "Success" {
		t.Fatalf("login: %d %s", ans.status, ans.raw)
	}
	if !hex32.MatchString(data.SessionID) || !hex32.MatchString(data.FASessionID) || data.SessionID == data.FASessionID ||
		!strings.HasPrefix(data.PHPSessionID, "PHPSESSID=") || !strings.HasSuffix(data.PHPSessionID, "; path=/; secure; HttpOnly") {
		t.Fatalf("session values: %+v", data)
	}
	if second := f.login(t); second == data.SessionID {
		t.Error("two logins returned the same session")
	}
	if f.ff.Logins() != 2 || len(f.ff.Sessions()) != 2 || f.ff.FailedLogins() != 0 {
		t.Errorf("logins %d, sessions %d, failed %d", f.ff.Logins(), len(f.ff.Sessions()), f.ff.FailedLogins())
	}
}

func TestLoginFailure(t *testing.T) {
	f := newFixture(t)
	for _, body := range []string{
		`{"username":"` + Username + `","password":"admin"}`,
		`{"username":"admin","password":"` + Password + `"}`,
		`{"username":"` + Username + `"}`,
		`{}`,
	} {
		expectFailure(t, f.post(t, AuthenticatePath, body, ""), 200, []string{"authentication.failure"}, "Authentication Failed")
	}
	f.ff.SetLoginFailureStatus(http.StatusForbidden)
	expectFailure(t, f.post(t, AuthenticatePath, `{"username":"x","password":"y"}`, ""), 403, []string{"authentication.failure"})
	if f.ff.Logins() != 0 || f.ff.FailedLogins() != 5 || len(f.ff.Sessions()) != 0 {
		t.Errorf("logins %d, failed %d, sessions %d", f.ff.Logins(), f.ff.FailedLogins(), len(f.ff.Sessions()))
	}
}

func TestMissingOrBadSessionIs403(t *testing.T) {
	f := newFixture(t)
	good := f.login(t)
	id := f.create(t, RuleRemovalPath, twoRules, good)
	routes := []struct{ method, path, body string }{
		{"POST", ObjectCreatePath, seedCreate},
		{"POST", RuleRemovalPath, twoRules},
		{"GET", ChangeRequestPath(KindRuleRemoval, id), ""},
		{"GET", ChangeRequestPath(KindObject, 1), ""},
		{"GET", ChangeRequestPath(KindTraffic, 1), ""},
	}
	for _, rt := range routes {
		for _, session := range []string{"", "0123456789abcdef0123456789abcdef"} {
			ans := f.do(t, rt.method, rt.path, "application/json", rt.body, session)
			expectFailure(t, ans, 403, []string{"INVALID_SESSION_KEY"}, "The session key provided is invalid")
		}
	}
	if n := f.ff.TicketCount(); n != 1 {
		t.Fatalf("%d tickets after refused creates", n)
	}
}

func TestSessionLifetimeAndExpiry(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	f.clock.Advance(30*time.Minute - time.Second)
	f.read(t, KindObject, f.create(t, ObjectCreatePath, seedReplace, s), s)
	f.clock.Advance(time.Second)
	expectFailure(t, f.post(t, ObjectCreatePath, seedReplace, s), 403, []string{"EXPIRED_SESSION_KEY"}, "has expired")
	if f.ff.TicketCount() != 1 {
		t.Fatal("an expired session created a ticket")
	}

	f.ff.SetSessionLifetime(time.Minute)
	short := f.login(t)
	f.clock.Advance(time.Minute)
	expectFailure(t, f.do(t, "GET", ChangeRequestPath(KindObject, 1001), "", "", short), 403, []string{"EXPIRED_SESSION_KEY"})

	fresh := f.login(t)
	other := f.login(t)
	f.ff.ExpireSessions()
	for _, id := range []string{fresh, other} {
		expectFailure(t, f.do(t, "GET", ChangeRequestPath(KindObject, 1001), "", "", id), 403, []string{"EXPIRED_SESSION_KEY"})
	}
	for _, sess := range f.ff.Sessions() {
		if !sess.Expired {
			t.Errorf("session %+v survived ExpireSessions", sess)
		}
	}
	f.read(t, KindObject, 1001, f.login(t))
	if f.ff.Logins() != 5 {
		t.Errorf("logins = %d, want 5", f.ff.Logins())
	}
}

func TestRTCookieAccepted(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, f.srv.URL()+SessionPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Cookie", RTSessionCookie+"="+s)
	resp, err := f.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var alive struct {
		Valid bool `json:"valid"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&alive); err != nil || resp.StatusCode != http.StatusOK || !alive.Valid {
		t.Fatalf("RT cookie: %d %+v %v", resp.StatusCode, alive, err)
	}
}

func TestSessionAlive(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	check := func(session string, valid bool, code string) {
		t.Helper()
		ans := f.do(t, "GET", SessionPath, "", "", session)
		var body struct {
			Valid   *bool `json:"valid"`
			Message struct {
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"message"`
		}
		if err := json.Unmarshal([]byte(ans.raw), &body); err != nil || ans.status != 200 || body.Valid == nil || *body.Valid != valid || body.Message.Code != code || body.Message.Message == "" {
			t.Fatalf("session %q: %d %s", session, ans.status, ans.raw)
		}
	}
	check(s, true, "success")
	check("", false, "INVALID_SESSION_KEY")
	check("feedfeedfeedfeedfeedfeedfeedfeed", false, "INVALID_SESSION_KEY")
	f.ff.ExpireSessions()
	check(s, false, "EXPIRED_SESSION_KEY")
}

func TestBadMediaType(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	for _, path := range []string{AuthenticatePath, ObjectCreatePath, RuleRemovalPath} {
		for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded", "application/json-patch"} {
			session := s
			if path == AuthenticatePath {
				session = ""
			}
			ans := f.do(t, "POST", path, ct, `{"username":"`+Username+`","password":"`+Password+`"}`, session)
			expectFailure(t, ans, 400, []string{"BAD_MEDIA_TYPE"}, "Content-Type header is missing or has unsuitable value")
		}
	}
	if ans := f.do(t, "POST", ObjectCreatePath, "application/json; charset=utf-8", seedReplace, s); ans.status != 200 {
		t.Fatalf("JSON with a charset: %d %s", ans.status, ans.raw)
	}
	if f.ff.Logins() != 1 || f.ff.TicketCount() != 1 {
		t.Errorf("logins %d, tickets %d", f.ff.Logins(), f.ff.TicketCount())
	}
}

func TestBadJSONFormat(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	bodies := map[string][]string{
		AuthenticatePath: {``, `{"username":`, `{"username":1,"password":"x"}`, `[]`},
		ObjectCreatePath: {
			`not json`,
			seedReplace + `}`,
			`{"template":5}`,
			`{"devices":"FW_101"}`,
			`{"requestedActions":[{"action":"create","isGroup":1}]}`,
		},
		RuleRemovalPath: {`{"fields":{}}`, `{"requestActions":[{"action":{"x":1}}]}`, `{"fields":[{"name":"x","values":[1]}]}`},
	}
	for path, list := range bodies {
		for _, body := range list {
			session := s
			if path == AuthenticatePath {
				session = ""
			}
			expectFailure(t, f.post(t, path, body, session), 400, []string{"BAD_JSON_FORMAT"}, "Bad JSON format")
		}
	}
	if f.ff.TicketCount() != 0 || f.ff.FailedLogins() != 0 {
		t.Errorf("tickets %d, failed logins %d", f.ff.TicketCount(), f.ff.FailedLogins())
	}
}
