package fireflow_test

import (
	"net/http"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
)

// FireFlow does not deduplicate creates: one that may have reached it (500,
// 503) is sent once; one it provably refused unseen (429) is retried.
func TestCreate_sentOnceUnlessProvablyUnseen(t *testing.T) {
	for _, tc := range []struct {
		name    string
		prepare func(*ffServer)
		status  int // 0: the create succeeds
		sent    int
		tickets int
	}{
		{"500 before create", func(f *ffServer) { f.ff.FailCreates(1, fireflowmock.FailBeforeCreate) }, http.StatusInternalServerError, 1, 0},
		{"500 after create", func(f *ffServer) { f.ff.FailCreates(1, fireflowmock.FailAfterCreate) }, http.StatusInternalServerError, 1, 1},
		{"503", func(f *ffServer) {
			f.srv.Inject(mock.Fault{Method: http.MethodPost, Path: fireflowmock.ObjectCreatePath, Status: http.StatusServiceUnavailable})
		}, http.StatusServiceUnavailable, 1, 0},
		{"429", func(f *ffServer) {
			f.srv.Inject(mock.Fault{Method: http.MethodPost, Path: fireflowmock.ObjectCreatePath, Status: http.StatusTooManyRequests})
		}, 0, 2, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFFServer(t)
			tc.prepare(f)
			created, err := f.client(t).CreateObjectRequest(t.Context(), oneObject("h1"))
			switch {
			case tc.status == 0 && err != nil:
				t.Fatal(err)
			case tc.status == 0 && created.ID != 1001:
				t.Errorf("created %+v", created)
			case tc.status == http.StatusInternalServerError:
				_ = refusal(t, err, tc.status, "UNEXPECTED_ERROR_OCCURRED")
			case tc.status != 0:
				_ = refusal(t, err, tc.status)
			}
			if n := f.srv.CountCalls("POST", fireflowmock.ObjectCreatePath); n != tc.sent {
				t.Errorf("create sent %d times, want %d", n, tc.sent)
			}
			if n := f.ff.TicketCount(); n != tc.tickets {
				t.Errorf("%d tickets, want %d", n, tc.tickets)
			}
		})
	}
}
