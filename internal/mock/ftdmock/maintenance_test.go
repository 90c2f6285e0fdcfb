package ftdmock

import (
	"net/http"
	"testing"
	"time"
)

func haAction(verb string) string { return api("devices/default/action/ha/" + verb) }

// Suspend on the active suspends both units with the documented example reply; each
// unit resumes on its own, the standby through its outage, negotiation and sync.
func TestSuspendResume_fakeClock(t *testing.T) {
	f := newFixture(t)
	primary, secondary := f.formPair(t)
	var st tStatus
	f.ok(t, Primary, "POST", haAction("suspend"), primary, nil, &st)
	if st.NodeState != NodeSuspended || st.PeerNodeState != NodeUnknown || st.ConfigStatus != ConfigUnknown || st.HAHealthStatus != HealthCritical ||
		st.Type != "hastatus" || st.Links.Self == "" {
		t.Fatalf("suspend reply %+v", st)
	}
	if s := f.status(t, Secondary, secondary); s.NodeState != NodeSuspended {
		t.Fatalf("the standby after a suspend on the active: %+v", s)
	}
	expectError(t, f.do(t, Primary, "POST", haAction("suspend"), primary, nil), http.StatusUnprocessableEntity, "General", "HA cannot be suspended on this unit: it is HA_SUSPENDED_NODE")
	expectError(t, f.do(t, Primary, "POST", haAction("failover"), primary, nil), http.StatusUnprocessableEntity, "General", "Failover requires a healthy active/standby pair")

	f.ok(t, Primary, "POST", haAction("resume"), primary, nil, &st)
	if st.NodeState != NodeDisabled {
		t.Fatalf("resume reply %+v, want the documented HA_DISABLED_NODE", st)
	}
	f.clock.Advance(DefaultTimings().Negotiation)
	if s := f.status(t, Primary, primary); s.NodeState != NodeActive || s.PeerNodeState != NodeUnknown || s.HAHealthStatus != HealthUnhealthy {
		t.Fatalf("the resumed active with a suspended peer: %+v", s)
	}

	f.pair.SetResumeOutage(Outage{Duration: 2 * time.Minute})
	f.ok(t, Secondary, "POST", haAction("resume"), secondary, nil, &st)
	expectError(t, f.do(t, Secondary, "GET", api("devices/default/operational/ha/status/default"), secondary, nil), http.StatusServiceUnavailable, "General", "cannot answer now")
	f.clock.Advance(2 * time.Minute)
	if s := f.status(t, Secondary, secondary); s.NodeState != NodeNegotiating {
		t.Fatalf("after the outage: %+v", s)
	}
	f.clock.Advance(DefaultTimings().Negotiation)
	if s := f.status(t, Secondary, secondary); s.NodeState != NodeConfigSync || s.ConfigStatus != ConfigSecondaryImporting {
		t.Fatalf("after negotiation: %+v", s)
	}
	f.clock.Advance(DefaultTimings().Sync)
	for u, tok := range map[Unit]string{Primary: primary, Secondary: secondary} {
		if s := f.status(t, u, tok); s.ConfigStatus != ConfigInSync || s.HAHealthStatus != HealthHealthy {
			t.Fatalf("%s after the resume: %+v", u, s)
		}
	}
}

// A resuming standby with a dropping outage answers nothing at all.
func TestResume_droppedConnections(t *testing.T) {
	f := newFixture(t)
	_, secondary := f.formPair(t)
	f.ok(t, Secondary, "POST", haAction("suspend"), secondary, nil, nil)
	if ans := f.do(t, Secondary, "POST", "/_mock/resume-outage", "", `{"duration":"1m","drop":true}`); ans.status != http.StatusOK {
		t.Fatalf("hook: %d %s", ans.status, ans.raw)
	}
	f.ok(t, Secondary, "POST", haAction("resume"), secondary, nil, nil)
	if _, err := f.send(t, Secondary, "GET", api("devices/default/operational/ha/status/default"), secondary, nil); err == nil {
		t.Fatal("the resuming standby answered during its outage")
	}
	f.clock.Advance(time.Minute + DefaultTimings().Negotiation + DefaultTimings().Sync)
	if s := f.status(t, Secondary, secondary); s.NodeState != NodeStandby {
		t.Fatalf("after the resume: %+v", s)
	}
}

// Reset needs a failed unit; the failed unit comes back as the standby.
func TestReset_fakeClock(t *testing.T) {
	f := newFixture(t)
	primary, secondary := f.formPair(t)
	expectError(t, f.do(t, Primary, "POST", haAction("reset"), primary, nil), http.StatusUnprocessableEntity, "General", "no unit of the pair has failed")
	if ans := f.do(t, Primary, "POST", "/_mock/fail-unit", "", `{"unit":"primary"}`); ans.status != http.StatusOK {
		t.Fatalf("hook: %d %s", ans.status, ans.raw)
	}
	if s := f.status(t, Secondary, secondary); s.NodeState != NodeActive || s.PeerNodeState != NodeFailed || s.HAHealthStatus != HealthUnhealthy {
		t.Fatalf("the survivor: %+v", s)
	}
	if s := f.status(t, Primary, primary); s.NodeState != NodeFailed {
		t.Fatalf("the failed unit: %+v", s)
	}
	expectError(t, f.do(t, Primary, "POST", haAction("resume"), primary, nil), http.StatusUnprocessableEntity, "General", "HA is not suspended on this unit")
	f.ok(t, Secondary, "POST", haAction("reset"), secondary, nil, nil)
	f.clock.Advance(DefaultTimings().Negotiation + DefaultTimings().Sync)
	if s := f.status(t, Primary, primary); s.NodeState != NodeStandby || s.ConfigStatus != ConfigInSync || s.HAHealthStatus != HealthHealthy {
		t.Fatalf("the reset unit: %+v", s)
	}
}

// On single units every action is refused; a break ends a suspension.
func TestMaintenance_refusalsAndBreak(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Primary).AccessToken
	for _, verb := range []string{"suspend", "resume", "reset"} {
		expectError(t, f.do(t, Primary, "POST", haAction(verb), tok, nil), http.StatusUnprocessableEntity, "General", "requires a high availability pair")
	}
	f2 := newFixture(t)
	primary, _ := f2.formPair(t)
	f2.ok(t, Primary, "POST", haAction("suspend"), primary, nil, nil)
	if !f2.pair.BreakOutsideTerraform() {
		t.Fatal("nothing broken")
	}
	if s := f2.status(t, Primary, primary); s.NodeState != NodeSingle {
		t.Fatalf("after a break: %+v", s)
	}
}
