package transport_test

import (
	"net/http"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// TestRetryOnDroppedConnection: the server reads the request, then closes the connection
// without answering. A GET is repeated; a POST may have been carried out and is not.
func TestRetryOnDroppedConnection(t *testing.T) {
	tests := []struct {
		method string
		want   int64
	}{
		{http.MethodGet, 2},
		{http.MethodDelete, 2},
		{http.MethodPost, 1},
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
				if n > 1 {
					ok(w, r, n)
					return
				}
				conn, _, err := http.NewResponseController(w).Hijack()
				if err != nil {
					t.Errorf("hijack: %v", err)
					return
				}
				_ = conn.Close()
			})
			c := newClient(t, srv, transport.Config{Retry: fastRetry(3)})

			_, err := c.Do(t.Context(), transport.Request{Method: tt.method, Path: "/items/1", Body: []byte(`{}`)})
			if n := srv.requests.Load(); n != tt.want {
				t.Errorf("server received %d requests, want %d", n, tt.want)
			}
			if tt.want > 1 {
				if err != nil {
					t.Fatalf("Do: %v", err)
				}
				return
			}
			var te *transport.TimeoutError
			if err == nil || transport.StatusOf(err) != 0 || transport.As(err, &te) {
				t.Errorf("error %v, want a connection error", err)
			}
		})
	}
}
