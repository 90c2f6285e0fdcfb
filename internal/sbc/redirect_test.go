package sbc_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/mocktest"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
	"github.com/netops/terraform-provider-netops/internal/sbc"
)

// Token, read and switchover answered with a redirect fail with an error naming it,
// and nothing reaches the redirect target.
func TestRedirectsAreRefused(t *testing.T) {
	f := newFixture(t)
	targets := mocktest.RedirectTargets(t, f.ca)
	cases := []struct {
		name, method, path string
		call               func(context.Context, *sbc.Client) error
	}{
		{"login", http.MethodPost, "/rest/v1.2/auth/token", func(ctx context.Context, c *sbc.Client) error {
			_, err := c.Status(ctx)
			return err
		}},
		{"read", http.MethodGet, "/rest/v1.2/system/status", func(ctx context.Context, c *sbc.Client) error {
			_, err := c.Status(ctx)
			return err
		}},
		{"action", http.MethodPost, "/rest/v1.2/admin/switchover", func(ctx context.Context, c *sbc.Client) error {
			return c.Switchover(ctx)
		}},
	}
	for _, tc := range cases {
		for _, status := range mocktest.RedirectStatuses {
			for scheme, tg := range targets {
				t.Run(fmt.Sprintf("%s %d to %s", tc.name, status, scheme), func(t *testing.T) {
					before := tg.Hits()
					f.a.Inject(mock.Fault{Method: tc.method, Path: tc.path, Times: 1, Status: status, Location: tg.URL})
					t.Cleanup(f.a.ClearFaults)
					mocktest.CheckRedirectRefused(t, tc.call(t.Context(), f.client(t, f.a, sbcmock.AdminUser, sbcmock.AdminPassword)), tg, before)
				})
			}
		}
	}
}
