package fireflow_test

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// ffServer is the FireFlow mock with its seeded inventory on a loopback TLS
// listener, behind a recorder of the cookies each request carried (the call
// log masks them).
type ffServer struct {
	ff      *fireflowmock.FireFlow
	srv     *mock.Server
	ca      *mock.Authority
	cookies *cookieLog
}

type cookieLog struct {
	mu   sync.Mutex
	seen []map[string]string // per request, in arrival order
}

func (l *cookieLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := map[string]string{}
		for _, c := range r.Cookies() {
			got[c.Name] = c.Value
		}
		l.mu.Lock()
		l.seen = append(l.seen, got)
		l.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

func (l *cookieLog) list() []map[string]string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]map[string]string(nil), l.seen...)
}

func newFFServer(t *testing.T) *ffServer {
	t.Helper()
	return newFFServerWith(t, fireflowmock.Options{})
}

func newFFServerWith(t *testing.T, opts fireflowmock.Options) *ffServer {
	t.Helper()
	ca, err := mock.NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	ff := fireflowmock.New(opts)
	cookies := &cookieLog{}
	srv, err := ca.Serve("fireflow", cookies.wrap(ff), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return &ffServer{ff: ff, srv: srv, ca: ca, cookies: cookies}
}

func (f *ffServer) client(t *testing.T) *fireflow.Client {
	t.Helper()
	return f.clientAs(t, fireflowmock.Username, fireflowmock.Password)
}

func (f *ffServer) clientAs(t *testing.T, user, password string) *fireflow.Client {
	t.Helper()
	return f.clientWith(t, user, password, transport.Polling{})
}

func (f *ffServer) clientWith(t *testing.T, user, password string, polling transport.Polling) *fireflow.Client {
	t.Helper()
	c, err := fireflow.New(fireflow.Config{
		BaseURL: f.srv.URL(), Username: user, Password: password, CACertPEM: string(f.ca.CertPEM()),
		Transport: transport.Config{Retry: transport.Retry{Attempts: 2, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}},
		Polling:   polling,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// latestSession is the id of the newest session the mock issued.
func (f *ffServer) latestSession(t *testing.T) string {
	t.Helper()
	s := f.ff.Sessions()
	if len(s) == 0 {
		t.Fatal("no session issued")
	}
	return s[len(s)-1].ID
}

// failure is a FireFlow Failure envelope.
func failure(msgs ...fireflowmock.Message) string {
	var b strings.Builder
	b.WriteString(`{"status":"Failure","messages":[`)
	for i, m := range msgs {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"code":"` + m.Code + `","message":"` + m.Message + `"}`)
	}
	b.WriteString(`],"data":null}`)
	return b.String()
}

// refusal requires err to be a *fireflow.Error of status carrying every code,
// each named in its text.
func refusal(t *testing.T, err error, status int, codes ...string) *fireflow.Error {
	t.Helper()
	var fe *fireflow.Error
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v, want a *fireflow.Error", err)
	}
	if fe.Err.Status != status || transport.StatusOf(err) != status {
		t.Errorf("status %d, want %d", fe.Err.Status, status)
	}
	for _, c := range codes {
		if !fe.HasCode(c) || !strings.Contains(err.Error(), c) {
			t.Errorf("%q: code %s missing (HasCode %v)", err, c, fe.HasCode(c))
		}
	}
	return fe
}

// oneObject is a minimal valid object change request on FW_101.
func oneObject(name string) *fireflow.ObjectRequest {
	return &fireflow.ObjectRequest{
		Template: fireflowmock.ObjectTemplate, Subject: name, Devices: []string{fireflowmock.DeviceFW101},
		RequestedActions: []fireflow.ObjectAction{{Action: "create", Name: name, Type: "network", IsGroup: boolp(false), Values: []string{"10.9.9.9"}}},
	}
}

// statusOf is the status a read shows, "" when it shows none.
func statusOf(cr *fireflow.ChangeRequest) string {
	s, _ := cr.Status()
	return s
}
