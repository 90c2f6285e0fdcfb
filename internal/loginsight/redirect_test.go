package loginsight_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Login, read and join answered with a redirect fail with an error naming it, and
// nothing reaches the redirect target.
func TestRedirectsAreRefused(t *testing.T) {
	f := newLICluster(t)
	targets := redirectTargets(t, f.ca)
	cases := []struct {
		name   string
		srv    *mock.Server
		method string
		path   string
		call   func(context.Context) error
	}{
		{"login", f.master, http.MethodPost, "/api/v2/sessions", func(ctx context.Context) error {
			_, _, err := f.masterClient(t).ClusterNodes(ctx)
			return err
		}},
		{"read", f.master, http.MethodGet, "/api/v2/cluster/nodes", func(ctx context.Context) error {
			_, _, err := f.masterClient(t).ClusterNodes(ctx)
			return err
		}},
		{"create", f.nodes[0], http.MethodPost, "/api/v2/deployment/join", func(ctx context.Context) error {
			_, err := f.nodeClient(t, f.nodes[0]).Join(ctx, f.joinMaster(t))
			return err
		}},
	}
	for _, tc := range cases {
		for _, status := range redirectStatuses {
			for scheme, tg := range targets {
				t.Run(fmt.Sprintf("%s %d to %s", tc.name, status, scheme), func(t *testing.T) {
					before := tg.hits.Load()
					tc.srv.Inject(mock.Fault{Method: tc.method, Path: tc.path, Times: 1, Status: status, Location: tg.url})
					t.Cleanup(tc.srv.ClearFaults)
					checkRedirectRefused(t, tc.call(t.Context()), tg, before)
				})
			}
		}
	}
}

// redirectTarget is a listener a redirect points at, counting what reaches it.
type redirectTarget struct {
	url  string
	hits *atomic.Int64
}

// redirectTargets are an http:// listener and an https:// one whose certificate the
// client trusts (same CA as the appliance), both on 127.0.0.1: only the redirect
// policy keeps a request away from them.
func redirectTargets(t *testing.T, ca *mock.Authority) map[string]redirectTarget {
	t.Helper()
	count := func(n *atomic.Int64) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) { n.Add(1) }
	}
	var plainHits, tlsHits atomic.Int64
	plain := httptest.NewServer(count(&plainHits))
	t.Cleanup(plain.Close)
	secure, err := ca.Serve("elsewhere", count(&tlsHits), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(secure.Close)
	return map[string]redirectTarget{
		"http":  {url: plain.URL + "/elsewhere", hits: &plainHits},
		"https": {url: secure.URL() + "/elsewhere", hits: &tlsHits},
	}
}

var redirectStatuses = []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect}

// checkRedirectRefused requires err to say redirect and name the Location, and the
// target to have received nothing.
func checkRedirectRefused(t *testing.T, err error, tg redirectTarget, before int64) {
	t.Helper()
	if err == nil {
		t.Fatal("the call succeeded through a redirect")
	}
	if !strings.Contains(err.Error(), "redirect") || !strings.Contains(err.Error(), tg.url) {
		t.Errorf("error %q does not say redirect and name %s", err, tg.url)
	}
	if n := tg.hits.Load() - before; n != 0 {
		t.Errorf("the redirect target received %d requests, want 0", n)
	}
}
