package sbcmock

import (
	"testing"
	"time"
)

// With TransitionalRoles the units report the ACLI states while a switchover is pending,
// each as its own role and as its peer's, then the swapped roles.
func TestTransitionalRoles(t *testing.T) {
	f := newFixture(t)
	f.pair.SetTransitionalRoles(true)
	tokenA := f.login(t, UnitA, AdminUser, AdminPassword)
	tokenB := f.login(t, UnitB, AdminUser, AdminPassword)
	if d := f.status(t, UnitA, tokenA).body.Data; d.Role != RoleActive || d.HAPeerRole != RoleStandby {
		t.Fatalf("before any switchover: %s (peer %s)", d.Role, d.HAPeerRole)
	}
	if ans := f.switchover(t, UnitA, tokenA); ans.status != 204 {
		t.Fatalf("switchover: %d %s", ans.status, ans.raw)
	}
	a, b := f.status(t, UnitA, tokenA).body.Data, f.status(t, UnitB, tokenB).body.Data
	if a.Role != StateBecomingStandby || a.HAPeerRole != StateBecomingActive || b.Role != StateBecomingActive || b.HAPeerRole != StateBecomingStandby {
		t.Fatalf("during the delay: A %s (peer %s), B %s (peer %s)", a.Role, a.HAPeerRole, b.Role, b.HAPeerRole)
	}
	if f.pair.Role(UnitA) != StateBecomingStandby {
		t.Errorf("Role(A) = %q", f.pair.Role(UnitA))
	}
	// The pair still refuses a second switchover, whatever the units report.
	expectError(t, f.switchover(t, UnitA, tokenA), 400, "already in progress")
	f.clock.Advance(2 * time.Second)
	a, b = f.status(t, UnitA, tokenA).body.Data, f.status(t, UnitB, tokenB).body.Data
	if a.Role != RoleStandby || a.HAPeerRole != RoleActive || b.Role != RoleActive || b.HAPeerRole != RoleStandby {
		t.Fatalf("after the delay: A %s (peer %s), B %s (peer %s)", a.Role, a.HAPeerRole, b.Role, b.HAPeerRole)
	}
}

// A reported role is shown by the unit and by its peer; the pair keeps its own state.
func TestReportedRoleHook(t *testing.T) {
	f := newFixture(t)
	code, st := f.hook(t, UnitA, "POST", "/_mock/state", `{"unit":"B","reported_role":"Initial","transitional_roles":true}`)
	if code != 200 || st.Units[1].Role != "Initial" || st.Units[1].ReportedRole != "Initial" || st.Units[0].Role != RoleActive || !st.TransitionalRoles {
		t.Fatalf("after POST %d: %+v", code, st)
	}
	tokenA := f.login(t, UnitA, ReadOnlyUser, ReadOnlyPassword)
	tokenB := f.login(t, UnitB, ReadOnlyUser, ReadOnlyPassword)
	if d := f.status(t, UnitB, tokenB).body.Data; d.Role != "Initial" {
		t.Errorf("B reports role %q", d.Role)
	}
	if d := f.status(t, UnitA, tokenA).body.Data; d.Role != RoleActive || d.HAPeerRole != "Initial" {
		t.Errorf("A reports %q, peer %q", d.Role, d.HAPeerRole)
	}
	if code, st = f.hook(t, UnitB, "POST", "/_mock/state", `{"reported_role":""}`); code != 200 || st.Units[1].Role != RoleStandby {
		t.Fatalf("after clearing %d: %+v", code, st)
	}
}
