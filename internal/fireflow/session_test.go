package fireflow_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

func TestSession_loginThenCookie(t *testing.T) {
	f := newFFServer(t)
	id := f.ff.AddTrafficChangeRequest("read me", fireflowmock.DeviceFW101)
	c := f.client(t)
	for range 2 {
		if _, err := c.GetChangeRequest(t.Context(), fireflow.KindTraffic, int64(id)); err != nil {
			t.Fatal(err)
		}
	}
	calls := f.srv.Calls()
	if len(calls) != 3 || calls[0].Path != fireflowmock.AuthenticatePath || calls[0].Status != http.StatusOK {
		t.Fatalf("calls %+v", calls)
	}
	if !strings.Contains(calls[0].Body, `"username":"ffadmin"`) || calls[0].Header.Get("Content-Type") != "application/json" {
		t.Errorf("login %+v", calls[0])
	}
	session := f.latestSession(t)
	cookies := f.cookies.list()
	if len(cookies[0]) != 0 {
		t.Errorf("login carried cookies %v", cookies[0])
	}
	for _, got := range cookies[1:] {
		if len(got) != 1 || got[fireflowmock.SessionCookie] != session {
			t.Errorf("cookies %v, want only FireFlow_Session=%s", got, session)
		}
	}
	if f.ff.Logins() != 1 || c.Logins() != 1 {
		t.Errorf("mock logins %d, client logins %d", f.ff.Logins(), c.Logins())
	}
}

func TestSession_loginRefused(t *testing.T) {
	f := newFFServer(t)
	_, err := f.clientAs(t, fireflowmock.Username, "wrong").GetChangeRequest(t.Context(), fireflow.KindObject, 1001)
	if err == nil || !strings.Contains(err.Error(), "authentication.failure") || !strings.Contains(err.Error(), "check fireflow.username") {
		t.Fatalf("err = %v", err)
	}
	if f.ff.FailedLogins() != 1 || len(f.srv.Calls()) != 1 {
		t.Errorf("failed logins %d, calls %d", f.ff.FailedLogins(), len(f.srv.Calls()))
	}
}

// A login answered with an unexpected status is an error, not a panic.
func TestSession_loginAnswered500(t *testing.T) {
	f := newFFServer(t)
	f.srv.Inject(fireflowmock.UnexpectedErrorFault(http.MethodPost, fireflowmock.AuthenticatePath, 1))
	_, err := f.client(t).GetChangeRequest(t.Context(), fireflow.KindObject, 1001)
	if err == nil || transport.StatusOf(err) != http.StatusInternalServerError || !strings.Contains(err.Error(), "UNEXPECTED_ERROR_OCCURRED") {
		t.Fatalf("err = %v", err)
	}
	if n := len(f.srv.Calls()); n != 1 {
		t.Errorf("%d calls", n)
	}
}

// A lost session costs one login and one replay, whether FireFlow says so with
// 403 or inside an HTTP 200 envelope.
func TestSession_expiryRelogsInOnce(t *testing.T) {
	for _, tc := range []struct {
		name   string
		expire func(*ffServer, string)
		status int
	}{
		{"expired sessions", func(f *ffServer, _ string) { f.ff.ExpireSessions() }, http.StatusForbidden},
		{"403 INVALID_SESSION_KEY", func(f *ffServer, path string) {
			f.srv.Inject(mock.Fault{Method: http.MethodGet, Path: path, Status: http.StatusForbidden, ContentType: "application/json",
				Body: failure(fireflowmock.Message{Code: "INVALID_SESSION_KEY", Message: "The session key provided is invalid"})})
		}, http.StatusForbidden},
		{"200 EXPIRED_SESSION_KEY", func(f *ffServer, path string) {
			f.srv.Inject(mock.Fault{Method: http.MethodGet, Path: path, Status: http.StatusOK, ContentType: "application/json",
				Body: failure(fireflowmock.Message{Code: "EXPIRED_SESSION_KEY", Message: "The session key provided has expired"})})
		}, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFFServer(t)
			id := f.ff.AddTrafficChangeRequest("read me", fireflowmock.DeviceFW101)
			path := fireflowmock.ChangeRequestPath(fireflowmock.KindTraffic, id)
			c := f.client(t)
			if _, err := c.GetChangeRequest(t.Context(), fireflow.KindTraffic, int64(id)); err != nil {
				t.Fatal(err)
			}
			tc.expire(f, path)
			f.srv.ResetCalls()
			cr, err := c.GetChangeRequest(t.Context(), fireflow.KindTraffic, int64(id))
			if err != nil {
				t.Fatal(err)
			}
			if cr.ID != int64(id) {
				t.Errorf("read %+v", cr)
			}
			calls := f.srv.Calls()
			want := []struct {
				path   string
				status int
			}{{path, tc.status}, {fireflowmock.AuthenticatePath, 200}, {path, 200}}
			if len(calls) != len(want) {
				t.Fatalf("calls %+v", calls)
			}
			for i, w := range want {
				if calls[i].Path != w.path || calls[i].Status != w.status {
					t.Errorf("call %d: %s %d, want %s %d", i, calls[i].Path, calls[i].Status, w.path, w.status)
				}
			}
			if seen := f.cookies.list(); seen[len(seen)-1][fireflowmock.SessionCookie] != f.latestSession(t) {
				t.Error("the replay did not carry the new session")
			}
			if f.ff.Logins() != 2 || c.Logins() != 2 {
				t.Errorf("mock logins %d, client logins %d", f.ff.Logins(), c.Logins())
			}
		})
	}
}

// 403 NO_PERMISSIONS is a refusal, not a lost session: no login, no replay.
func TestSession_noPermissionsIsNotExpiry(t *testing.T) {
	f := newFFServer(t)
	c := f.client(t)
	if _, err := c.CreateObjectRequest(t.Context(), oneObject("first")); err != nil {
		t.Fatal(err)
	}
	f.srv.Inject(mock.Fault{Method: http.MethodPost, Path: fireflowmock.ObjectCreatePath, Status: http.StatusForbidden, ContentType: "application/json",
		Body: failure(fireflowmock.Message{Code: "NO_PERMISSIONS", Message: "User has no permission to perform this action"})})
	_, err := c.CreateObjectRequest(t.Context(), oneObject("second"))
	_ = refusal(t, err, http.StatusForbidden, "NO_PERMISSIONS")
	if f.ff.Logins() != 1 || c.Logins() != 1 || f.srv.CountCalls("POST", fireflowmock.ObjectCreatePath) != 2 || f.ff.TicketCount() != 1 {
		t.Errorf("logins %d/%d, creates sent %d, tickets %d", f.ff.Logins(), c.Logins(), f.srv.CountCalls("POST", fireflowmock.ObjectCreatePath), f.ff.TicketCount())
	}
}

// A session refused right after a fresh login is reported, not retried again.
func TestSession_freshSessionRefused(t *testing.T) {
	f := newFFServer(t)
	f.srv.Inject(mock.Fault{Method: http.MethodPost, Path: fireflowmock.ObjectCreatePath, Times: 2, Status: http.StatusForbidden, ContentType: "application/json",
		Body: failure(fireflowmock.Message{Code: "EXPIRED_SESSION_KEY", Message: "The session key provided has expired"})})
	_, err := f.client(t).CreateObjectRequest(t.Context(), oneObject("x"))
	if err == nil || transport.StatusOf(err) != http.StatusForbidden || !strings.Contains(err.Error(), "rejected a fresh session") {
		t.Fatalf("err = %v", err)
	}
	if f.ff.Logins() != 2 || f.srv.CountCalls("POST", fireflowmock.ObjectCreatePath) != 2 || f.ff.TicketCount() != 0 {
		t.Errorf("logins %d, creates sent %d, tickets %d", f.ff.Logins(), f.srv.CountCalls("POST", fireflowmock.ObjectCreatePath), f.ff.TicketCount())
	}
}
