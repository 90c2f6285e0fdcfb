package ftdmock

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestPasswordGrant(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Primary)
	if tok.ExpiresIn != 1800 || tok.RefreshExpiresIn != 2400 || tok.TokenType != "Bearer" || tok.RefreshToken == "" || tok.RefreshToken == tok.AccessToken {
		t.Fatalf("token answer: %+v", tok)
	}
	parts := strings.Split(tok.AccessToken, ".")
	if len(parts) != 3 {
		t.Fatalf("access token is not JWT-shaped: %q", tok.AccessToken)
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil || claims["sub"] != Username || claims["exp"] != float64(epoch.Add(1800*time.Second).Unix()) {
		t.Fatalf("claims %s: %v", payload, err)
	}
	f.status(t, Primary, tok.AccessToken)
	// A token is valid only on the unit that issued it.
	expectError(t, f.do(t, Secondary, "GET", api("devices/default/operational/ha/status/default"), tok.AccessToken, nil), 401, keyGeneral, "invalid")
	if st := f.pair.Tokens(Primary); st.Live != 1 || st.PasswordGrants != 1 || st.RefreshGrants != 0 {
		t.Fatalf("stats: %+v", st)
	}
	if f.pair.LiveTokens(Secondary) != 0 {
		t.Fatal("secondary has live tokens")
	}
}

func TestTokenCallFailures(t *testing.T) {
	f := newFixture(t)
	for _, body := range []map[string]any{
		{"grant_type": "password", "username": Username, "password": "wrong"},
		{"grant_type": "password", "username": "root", "password": Password},
		{"username": Username, "password": Password},
		{"grant_type": "client_credentials"},
		{"grant_type": "refresh_token", "refresh_token": "nonsense"},
		{"grant_type": "revoke_token", "access_token": "nonsense", "token_to_revoke": "nonsense"},
	} {
		ans, tok := f.grant(t, Primary, body)
		if ans.status != http.StatusBadRequest || tok.StatusCode != http.StatusBadRequest || tok.Message == "" || tok.AccessToken != "" {
			t.Errorf("%v: %d %s", body, ans.status, ans.raw)
		}
	}
	if ans := f.do(t, Primary, "POST", api("fdm/token"), "", "{"); ans.status != 400 {
		t.Errorf("malformed body: %d %s", ans.status, ans.raw)
	}
	if st := f.pair.Tokens(Primary); st.Live != 0 || st.PasswordGrants != 0 || st.Rejected != 7 {
		t.Fatalf("stats: %+v", st)
	}
}

func TestFiveLiveTokens(t *testing.T) {
	f := newFixture(t)
	var tokens []string
	for range 5 {
		tokens = append(tokens, f.login(t, Primary).AccessToken)
		f.clock.Advance(time.Second)
	}
	if n := f.pair.LiveTokens(Primary); n != 5 {
		t.Fatalf("live = %d", n)
	}
	sixth := f.login(t, Primary).AccessToken
	expectError(t, f.do(t, Primary, "GET", api("devices/default/operational/ha/status/default"), tokens[0], nil), 401, keyGeneral, "expired")
	for _, tok := range append(tokens[1:], sixth) {
		f.status(t, Primary, tok)
	}
	if st := f.pair.Tokens(Primary); st.Live != 5 || st.Evicted != 1 || st.PasswordGrants != 6 {
		t.Fatalf("stats: %+v", st)
	}
}

func TestRefreshRotatesBoth(t *testing.T) {
	f := newFixture(t)
	old := f.login(t, Primary)
	f.clock.Advance(10 * time.Minute)
	ans, fresh := f.grant(t, Primary, map[string]any{"grant_type": "refresh_token", "refresh_token": old.RefreshToken})
	if ans.status != 200 || fresh.AccessToken == old.AccessToken || fresh.RefreshToken == old.RefreshToken || fresh.ExpiresIn != 1800 || fresh.RefreshExpiresIn != 2400 {
		t.Fatalf("refresh: %d %s", ans.status, ans.raw)
	}
	expectError(t, f.do(t, Primary, "GET", api("devices/default/operational/ha/status/default"), old.AccessToken, nil), 401, keyGeneral, "expired")
	if ans, _ := f.grant(t, Primary, map[string]any{"grant_type": "refresh_token", "refresh_token": old.RefreshToken}); ans.status != 400 {
		t.Fatalf("reused refresh token: %d %s", ans.status, ans.raw)
	}
	f.status(t, Primary, fresh.AccessToken)
	if st := f.pair.Tokens(Primary); st.Live != 1 || st.PasswordGrants != 1 || st.RefreshGrants != 1 {
		t.Fatalf("stats: %+v", st)
	}
}

func TestRefreshAfterAccessExpiry(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Primary)
	f.clock.Advance(1800 * time.Second)
	expectError(t, f.do(t, Primary, "GET", api("devices/default/interfaces"), tok.AccessToken, nil), 401, keyGeneral, "expired")
	if f.pair.LiveTokens(Primary) != 0 {
		t.Fatal("an expired token counts as live")
	}
	ans, fresh := f.grant(t, Primary, map[string]any{"grant_type": "refresh_token", "refresh_token": tok.RefreshToken})
	if ans.status != 200 {
		t.Fatalf("refresh: %d %s", ans.status, ans.raw)
	}
	f.status(t, Primary, fresh.AccessToken)
	f.clock.Advance(2400 * time.Second)
	if ans, _ := f.grant(t, Primary, map[string]any{"grant_type": "refresh_token", "refresh_token": fresh.RefreshToken}); ans.status != 400 || !strings.Contains(ans.raw, "expired") {
		t.Fatalf("expired refresh token: %d %s", ans.status, ans.raw)
	}
}

func TestExpiryStatus408(t *testing.T) {
	f := newFixture(t)
	if err := f.pair.SetExpiryStatus(408); err != nil {
		t.Fatal(err)
	}
	if err := f.pair.SetExpiryStatus(440); err == nil {
		t.Fatal("440 accepted")
	}
	tok := f.login(t, Primary)
	f.pair.ExpireTokens(Primary)
	expectError(t, f.do(t, Primary, "GET", api("devices/default/interfaces"), tok.AccessToken, nil), 408, keyGeneral, "expired")
	// A missing or unknown token stays 401.
	expectError(t, f.do(t, Primary, "GET", api("devices/default/interfaces"), "", nil), 401, keyGeneral, "Bearer")
	expectError(t, f.do(t, Primary, "GET", api("devices/default/interfaces"), "garbage", nil), 401, keyGeneral, "invalid")
	// ExpireTokens expired the refresh token too.
	if ans, _ := f.grant(t, Primary, map[string]any{"grant_type": "refresh_token", "refresh_token": tok.RefreshToken}); ans.status != 400 {
		t.Fatalf("refresh after ExpireTokens: %d %s", ans.status, ans.raw)
	}
}

func TestExpireAccessTokensKeepsRefresh(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Secondary)
	f.pair.ExpireAccessTokens(Secondary)
	expectError(t, f.do(t, Secondary, "GET", api("devices/default/interfaces"), tok.AccessToken, nil), 401, keyGeneral, "expired")
	if ans, _ := f.grant(t, Secondary, map[string]any{"grant_type": "refresh_token", "refresh_token": tok.RefreshToken}); ans.status != 200 {
		t.Fatalf("refresh: %d %s", ans.status, ans.raw)
	}
	if st := f.pair.Tokens(Secondary); st.Live != 1 || st.RefreshGrants != 1 {
		t.Fatalf("stats: %+v", st)
	}
}

func TestRevokeToken(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Primary)
	other := f.login(t, Primary)
	ans, st := f.grant(t, Primary, map[string]any{"grant_type": "revoke_token", "access_token": tok.AccessToken, "token_to_revoke": other.AccessToken})
	if ans.status != http.StatusOK || st.StatusCode != http.StatusOK || st.Message != "OK" {
		t.Fatalf("revoke: %d %s", ans.status, ans.raw)
	}
	expectError(t, f.do(t, Primary, "GET", api("devices/default/interfaces"), other.AccessToken, nil), 401, keyGeneral, "revoked")
	// Revoking the access token leaves its refresh token usable: revoke that too.
	if st := f.pair.Tokens(Primary); st.Live != 1 || st.LiveRefresh != 2 || f.pair.LiveSessions(Primary) != 2 {
		t.Fatalf("after revoking an access token: %+v", st)
	}
	if ans, _ := f.grant(t, Primary, map[string]any{"grant_type": "revoke_token", "access_token": tok.AccessToken, "token_to_revoke": other.RefreshToken}); ans.status != 200 {
		t.Fatalf("revoke of a refresh token: %d %s", ans.status, ans.raw)
	}
	if ans, _ := f.grant(t, Primary, map[string]any{"grant_type": "refresh_token", "refresh_token": other.RefreshToken}); ans.status != 400 {
		t.Fatalf("refresh with a revoked refresh token: %d %s", ans.status, ans.raw)
	}
	// Revoking one's own token, as a client does on shutdown.
	if ans, _ := f.grant(t, Primary, map[string]any{"grant_type": "revoke_token", "access_token": tok.AccessToken, "token_to_revoke": tok.AccessToken}); ans.status != 200 {
		t.Fatalf("self revoke: %d %s", ans.status, ans.raw)
	}
	if st := f.pair.Tokens(Primary); st.Live != 0 || st.LiveRefresh != 1 || st.Revocations != 3 {
		t.Fatalf("stats: %+v", st)
	}
	if ans, _ := f.grant(t, Primary, map[string]any{"grant_type": "revoke_token", "access_token": tok.AccessToken, "token_to_revoke": tok.AccessToken}); ans.status != 400 {
		t.Fatalf("revoke with a revoked token: %d %s", ans.status, ans.raw)
	}
}

func TestCustomToken(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Primary)
	ans, custom := f.grant(t, Primary, map[string]any{"grant_type": "custom_token", "access_token": tok.AccessToken,
		"desired_expires_in": 60, "desired_refresh_expires_in": 120, "desired_subject": "ci-bot"})
	if ans.status != 200 || custom.ExpiresIn != 60 || custom.RefreshExpiresIn != 120 {
		t.Fatalf("custom: %d %s", ans.status, ans.raw)
	}
	f.status(t, Primary, custom.AccessToken)
	if ans, _ := f.grant(t, Primary, map[string]any{"grant_type": "revoke_token", "access_token": tok.AccessToken, "custom_token_subject_to_revoke": "ci-bot"}); ans.status != 200 {
		t.Fatalf("revoke by subject: %d %s", ans.status, ans.raw)
	}
	expectError(t, f.do(t, Primary, "GET", api("devices/default/interfaces"), custom.AccessToken, nil), 401, keyGeneral, "revoked")
	if st := f.pair.Tokens(Primary); st.CustomGrants != 1 || st.Live != 1 {
		t.Fatalf("stats: %+v", st)
	}
}

// With RevokeWholeLogin, revoking either token of a pair ends both.
func TestRevokeWholeLogin(t *testing.T) {
	f := newFixtureWith(t, Options{RevokeWholeLogin: true})
	tok := f.login(t, Primary)
	if ans, _ := f.grant(t, Primary, map[string]any{"grant_type": "revoke_token", "access_token": tok.AccessToken, "token_to_revoke": tok.RefreshToken}); ans.status != 200 {
		t.Fatalf("revoke: %d %s", ans.status, ans.raw)
	}
	if st := f.pair.Tokens(Primary); st.Live != 0 || st.LiveRefresh != 0 || f.pair.LiveSessions(Primary) != 0 {
		t.Fatalf("stats: %+v", st)
	}
}
