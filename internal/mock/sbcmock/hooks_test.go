package sbcmock

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func (f *fixture) hook(t *testing.T, u Unit, method, path, body string) (int, pairState) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, f.server(u).URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var st pairState
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(raw, &st); err != nil {
			t.Fatalf("%s: %q: %v", path, raw, err)
		}
	}
	return resp.StatusCode, st
}

func TestStateHook(t *testing.T) {
	f := newFixture(t)
	code, st := f.hook(t, UnitA, "GET", "/_mock/state", "")
	if code != 200 || !st.HAConfigured || st.Active != "A" || len(st.Units) != 2 || st.Units[1].Role != "standby" || time.Duration(st.SwitchoverDelay) != 2*time.Second {
		t.Fatalf("initial state %d: %+v", code, st)
	}

	code, st = f.hook(t, UnitB, "POST", "/_mock/state", `{"synced":false,"health":60,"switchover_delay":"5s","never_swap":true}`)
	if code != 200 || st.Units[1].Synced || st.Units[1].Health != 60 || !st.Units[0].Synced || time.Duration(st.SwitchoverDelay) != 5*time.Second || !st.NeverSwap {
		t.Fatalf("after POST to B %d: %+v", code, st)
	}
	token := f.login(t, UnitA, AdminUser, AdminPassword)
	expectError(t, f.switchover(t, UnitA, token), 400, "not synchronized")

	code, st = f.hook(t, UnitA, "POST", "/_mock/state", `{"unit":"b","synced":true,"health":100,"never_swap":false,"token_lifetime":"1m"}`)
	if code != 200 || !st.Units[1].Synced || time.Duration(st.TokenLifetime) != time.Minute {
		t.Fatalf("after POST for unit b %d: %+v", code, st)
	}
	if ans := f.switchover(t, UnitA, token); ans.status != 204 {
		t.Fatalf("switchover: %d %s", ans.status, ans.raw)
	}
	f.clock.Advance(5 * time.Second)
	if _, st = f.hook(t, UnitA, "GET", "/_mock/state", ""); st.Active != "B" || st.SwitchoverCount != 1 || st.AcceptedSwitchovers != 1 {
		t.Fatalf("after switchover: %+v", st)
	}

	for _, bad := range []string{`{"helth":1}`, `{"unit":"C","synced":true}`, `{"switchover_delay":"soon"}`} {
		if code, _ := f.hook(t, UnitA, "POST", "/_mock/state", bad); code != 400 {
			t.Errorf("%s: %d", bad, code)
		}
	}
	if code, _ := f.hook(t, UnitA, "GET", "/_mock/nothing", ""); code != 404 {
		t.Errorf("unknown hook: %d", code)
	}
	if n, posts := len(f.a.Calls()), f.a.CountCalls("POST", "/rest/v1.1/admin/switchover"); n != 3 || posts != 2 {
		t.Errorf("%d calls logged on A (%d switchovers), want only the token and the two switchover requests", n, posts)
	}
}

func TestExpireTokensHook(t *testing.T) {
	f := newFixture(t)
	token := f.login(t, UnitB, AdminUser, AdminPassword)
	if code, _ := f.hook(t, UnitB, "POST", "/_mock/expire-tokens", ""); code != 204 {
		t.Fatalf("expire-tokens: %d", code)
	}
	expectError(t, f.do(t, UnitB, "GET", "/rest/v1.1/system/status", bearer(token)), 401, "expired")
}
