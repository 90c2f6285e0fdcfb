package ftd_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

func TestToken_passwordGrantThenBearer(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	c := f.client(t, ftdmock.Primary)
	for range 2 {
		st, err := c.HAStatus(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if st.NodeState != ftd.StateSingle || st.Role() != "" {
			t.Fatalf("status = %+v", st)
		}
	}
	calls := f.srv[ftdmock.Primary].Calls()
	if len(calls) != 4 || calls[0].Method != http.MethodGet || calls[0].Path != "/api/versions" || calls[0].Header.Get("Authorization") != "" {
		t.Fatalf("%d calls, want the API versions, a token grant, then two reads: %+v", len(calls), calls)
	}
	calls = calls[1:]
	login := calls[0]
	if login.Method != http.MethodPost || login.Path != apiPath(tokenPath) || login.Status != http.StatusOK || login.Header.Get("Authorization") != "" {
		t.Fatalf("first call: %+v", login)
	}
	for _, want := range []string{`"grant_type":"password"`, `"username":"admin"`} {
		if !strings.Contains(login.Body, want) {
			t.Errorf("token body %s lacks %s", login.Body, want)
		}
	}
	for _, read := range calls[1:] {
		// The mock accepts only "Bearer <live access token>"; the log masks the value.
		if read.Path != apiPath(statusPath) || read.Status != http.StatusOK || read.Header.Get("Authorization") == "" {
			t.Errorf("read: %+v", read)
		}
	}
	if st := f.pair.Tokens(ftdmock.Primary); st.PasswordGrants != 1 || st.Live != 1 || c.Logins() != 1 {
		t.Errorf("tokens %+v, client logins %d", st, c.Logins())
	}
}

func TestToken_badPasswordIsNamed(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	c, err := ftd.New(ftd.Config{BaseURL: f.srv[0].URL(), Username: ftdmock.Username, Password: "wrong", CACertPEM: string(f.ca.CertPEM())})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.HAStatus(t.Context())
	if err == nil || !strings.Contains(err.Error(), "refused the username or password") || strings.Contains(err.Error(), "wrong") {
		t.Fatalf("err = %v", err)
	}
	if st := f.pair.Tokens(ftdmock.Primary); st.Rejected != 1 || st.PasswordGrants != 0 || f.srv[0].CountCalls("GET", apiPath(statusPath)) != 0 {
		t.Errorf("tokens %+v", st)
	}
}

// A token inside the 60 s renewal window is renewed with the refresh grant, not
// the password. With a 60 s lifetime every call finds the token in the window.
func TestToken_refreshNearExpiry(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{AccessTokenLifetime: 60 * time.Second})
	c := f.client(t, ftdmock.Primary)
	for range 3 {
		if _, err := c.HAStatus(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	st := f.pair.Tokens(ftdmock.Primary)
	// A retired refresh token or access token would have been refused and cost a
	// second password grant.
	if st.PasswordGrants != 1 || st.RefreshGrants != 2 || st.Rejected != 0 || st.Live != 1 {
		t.Errorf("tokens %+v", st)
	}
	if got := grantTypes(t, f.srv[0]); !slices.Equal(got, []string{"password", "refresh_token", "refresh_token"}) {
		t.Errorf("grants %q", got)
	}
	if c.Logins() != 1 {
		t.Errorf("client logins %d", c.Logins())
	}
}

// An expired token answered 401 or 408 costs one password grant and one replay.
func TestToken_expiryRelogsInOnce(t *testing.T) {
	for _, status := range []int{http.StatusUnauthorized, http.StatusRequestTimeout} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			f := newUnitPair(t, ftdmock.Options{})
			if err := f.pair.SetExpiryStatus(status); err != nil {
				t.Fatal(err)
			}
			c := f.client(t, ftdmock.Primary)
			if _, err := c.HAStatus(t.Context()); err != nil {
				t.Fatal(err)
			}
			f.pair.ExpireTokens(ftdmock.Primary)
			f.srv[0].ResetCalls()
			if _, err := c.HAStatus(t.Context()); err != nil {
				t.Fatal(err)
			}
			calls := f.srv[0].Calls()
			want := []struct {
				path   string
				status int
			}{{statusPath, status}, {tokenPath, 200}, {statusPath, 200}}
			if len(calls) != len(want) {
				t.Fatalf("calls %+v", calls)
			}
			for i, w := range want {
				if calls[i].Path != apiPath(w.path) || calls[i].Status != w.status {
					t.Errorf("call %d: %s %d, want %s %d", i, calls[i].Path, calls[i].Status, w.path, w.status)
				}
			}
			if st := f.pair.Tokens(ftdmock.Primary); st.PasswordGrants != 2 || st.RefreshGrants != 0 || c.Logins() != 2 {
				t.Errorf("tokens %+v, client logins %d", st, c.Logins())
			}
		})
	}
}

func TestToken_closeRevokes(t *testing.T) {
	// Whether revoking one token of a pair ends the other is undocumented: both ways.
	for name, whole := range map[string]bool{"token by token": false, "whole login": true} {
		t.Run(name, func(t *testing.T) {
			f := newUnitPair(t, ftdmock.Options{RevokeWholeLogin: whole})
			c := f.client(t, ftdmock.Primary)
			if _, err := c.HAStatus(t.Context()); err != nil {
				t.Fatal(err)
			}
			if err := c.Close(t.Context()); err != nil {
				t.Fatal(err)
			}
			if st := f.pair.Tokens(ftdmock.Primary); st.Live != 0 || st.LiveRefresh != 0 || f.pair.LiveSessions(ftdmock.Primary) != 0 {
				t.Errorf("tokens %+v", st)
			}
			if got := grantTypes(t, f.srv[0]); !slices.Equal(got, []string{"password", "revoke_token", "revoke_token"}) {
				t.Errorf("grants %q", got)
			}
			// The refresh token first (FTDAnsible's logout), then the access token.
			var revoked []string
			for _, call := range f.srv[0].Calls() {
				var body map[string]any
				if json.Unmarshal([]byte(call.Body), &body) == nil && body["grant_type"] == "revoke_token" {
					tok, _ := body["token_to_revoke"].(string)
					revoked = append(revoked, tok)
				}
			}
			if len(revoked) != 2 || revoked[0] == revoked[1] || revoked[1] == "" {
				t.Errorf("revoked %q", revoked)
			}
		})
	}
}
