package transport_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// target is a listener a redirect points at; it counts whatever reaches it.
type target struct {
	url  string
	hits *atomic.Int64
}

func redirectTargets(t *testing.T) map[string]target {
	t.Helper()
	count := func(n *atomic.Int64) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) { n.Add(1); _, _ = w.Write([]byte(`{}`)) }
	}
	var plainHits, tlsHits atomic.Int64
	plain := httptest.NewServer(count(&plainHits))
	t.Cleanup(plain.Close)
	// httptest's TLS servers share one certificate, so a client that trusts the
	// appliance would also trust this one: only the redirect policy keeps it away.
	secure := httptest.NewTLSServer(count(&tlsHits))
	t.Cleanup(secure.Close)
	return map[string]target{
		"http":  {url: plain.URL + "/elsewhere", hits: &plainHits},
		"https": {url: secure.URL + "/elsewhere", hits: &tlsHits},
	}
}

// Every 3xx is refused, whatever the method and wherever Location points: the target
// receives nothing, and the error says redirect, names the Location and keeps the status.
func TestRedirectsAreNeverFollowed(t *testing.T) {
	targets := redirectTargets(t)
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		for scheme, tg := range targets {
			for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete} {
				t.Run(fmt.Sprintf("%d to %s on %s", status, scheme, method), func(t *testing.T) {
					before := tg.hits.Load()
					srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int64) {
						w.Header().Set("Location", tg.url)
						w.WriteHeader(status)
					})
					c := newClient(t, srv, transport.Config{Vendor: "fireflow", Product: "FireFlow", Retry: fastRetry(3)})

					resp, err := c.Do(t.Context(), transport.Request{Method: method, Path: "/login", Body: []byte(`{"password":"Redir#Pass-1"}`)})
					if err == nil {
						t.Fatalf("Do followed or accepted a %d", status)
					}
					for _, want := range []string{"redirect", tg.url, fmt.Sprint(status)} {
						if !strings.Contains(err.Error(), want) {
							t.Errorf("error %q does not name %q", err, want)
						}
					}
					if got := transport.StatusOf(err); got != status {
						t.Errorf("StatusOf = %d, want %d", got, status)
					}
					if resp == nil || resp.Status != status {
						t.Errorf("response %+v, want the %d itself", resp, status)
					}
					if n := tg.hits.Load() - before; n != 0 {
						t.Errorf("the redirect target received %d requests, want 0", n)
					}
					if n := srv.requests.Load(); n != 1 {
						t.Errorf("the appliance received %d requests, want 1 (a redirect is not retried)", n)
					}
				})
			}
		}
	}
}

// A redirect during login stops the login: the credentials go nowhere else.
func TestRedirectedLoginSendsNoCredentialsElsewhere(t *testing.T) {
	targets := redirectTargets(t)
	tg := targets["http"]
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int64) {
		w.Header().Set("Location", tg.url)
		w.WriteHeader(http.StatusTemporaryRedirect)
	})
	auth := &bearerAuth{loginBody: []byte(`{"username":"admin","password":"Redir#Pass-1"}`)}
	c := newClient(t, srv, transport.Config{Vendor: "sbc", Auth: auth, Retry: fastRetry(3)})

	_, err := c.Do(t.Context(), transport.Request{Method: http.MethodGet, Path: "/items"})
	if err == nil || !strings.Contains(err.Error(), "redirect") || !strings.Contains(err.Error(), tg.url) {
		t.Fatalf("err = %v, want a login error naming the redirect to %s", err, tg.url)
	}
	if n := tg.hits.Load(); n != 0 {
		t.Errorf("the redirect target received %d requests, want 0", n)
	}
}
