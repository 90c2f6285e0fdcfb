package transport_test

import (
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// Terraform runs ten resources at once by default. Over HTTP/1.1 (this server), ten
// concurrent callers need ten connections; net/http dials more when a connection is
// returned only after a dial started (about 15-22 on a loaded machine), but once they are
// open every later request reuses them: one TLS handshake per connection, never one per
// request. (The FireFlow mock speaks HTTP/2, where all requests share one connection.)
func TestConnectionsReusedUnderParallelism(t *testing.T) {
	const parallelism, perCaller = 10, 30
	var conns atomic.Int64
	srv := newServer(t, ok, func(hs *http.Server) {
		hs.ConnState = func(_ net.Conn, st http.ConnState) {
			if st == http.StateNew {
				conns.Add(1)
			}
		}
	})
	c := newClient(t, srv, transport.Config{})
	wave := func() {
		t.Helper()
		var wg sync.WaitGroup
		errs := make(chan error, parallelism*perCaller)
		for range parallelism {
			wg.Go(func() {
				for i := range perCaller {
					method := http.MethodGet
					if i%2 == 1 {
						method = http.MethodPost
					}
					if _, err := c.Do(t.Context(), transport.Request{Method: method, Path: "/ping", Body: []byte(`{}`)}); err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
	}
	wave()
	first := conns.Load()
	if limit := int64(parallelism * perCaller / 5); first > limit {
		t.Errorf("%d requests from %d callers opened %d connections, want far fewer than requests (at most %d)", parallelism*perCaller, parallelism, first, limit)
	}
	wave()
	if n := conns.Load() - first; n != 0 {
		t.Errorf("a second wave of %d requests opened %d new connections, want 0 (the first wave's are reused)", parallelism*perCaller, n)
	}
	if n := srv.requests.Load(); n != 2*parallelism*perCaller {
		t.Fatalf("server handled %d requests, want %d", n, 2*parallelism*perCaller)
	}
}
