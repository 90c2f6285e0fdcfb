package transport_test

import (
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

func newSessionClient(t *testing.T, a *appliance, auth transport.Authenticator) *transport.Client {
	t.Helper()
	return newClient(t, a.server, transport.Config{Auth: auth, Retry: fastRetry(3)})
}

func getItems(t *testing.T, c *transport.Client) error {
	t.Helper()
	_, err := c.Do(t.Context(), transport.Request{Method: http.MethodGet, Path: "/items"})
	return err
}

// getItemsConcurrently runs n GET /items at once and fails the test on any error.
func getItemsConcurrently(t *testing.T, c *transport.Client, n int) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Go(func() {
			_, err := c.Do(t.Context(), transport.Request{Method: http.MethodGet, Path: "/items"})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("Do: %v", err)
		}
	}
}

func assertCounts(t *testing.T, a *appliance, c *transport.Client, logins, items int64) {
	t.Helper()
	if n := a.logins.Load(); n != logins {
		t.Errorf("server saw %d logins, want %d", n, logins)
	}
	if n := c.Logins(); int64(n) != logins {
		t.Errorf("client counts %d logins, want %d", n, logins)
	}
	if n := a.items.Load(); n != items {
		t.Errorf("server saw %d requests to /items, want %d", n, items)
	}
}

func TestSessionColdClientLogsInOnce(t *testing.T) {
	a := newAppliance(t, nil)
	c := newSessionClient(t, a, &bearerAuth{})

	getItemsConcurrently(t, c, 20)
	assertCounts(t, a, c, 1, 20)
}

func TestSessionExpiryRenewsOnceAndReplays(t *testing.T) {
	a := newAppliance(t, nil)
	c := newSessionClient(t, a, &bearerAuth{})
	if err := getItems(t, c); err != nil {
		t.Fatalf("first call: %v", err)
	}
	a.expireSessions()

	if err := getItems(t, c); err != nil {
		t.Fatalf("call after expiry: %v", err)
	}
	assertCounts(t, a, c, 2, 1+2)
}

func TestSessionRejectedAfterReloginIsAnError(t *testing.T) {
	a := newAppliance(t, nil)
	a.reject.Store(true)
	c := newSessionClient(t, a, &bearerAuth{})

	err := getItems(t, c)
	if err == nil {
		t.Fatal("Do succeeded although every session was rejected")
	}
	if s := transport.StatusOf(err); s != http.StatusUnauthorized {
		t.Errorf("StatusOf = %d, want 401 (error %v)", s, err)
	}
	assertCounts(t, a, c, 2, 2)
}

func TestSessionConcurrentExpiryRenewsOnce(t *testing.T) {
	const callers = 20
	// Hold every stale request until all callers have sent one, so all of them see the expiry.
	var stale atomic.Int64
	allStale := make(chan struct{})
	a := newAppliance(t, func(r *http.Request) {
		if stale.Add(1) == callers {
			close(allStale)
		}
		select {
		case <-allStale:
		case <-r.Context().Done():
		}
	})
	c := newSessionClient(t, a, &bearerAuth{})
	if err := getItems(t, c); err != nil {
		t.Fatalf("first call: %v", err)
	}
	a.expireSessions()

	getItemsConcurrently(t, c, callers)
	assertCounts(t, a, c, 2, 1+2*callers)
}
