package transport_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// TestRetryOnStatus checks which error answers are retried for which method.
func TestRetryOnStatus(t *testing.T) {
	later := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	tests := []struct {
		name       string
		method     string
		status     int
		retryAfter string
		failures   int64 // requests answered with status before a 200
		attempts   int
		want       int64 // requests the server receives
		wantStatus int   // status of the returned *Error; 0 for success
		strictPOST bool
	}{
		{"GET 503 honouring Retry-After", http.MethodGet, 503, "0", 2, 5, 3, 0, false},
		{"GET 429 honouring Retry-After", http.MethodGet, 429, "0", 2, 5, 3, 0, false},
		{"GET 502", http.MethodGet, 502, "", 1, 5, 2, 0, false},
		{"GET 504", http.MethodGet, 504, "", 1, 5, 2, 0, false},
		{"PUT 503", http.MethodPut, 503, "", 1, 5, 2, 0, false},
		{"DELETE 504", http.MethodDelete, 504, "", 1, 5, 2, 0, false},
		{"Retry-After seconds bounded by MaxBackoff", http.MethodGet, 503, "3600", 1, 5, 2, 0, false},
		{"Retry-After date bounded by MaxBackoff", http.MethodGet, 429, later, 1, 5, 2, 0, false},
		{"GET attempts bounded", http.MethodGet, 503, "", 100, 3, 3, 503, false},
		{"GET 500 not retried", http.MethodGet, 500, "", 1, 5, 1, 500, false},
		{"POST 500 not retried", http.MethodPost, 500, "", 1, 5, 1, 500, false},
		{"POST 502 not retried", http.MethodPost, 502, "", 1, 5, 1, 502, false},
		{"POST 504 not retried", http.MethodPost, 504, "", 1, 5, 1, 504, false},
		{"POST 429 retried", http.MethodPost, 429, "0", 1, 5, 2, 0, false},
		{"POST 503 retried", http.MethodPost, 503, "0", 1, 5, 2, 0, false},
		{"POST attempts bounded", http.MethodPost, 429, "", 100, 3, 3, 429, false},
		{"strict POST 503 not retried", http.MethodPost, 503, "0", 1, 5, 1, 503, true},
		{"strict POST 429 retried", http.MethodPost, 429, "0", 1, 5, 2, 0, true},
		{"strict GET 503 retried", http.MethodGet, 503, "0", 1, 5, 2, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
				if n > tt.failures {
					ok(w, r, n)
					return
				}
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.status)
			})
			c := newClient(t, srv, transport.Config{Retry: fastRetry(tt.attempts), StrictPOST: tt.strictPOST})
			// An uncapped Retry-After outlasts this deadline, so Do gives up at once
			// instead of retrying and the request count shows it.
			ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
			defer cancel()

			resp, err := c.Do(ctx, transport.Request{Method: tt.method, Path: "/items", Body: []byte(`{}`)})
			if n := srv.requests.Load(); n != tt.want {
				t.Errorf("server received %d requests, want %d", n, tt.want)
			}
			if tt.wantStatus == 0 {
				if err != nil {
					t.Fatalf("Do: %v", err)
				}
				if resp.Status != http.StatusOK {
					t.Errorf("status %d, want 200", resp.Status)
				}
				return
			}
			var e *transport.Error
			if !transport.As(err, &e) {
				t.Fatalf("error %v (%T), want *transport.Error", err, err)
			}
			if e.Status != tt.wantStatus || transport.StatusOf(err) != tt.wantStatus {
				t.Errorf("error status %d, StatusOf %d, want %d", e.Status, transport.StatusOf(err), tt.wantStatus)
			}
		})
	}
}
