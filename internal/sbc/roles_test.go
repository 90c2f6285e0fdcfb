package sbc_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
	"github.com/netops/terraform-provider-netops/internal/sbc"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// A role outside Oracle's enum is an answer like any other: the status shows it.
func TestStatus_roleOutsideTheEnumIsShown(t *testing.T) {
	f := newFixture(t)
	f.pair.SetReportedRole(sbcmock.UnitB, "BecomingStandby")
	st, err := f.client(t, f.b, sbcmock.ReadOnlyUser, sbcmock.ReadOnlyPassword).Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Role != "BecomingStandby" || sbc.KnownRole(st.Role) || !st.HAConfigured() {
		t.Errorf("status = %+v", st)
	}
	for role, known := range map[string]bool{"active": true, " Standby ": true, "OUT OF SERVICE": true, "standalone": true, "Initial": false, "": false, "outofservice": false} {
		if sbc.KnownRole(role) != known {
			t.Errorf("KnownRole(%q) = %v", role, !known)
		}
	}
}

// A switchover is never sent while a unit reports a role the provider does not know,
// whether the unit says so itself or its peer reports it.
func TestSwitchover_unknownRoleSendsNothing(t *testing.T) {
	for _, tc := range []struct {
		name   string
		unit   sbcmock.Unit
		role   string
		noPeer bool
		want   string
	}{
		{"standby in transition", sbcmock.UnitB, "BecomingStandby", false, `sbc-b reports role "BecomingStandby", which is none of the roles Oracle documents ("active", "standby", "out of service", "standalone")`},
		{"active unit booting", sbcmock.UnitA, "Initial", false, `sbc-a reports role "Initial", which is none of the roles Oracle documents`},
		{"peer seen by the active", sbcmock.UnitB, "OutOfService", true, `sbc-a reports its peer sbc-b in role "OutOfService", which is none of the roles Oracle documents`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.pair.SetReportedRole(tc.unit, tc.role)
			p := f.adminPair(t)
			if tc.noPeer {
				p.Peer = nil
			}
			_, err := p.Switchover(context.Background(), sbc.SwitchoverOptions{Wait: true})
			var pre *sbc.PreconditionError
			if !errors.As(err, &pre) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "nothing was sent") {
				t.Fatalf("err = %v\nwant a PreconditionError containing %q", err, tc.want)
			}
			if n := f.a.CountCalls(http.MethodPost, "/rest/v1.2/admin/switchover") + f.b.CountCalls(http.MethodPost, "/rest/v1.2/admin/switchover"); n != 0 {
				t.Fatalf("%d switchover POSTs sent", n)
			}
		})
	}
}

// Units that report the ACLI states while the roles change are waited through, each poll
// showing what they report, until the swap is seen. The mock's clock moves only with the
// wait's own sleeps.
func TestSwitchover_transitionalRolesWaitedThrough(t *testing.T) {
	clock := mock.NewFakeClock(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
	f := newVersionsFixture(t, sbcmock.Options{Clock: clock, TransitionalRoles: true, SwitchoverDelay: 3 * time.Second})
	polling := transport.Polling{Min: time.Second, Max: time.Second}
	polling.Sleep, polling.Now = clock.Sleep, clock.Now
	var events []string
	res, err := f.adminPair(t).Switchover(context.Background(), sbc.SwitchoverOptions{
		Wait: true, Polling: polling, Progress: func(e sbc.Event) { events = append(events, e.Message) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Verified || res.NewActive != "sbc-b" || res.SwitchoverCount != 1 {
		t.Errorf("result = %+v", res)
	}
	transitional := 0
	for _, e := range events {
		if strings.Contains(e, `sbc-a is "BecomingStandby", its peer sbc-b is "BecomingActive"`) {
			transitional++
		}
	}
	if transitional == 0 || events[len(events)-1] != "sbc-b is now active" {
		t.Fatalf("events = %q, want polls showing the transition states, then the swap", events)
	}
}
