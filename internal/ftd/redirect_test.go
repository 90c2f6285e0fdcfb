package ftd_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/mock/mocktest"
)

// Token grant, read and action answered with a redirect fail with an error naming it,
// and nothing reaches the redirect target.
func TestRedirectsAreRefused(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	targets := mocktest.RedirectTargets(t, f.ca)
	cases := []struct {
		name, method, path string
		call               func(context.Context, *ftd.Client) error
	}{
		{"login", http.MethodPost, apiPath("/fdm/token"), func(ctx context.Context, c *ftd.Client) error {
			_, err := c.HAStatus(ctx)
			return err
		}},
		{"read", http.MethodGet, apiPath("/devices/default/operational/ha/status/default"), func(ctx context.Context, c *ftd.Client) error {
			_, err := c.HAStatus(ctx)
			return err
		}},
		{"action", http.MethodPost, apiPath("/devices/default/action/ha/join"), func(ctx context.Context, c *ftd.Client) error {
			_, err := c.Join(ctx, "")
			return err
		}},
	}
	for _, tc := range cases {
		for _, status := range mocktest.RedirectStatuses {
			for scheme, tg := range targets {
				t.Run(fmt.Sprintf("%s %d to %s", tc.name, status, scheme), func(t *testing.T) {
					before := tg.Hits()
					f.srv[0].Inject(mock.Fault{Method: tc.method, Path: tc.path, Times: 1, Status: status, Location: tg.URL})
					t.Cleanup(f.srv[0].ClearFaults)
					mocktest.CheckRedirectRefused(t, tc.call(t.Context(), f.client(t, ftdmock.Primary)), tg, before)
				})
			}
		}
	}
}
