// Package mocktest holds checks that the vendor client tests share.
package mocktest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// RedirectStatuses are the redirects an appliance (or a proxy in front of it) may answer.
var RedirectStatuses = []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect}

// RedirectTarget is a listener a redirect points at, counting what reaches it.
type RedirectTarget struct {
	URL  string
	hits *atomic.Int64
}

// Hits is how many requests reached the target so far.
func (r RedirectTarget) Hits() int64 { return r.hits.Load() }

// RedirectTargets are an http:// listener and an https:// one whose certificate the
// client trusts (same CA as the appliance), both on 127.0.0.1: only the redirect
// policy keeps a request away from them.
func RedirectTargets(t *testing.T, ca *mock.Authority) map[string]RedirectTarget {
	t.Helper()
	count := func(n *atomic.Int64) http.HandlerFunc {
		return func(http.ResponseWriter, *http.Request) { n.Add(1) }
	}
	var plainHits, tlsHits atomic.Int64
	plain := httptest.NewServer(count(&plainHits))
	t.Cleanup(plain.Close)
	secure, err := ca.Serve("elsewhere", count(&tlsHits), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(secure.Close)
	return map[string]RedirectTarget{
		"http":  {URL: plain.URL + "/elsewhere", hits: &plainHits},
		"https": {URL: secure.URL() + "/elsewhere", hits: &tlsHits},
	}
}

// CheckRedirectRefused requires err to say redirect and name the Location, and the
// target to have received nothing since before.
func CheckRedirectRefused(t *testing.T, err error, tg RedirectTarget, before int64) {
	t.Helper()
	if err == nil {
		t.Fatal("the call succeeded through a redirect")
	}
	if !strings.Contains(err.Error(), "redirect") || !strings.Contains(err.Error(), tg.URL) {
		t.Errorf("error %q does not say redirect and name %s", err, tg.URL)
	}
	if n := tg.Hits() - before; n != 0 {
		t.Errorf("the redirect target received %d requests, want 0", n)
	}
}
