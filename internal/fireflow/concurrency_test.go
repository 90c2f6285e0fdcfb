package fireflow_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
)

// Concurrent callers share one session: one login for all of them.
func TestCreate_concurrentCallersShareOneLogin(t *testing.T) {
	const n = 100
	f := newFFServer(t)
	c := f.client(t)
	ids := make([]int64, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			created, err := c.CreateObjectRequest(t.Context(), oneObject(fmt.Sprintf("h%d", i)))
			if err == nil {
				ids[i] = created.ID
			}
			errs[i] = err
		})
	}
	wg.Wait()
	seen := map[int64]bool{}
	for i, err := range errs {
		if err != nil {
			t.Fatalf("create %d: %v", i, err)
		}
		seen[ids[i]] = true
	}
	if len(seen) != n {
		t.Errorf("%d distinct ids for %d creates", len(seen), n)
	}
	if f.ff.Logins() != 1 || c.Logins() != 1 || f.srv.CountCalls("POST", fireflowmock.AuthenticatePath) != 1 {
		t.Errorf("mock logins %d, client logins %d", f.ff.Logins(), c.Logins())
	}
	if f.ff.TicketCount() != n || f.srv.CountCalls("POST", fireflowmock.ObjectCreatePath) != n {
		t.Errorf("%d tickets, %d creates sent", f.ff.TicketCount(), f.srv.CountCalls("POST", fireflowmock.ObjectCreatePath))
	}
	for id := range seen {
		if tk, ok := f.ff.Ticket(int(id)); !ok || tk.ObjectRequest == nil {
			t.Errorf("ticket %d not held", id)
		}
	}
}
