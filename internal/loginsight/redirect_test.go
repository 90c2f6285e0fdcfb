package loginsight_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/mocktest"
)

// Login, read and join answered with a redirect fail with an error naming it, and
// nothing reaches the redirect target.
func TestRedirectsAreRefused(t *testing.T) {
	f := newLICluster(t)
	targets := mocktest.RedirectTargets(t, f.ca)
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
		for _, status := range mocktest.RedirectStatuses {
			for scheme, tg := range targets {
				t.Run(fmt.Sprintf("%s %d to %s", tc.name, status, scheme), func(t *testing.T) {
					before := tg.Hits()
					tc.srv.Inject(mock.Fault{Method: tc.method, Path: tc.path, Times: 1, Status: status, Location: tg.URL})
					t.Cleanup(tc.srv.ClearFaults)
					mocktest.CheckRedirectRefused(t, tc.call(t.Context()), tg, before)
				})
			}
		}
	}
}
