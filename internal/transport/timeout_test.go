package transport_test

import (
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// TestRetryOnTimeout: a GET that timed out is repeated, a POST is not (it may have been carried out).
// The timeout is hit only by the attempt the server holds; 2 s leaves every other
// attempt ample time on a busy machine, and the cases run side by side.
func TestRetryOnTimeout(t *testing.T) {
	const timeout = 2 * time.Second
	tests := []struct {
		name        string
		method      string
		reqTimeout  time.Duration
		cfgTimeout  time.Duration
		want        int64 // requests to /jobs
		wantTimeout bool
	}{
		{"POST Request.Timeout", http.MethodPost, timeout, 0, 1, true},
		{"POST Config.Timeout", http.MethodPost, 0, timeout, 1, true},
		{"GET Request.Timeout", http.MethodGet, timeout, 0, 2, false},
		{"GET Config.Timeout", http.MethodGet, 0, timeout, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var jobs atomic.Int64
			release := make(chan struct{})
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
				if r.URL.Path == "/jobs" && jobs.Add(1) == 1 {
					select { // hang until the client gives up, then drop the connection
					case <-r.Context().Done():
					case <-release:
					}
					panic(http.ErrAbortHandler)
				}
				ok(w, r, n)
			})
			t.Cleanup(func() { close(release) }) // runs before srv.Close
			c := newClient(t, srv, transport.Config{Retry: fastRetry(3), Timeout: tt.cfgTimeout})
			// Open the connection first, so the timed attempt does not include the TLS handshake.
			if _, err := c.Do(t.Context(), transport.Request{Method: http.MethodGet, Path: "/warm"}); err != nil {
				t.Fatalf("warm-up: %v", err)
			}

			_, err := c.Do(t.Context(), transport.Request{Method: tt.method, Path: "/jobs", Body: []byte(`{}`), Timeout: tt.reqTimeout})
			if n := jobs.Load(); n != tt.want {
				t.Errorf("server received %d requests, want %d", n, tt.want)
			}
			if !tt.wantTimeout {
				if err != nil {
					t.Fatalf("Do: %v", err)
				}
				return
			}
			var te *transport.TimeoutError
			if !transport.As(err, &te) {
				t.Fatalf("error %v (%T), want *transport.TimeoutError", err, err)
			}
			if te.Method != tt.method || te.Path != "/jobs" {
				t.Errorf("TimeoutError for %s %s, want %s /jobs", te.Method, te.Path, tt.method)
			}
		})
	}
}
