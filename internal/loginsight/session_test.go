package loginsight_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/loginsight"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// The session id (which always holds '+', '/' and '=' in the mock) is sent as
// "Bearer <id>" unchanged: the mock refuses anything else with 401.
func TestSession_loginWithProviderThenBearer(t *testing.T) {
	f := newLICluster(t)
	c := f.masterClient(t)
	for range 2 {
		u, err := c.Upgrades(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(u.Nodes) != 1 || u.FullVersion != loginsightmock.DefaultFullVersion {
			t.Fatalf("upgrades %+v", u)
		}
	}
	calls := f.master.Calls()
	if len(calls) != 3 || calls[0].Path != sessionsPath || calls[0].Status != http.StatusOK {
		t.Fatalf("calls %+v", calls)
	}
	var login map[string]string
	if err := json.Unmarshal([]byte(calls[0].Body), &login); err != nil {
		t.Fatal(err)
	}
	if login["username"] != loginsightmock.AdminUser || login["password"] != loginsightmock.AdminPassword || login["provider"] != "Local" {
		t.Errorf("login body %v", login)
	}
	for _, read := range calls[1:] {
		if read.Path != upgradesPath || read.Status != http.StatusOK || read.Header.Get("Authorization") == "" {
			t.Errorf("read %+v", read)
		}
	}
	if f.cluster.Logins() != 1 || c.Logins() != 1 || f.cluster.LiveSessions() != 1 {
		t.Errorf("mock logins %d, client logins %d, live %d", f.cluster.Logins(), c.Logins(), f.cluster.LiveSessions())
	}
}

func TestSession_providerRefused(t *testing.T) {
	f := newLICluster(t)
	cfg := f.config(f.master)
	cfg.Username, cfg.Password, cfg.AuthProvider = loginsightmock.AdminUser, loginsightmock.AdminPassword, "ActiveDirectory"
	_, err := newClient(t, cfg).Upgrades(t.Context())
	if err == nil || !strings.Contains(err.Error(), "auth_provider") {
		t.Fatalf("err = %v", err)
	}
	if f.cluster.LoginFailures() != 1 || f.master.CountCalls("GET", upgradesPath) != 0 {
		t.Errorf("login failures %d, reads %d", f.cluster.LoginFailures(), f.master.CountCalls("GET", upgradesPath))
	}
}

// 440 Login Timeout (the default) and 401 both cost one login and one replay.
func TestSession_expiryRelogsInOnce(t *testing.T) {
	for _, status := range []int{loginsight.StatusLoginTimeout, http.StatusUnauthorized} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			f := newLICluster(t)
			if err := f.cluster.SetExpiredStatus(status); err != nil {
				t.Fatal(err)
			}
			c := f.masterClient(t)
			if _, err := c.Upgrades(t.Context()); err != nil {
				t.Fatal(err)
			}
			f.cluster.ExpireSessions()
			f.master.ResetCalls()
			if _, err := c.Upgrades(t.Context()); err != nil {
				t.Fatal(err)
			}
			calls := f.master.Calls()
			want := []struct {
				path   string
				status int
			}{{upgradesPath, status}, {sessionsPath, 200}, {upgradesPath, 200}}
			if len(calls) != len(want) {
				t.Fatalf("calls %+v", calls)
			}
			for i, w := range want {
				if calls[i].Path != w.path || calls[i].Status != w.status {
					t.Errorf("call %d: %s %d, want %s %d", i, calls[i].Path, calls[i].Status, w.path, w.status)
				}
			}
			if f.cluster.Logins() != 2 || c.Logins() != 2 {
				t.Errorf("mock logins %d, client logins %d", f.cluster.Logins(), c.Logins())
			}
		})
	}
}

// A login answered with an unexpected status is an error, not a panic.
func TestSession_loginAnswered500(t *testing.T) {
	f := newLICluster(t)
	f.master.Inject(mock.Fault{Method: http.MethodPost, Path: sessionsPath, Status: http.StatusInternalServerError,
		ContentType: "application/json", Body: `{"errorMessage":"The operation failed due to an internal error."}`})
	_, err := f.masterClient(t).Upgrades(t.Context())
	if err == nil || transport.StatusOf(err) != http.StatusInternalServerError || !strings.Contains(err.Error(), "internal error") {
		t.Fatalf("err = %v", err)
	}
	if f.master.CountCalls("GET", upgradesPath) != 0 {
		t.Error("read sent without a session")
	}
}

// A session refused right after a fresh login is reported, not retried again.
func TestSession_freshSessionRefused(t *testing.T) {
	f := newLICluster(t)
	f.master.Inject(mock.Fault{Method: http.MethodGet, Path: upgradesPath, Times: 2, Status: loginsight.StatusLoginTimeout,
		ContentType: "application/json", Body: `"Login Timeout"`})
	_, err := f.masterClient(t).Upgrades(t.Context())
	if err == nil || transport.StatusOf(err) != loginsight.StatusLoginTimeout || !strings.Contains(err.Error(), "rejected a fresh session") {
		t.Fatalf("err = %v", err)
	}
	if f.cluster.Logins() != 2 || f.master.CountCalls("GET", upgradesPath) != 2 {
		t.Errorf("mock logins %d, reads %d", f.cluster.Logins(), f.master.CountCalls("GET", upgradesPath))
	}
}
