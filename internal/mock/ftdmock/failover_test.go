package ftdmock

import (
	"testing"
	"time"
)

func TestFailoverSwapsAfterDelay(t *testing.T) {
	f := newFixture(t)
	tp, ts := f.formPair(t)
	var st tStatus
	// Either unit may ask; here the standby does.
	f.ok(t, Secondary, "POST", api("devices/default/action/ha/failover"), ts, nil, &st)
	expectStatus(t, st, RoleSecondary, NodeStandby, NodeActive, ConfigInSync, HealthProcessing)
	if st.Links.Self != f.srv[Secondary].URL()+api("devices/default/action/ha/failover/default") {
		t.Fatalf("links.self = %q", st.Links.Self)
	}
	expectError(t, f.do(t, Primary, "POST", api("devices/default/action/ha/failover"), tp, nil), 422, keyGeneral, "already in progress")
	expectError(t, f.do(t, Primary, "POST", api("devices/default/action/ha/break"), tp, nil), 422, keyGeneral, "failover is in progress")

	f.clock.Advance(DefaultTimings().Failover - time.Millisecond)
	if f.pair.Failovers() != 0 {
		t.Fatal("swapped early")
	}
	f.clock.Advance(time.Millisecond)
	expectStatus(t, f.status(t, Primary, tp), RolePrimary, NodeStandby, NodeActive, ConfigInSync, HealthHealthy)
	expectStatus(t, f.status(t, Secondary, ts), RoleSecondary, NodeActive, NodeStandby, ConfigInSync, HealthHealthy)
	if u, ok := f.pair.Active(); !ok || u != Secondary || f.pair.Failovers() != 1 {
		t.Fatalf("Active %s %v, failovers %d", u, ok, f.pair.Failovers())
	}

	// The primary unit is the standby now: join and PUT are refused there.
	expectError(t, f.do(t, Primary, "POST", api("devices/default/action/ha/join"), tp, nil), 422, keyGeneral, "not allowed on the standby unit")
	// Breaking from the now-active secondary needs no interface option.
	f.postJob(t, Secondary, OpBreak, ts, nil)
}

func TestFailoverWithoutDelay(t *testing.T) {
	f := newFixture(t)
	tp, _ := f.formPair(t)
	f.pair.SetTimings(Timings{JobQueued: time.Second, JobDeploying: time.Second})
	var st tStatus
	f.ok(t, Primary, "POST", api("devices/default/action/ha/failover"), tp, nil, &st)
	expectStatus(t, st, RolePrimary, NodeStandby, NodeActive, ConfigInSync, HealthHealthy)
}

func TestFailoverRefusals(t *testing.T) {
	f := newFixture(t)
	tp, ts := f.login(t, Primary).AccessToken, f.login(t, Secondary).AccessToken
	failover := func() answer { return f.do(t, Primary, "POST", api("devices/default/action/ha/failover"), tp, nil) }
	expectError(t, failover(), 422, keyGeneral, "SINGLE_NODE")
	f.configure(t, Primary, tp, RolePrimary)
	f.postJob(t, Primary, OpJoin, tp, nil)
	f.clock.Advance(jobTime + time.Minute)
	expectError(t, failover(), 422, keyGeneral, "HA_UNKNOWN_NODE")
	f.configure(t, Secondary, ts, RoleSecondary)
	f.postJob(t, Secondary, OpJoin, ts, nil)
	f.clock.Advance(jobTime + DefaultTimings().Negotiation)
	expectError(t, failover(), 422, keyGeneral, "synchronising")
	f.clock.Advance(DefaultTimings().Sync)
	f.postJob(t, Primary, OpBreak, tp, nil)
	expectError(t, failover(), 422, keyGeneral, "deployment is in progress")
	if f.pair.Failovers() != 0 {
		t.Fatal("a refused failover counted")
	}
}
