package ftd_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// A job that ends after D seconds, on the mock's clock, is seen ended within
// max(1 s, 10% of D): the default polling checks every tenth of the time waited, from 1 s
// up to 10 s. That guarantee costs about 10 checks for the first 10 s and one per 10%
// of growth after: 37 for a 2-minute job.
func TestWaitJob_latencyOnMockClock(t *testing.T) {
	for _, d := range []time.Duration{2 * time.Second, 30 * time.Second, 120 * time.Second} {
		t.Run(d.String(), func(t *testing.T) {
			clock := mock.NewFakeClock(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
			f := newUnitPair(t, ftdmock.Options{Clock: clock, Timings: ftdmock.Timings{JobQueued: 0, JobDeploying: d, Negotiation: time.Second, Sync: time.Second}})
			polling := transport.DefaultPolling()
			polling.Sleep = func(_ context.Context, step time.Duration) error {
				clock.Advance(step)
				return nil
			}
			c, err := ftd.New(ftd.Config{
				BaseURL: f.srv[ftdmock.Primary].URL(), Username: ftdmock.Username, Password: ftdmock.Password,
				CACertPEM: string(f.ca.CertPEM()), Polling: polling,
			})
			if err != nil {
				t.Fatal(err)
			}
			configure(t, c, ftd.RolePrimary)
			job, err := c.Join(t.Context(), "")
			if err != nil {
				t.Fatal(err)
			}
			started := clock.Now()
			ended, err := c.WaitJob(t.Context(), ftd.JobJoin, job.ID, nil)
			if err != nil {
				t.Fatal(err)
			}
			took := time.UnixMilli(ended.EndTime).Sub(started)
			if took < d {
				t.Fatalf("the job ended after %s, want at least %s", took, d)
			}
			late := clock.Now().Sub(time.UnixMilli(ended.EndTime))
			polls := 0
			for _, call := range f.srv[ftdmock.Primary].Calls() {
				if call.Method == http.MethodGet && strings.HasSuffix(call.Path, "/action/ha/join/"+job.ID) {
					polls++
				}
			}
			t.Logf("D=%s (job took %s): seen %s after its end, %d status requests", d, took, late, polls)
			if bound := max(time.Second, took/10); late > bound {
				t.Errorf("seen %s after the end, want within %s", late, bound)
			}
			if polls > 40 {
				t.Errorf("%d status requests, want at most 40", polls)
			}
		})
	}
}
