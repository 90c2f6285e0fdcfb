package fireflow_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/mocktest"
)

// Login, read and create answered with a redirect fail with an error naming it, and
// nothing reaches the redirect target: the password and session stay with FireFlow.
func TestRedirectsAreRefused(t *testing.T) {
	f := newFFServer(t)
	targets := mocktest.RedirectTargets(t, f.ca)
	cases := []struct {
		name, method, path string
		call               func(context.Context, *fireflow.Client) error
	}{
		{"login", http.MethodPost, "/FireFlow/api/authentication/authenticate", func(ctx context.Context, c *fireflow.Client) error {
			_, err := c.GetChangeRequest(ctx, fireflow.KindObject, 1)
			return err
		}},
		{"read", http.MethodGet, "/FireFlow/api/change-requests/object/1", func(ctx context.Context, c *fireflow.Client) error {
			_, err := c.GetChangeRequest(ctx, fireflow.KindObject, 1)
			return err
		}},
		{"create", http.MethodPost, "/FireFlow/api/request/object", func(ctx context.Context, c *fireflow.Client) error {
			_, err := c.CreateObjectRequest(ctx, oneObject("redirected"))
			return err
		}},
	}
	for _, tc := range cases {
		for _, status := range mocktest.RedirectStatuses {
			for scheme, tg := range targets {
				t.Run(fmt.Sprintf("%s %d to %s", tc.name, status, scheme), func(t *testing.T) {
					before := tg.Hits()
					f.srv.Inject(mock.Fault{Method: tc.method, Path: tc.path, Times: 1, Status: status, Location: tg.URL})
					t.Cleanup(f.srv.ClearFaults)
					mocktest.CheckRedirectRefused(t, tc.call(t.Context(), f.client(t)), tg, before)
				})
			}
		}
	}
}
