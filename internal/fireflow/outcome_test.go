package fireflow_test

import (
	"net"
	"net/http"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
)

// A failed create says whether FireFlow may hold the change request.
func TestCreateOutcomeOf(t *testing.T) {
	for _, tc := range []struct {
		name    string
		prepare func(*ffServer)
		user    string
		want    fireflow.CreateOutcome
	}{
		{"refused", func(f *ffServer) {
			f.srv.Inject(mock.Fault{Method: http.MethodPost, Path: fireflowmock.ObjectCreatePath, Status: http.StatusOK, ContentType: "application/json",
				Body: failure(fireflowmock.Message{Code: "DEVICES_NOT_FOUND", Message: "Cannot find devices: FW_9."})})
		}, "", fireflow.Refused},
		{"500 after create", func(f *ffServer) { f.ff.FailCreates(1, fireflowmock.FailAfterCreate) }, "", fireflow.MayHaveCreated},
		{"no session", func(*ffServer) {}, "nobody", fireflow.NoSession},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFFServer(t)
			tc.prepare(f)
			c := f.client(t)
			if tc.user != "" {
				c = f.clientAs(t, tc.user, "wrong")
			}
			_, err := c.CreateObjectRequest(t.Context(), oneObject("h1"))
			if err == nil || fireflow.CreateOutcomeOf(err) != tc.want {
				t.Errorf("err = %v: outcome %d, want %d", err, fireflow.CreateOutcomeOf(err), tc.want)
			}
		})
	}

	// Nothing listens on a port just released: the connection is refused.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	c, err := fireflow.New(fireflow.Config{BaseURL: "https://" + addr, Username: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateObjectRequest(t.Context(), oneObject("h1"))
	if err == nil || fireflow.CreateOutcomeOf(err) != fireflow.NotSent {
		t.Errorf("err = %v: outcome %d, want NotSent", err, fireflow.CreateOutcomeOf(err))
	}
}
