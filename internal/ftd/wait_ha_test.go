package ftd_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

// A secondary that joins is unreachable for a while (503s or dropped
// connections); WaitHA polls through it until the unit is standby and in sync.
func TestWaitHA_throughJoinOutage(t *testing.T) {
	for _, tc := range []struct {
		name       string
		drop       bool
		seenStatus int // what the call log holds for a request during the outage
	}{
		{"503", false, http.StatusServiceUnavailable},
		{"dropped", true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newUnitPair(t, ftdmock.Options{})
			primary, secondary := f.client(t, ftdmock.Primary), f.client(t, ftdmock.Secondary)
			configure(t, primary, ftd.RolePrimary)
			configure(t, secondary, ftd.RoleSecondary)
			j, err := primary.Join(t.Context(), "")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := primary.WaitJob(t.Context(), ftd.JobJoin, j.ID, nil); err != nil {
				t.Fatal(err)
			}

			f.pair.SetJoinOutage(ftdmock.Outage{Duration: 300 * time.Millisecond, Drop: tc.drop})
			if _, err := secondary.Join(t.Context(), ""); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			defer cancel()
			st, err := secondary.WaitHA(ctx, "the secondary to become standby", func(s *ftd.HAStatus) bool {
				return s.NodeState == ftd.StateStandby && s.ConfigStatus == ftd.ConfigInSync
			}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if st.PeerNodeState != ftd.StateActive || st.Role() != ftd.RoleSecondary || st.HAHealthStatus != ftd.HealthHealthy {
				t.Errorf("status %+v", st)
			}
			if active, ok := f.pair.Active(); !ok || active != ftdmock.Primary {
				t.Errorf("mock active %v %v", active, ok)
			}
			failed, answered := 0, 0
			for _, c := range f.srv[ftdmock.Secondary].Calls() {
				if c.Path != apiPath(statusPath) {
					continue
				}
				switch c.Status {
				case tc.seenStatus:
					failed++
				case http.StatusOK:
					answered++
				}
			}
			if failed == 0 || answered == 0 {
				t.Errorf("status reads: %d during the outage, %d answered", failed, answered)
			}
		})
	}
}
