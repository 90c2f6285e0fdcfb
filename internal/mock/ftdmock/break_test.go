package ftdmock

import (
	"testing"
	"time"
)

func TestBreakOnActive(t *testing.T) {
	f := newFixture(t)
	tp, ts := f.formPair(t)
	versionBefore := f.pair.HAConfiguration(Primary).Version
	j := f.postJob(t, Primary, OpBreak, tp, nil)
	if j.Type != "breakhastatus" || j.State != StateQueued || j.InterfaceOption == nil || *j.InterfaceOption != DisableInterfaces ||
		j.Links.Self != f.srv[Primary].URL()+api("devices/default/action/ha/break/"+j.ID) {
		t.Fatalf("break job: %+v", j)
	}
	expectError(t, f.do(t, Primary, "POST", api("devices/default/action/ha/break"), tp, nil), 422, keyGeneral, "in progress")
	f.clock.Advance(DefaultTimings().JobQueued)
	if got := f.job(t, Primary, OpBreak, tp, j.ID); got.State != StateDeploying {
		t.Fatalf("deploying: %+v", got)
	}
	expectStatus(t, f.status(t, Secondary, ts), RoleSecondary, NodeStandby, NodeActive, ConfigInSync, HealthHealthy)
	f.clock.Advance(DefaultTimings().JobDeploying)
	if got := f.job(t, Primary, OpBreak, tp, j.ID); got.State != StateDeployed || got.EndTime == -1 {
		t.Fatalf("deployed: %+v", got)
	}
	for _, u := range []Unit{Primary, Secondary} {
		tok := map[Unit]string{Primary: tp, Secondary: ts}[u]
		expectStatus(t, f.status(t, u, tok), "", NodeSingle, NodeUnknown, ConfigUnknown, HealthHealthy)
		if c := f.pair.HAConfiguration(u); c.NodeRole != "" || c.FailoverInterface != nil || c.SharedKey != "" || c.ID == "" {
			t.Fatalf("%s configuration after break: %+v", u, c)
		}
	}
	if f.pair.HAConfiguration(Primary).Version == versionBefore {
		t.Fatal("break did not change the configuration version")
	}
	// The join jobs survive the break.
	if jobs := f.pair.Jobs(Primary, OpJoin); len(jobs) != 1 {
		t.Fatalf("join jobs: %+v", jobs)
	}
	expectError(t, f.do(t, Primary, "POST", api("devices/default/action/ha/break"), tp, nil), 422, keyGeneral, "not part of a high availability pair")
}

func TestBreakOnStandbyNeedsInterfaceOption(t *testing.T) {
	f := newFixture(t)
	_, ts := f.formPair(t)
	path := api("devices/default/action/ha/break")
	e := expectError(t, f.do(t, Secondary, "POST", path, ts, nil), 422, keyValidation, "interfaceOption is required")
	if e.Error.Messages[0].Location != "interfaceOption" {
		t.Fatalf("location: %+v", e)
	}
	expectError(t, f.do(t, Secondary, "POST", path, ts, map[string]any{"interfaceOption": "KEEP"}), 422, keyValidation, "interfaceOption must be")
	expectError(t, f.do(t, Secondary, "POST", path+"?clearIntfs=maybe", ts, nil), 422, keyValidation, "clearIntfs")
	j := f.postJob(t, Secondary, OpBreak, ts, map[string]any{"interfaceOption": EnableWithStandbyIP})
	f.clock.Advance(jobTime)
	if got := f.job(t, Secondary, OpBreak, ts, j.ID); got.State != StateDeployed || *got.InterfaceOption != EnableWithStandbyIP {
		t.Fatalf("break: %+v", got)
	}
	if a, b := f.pair.HAStatus(Primary), f.pair.HAStatus(Secondary); a.NodeState != NodeSingle || b.NodeState != NodeSingle {
		t.Fatalf("after break from the standby: %+v %+v", a, b)
	}
}

func TestBreakWithClearIntfsQuery(t *testing.T) {
	f := newFixture(t)
	_, ts := f.formPair(t)
	var j tJob
	f.ok(t, Secondary, "POST", api("devices/default/action/ha/break?clearIntfs=true"), ts, nil, &j)
	if j.State != StateQueued || j.InterfaceOption == nil || *j.InterfaceOption != DisableInterfaces {
		t.Fatalf("break with clearIntfs: %+v", j)
	}
}

func TestBreakRefusedWhileSyncing(t *testing.T) {
	f := newFixture(t)
	tp, ts := f.login(t, Primary).AccessToken, f.login(t, Secondary).AccessToken
	f.configure(t, Primary, tp, RolePrimary)
	f.postJob(t, Primary, OpJoin, tp, nil)
	f.clock.Advance(jobTime)
	expectError(t, f.do(t, Primary, "POST", api("devices/default/action/ha/break"), tp, nil), 422, keyGeneral, "HA_NEGOTIATING_NODE")
	f.clock.Advance(DefaultTimings().Negotiation)
	f.configure(t, Secondary, ts, RoleSecondary)
	f.postJob(t, Secondary, OpJoin, ts, nil)
	f.clock.Advance(jobTime + DefaultTimings().Negotiation)
	expectError(t, f.do(t, Primary, "POST", api("devices/default/action/ha/break"), tp, nil), 422, keyGeneral, ConfigSecondaryImporting)
	f.clock.Advance(DefaultTimings().Sync)
	f.postJob(t, Primary, OpBreak, tp, nil)
}

func TestBreakLonePrimary(t *testing.T) {
	f := newFixture(t)
	tp := f.login(t, Primary).AccessToken
	f.configure(t, Primary, tp, RolePrimary)
	f.postJob(t, Primary, OpJoin, tp, nil)
	f.clock.Advance(jobTime + DefaultTimings().Negotiation)
	f.postJob(t, Primary, OpBreak, tp, nil)
	f.clock.Advance(jobTime)
	expectStatus(t, f.status(t, Primary, tp), "", NodeSingle, NodeUnknown, ConfigUnknown, HealthHealthy)
}

func TestBreakFailureKnob(t *testing.T) {
	f := newFixture(t)
	tp, ts := f.formPair(t)
	if err := f.pair.FailNext(Primary, OpBreak, Failure{State: StateDeployTimeout}); err != nil {
		t.Fatal(err)
	}
	j := f.postJob(t, Primary, OpBreak, tp, nil)
	f.clock.Advance(jobTime)
	got := f.job(t, Primary, OpBreak, tp, j.ID)
	if got.State != StateDeployTimeout || len(got.StatusMessages) == 0 {
		t.Fatalf("timed-out break: %+v", got)
	}
	expectStatus(t, f.status(t, Secondary, ts), RoleSecondary, NodeStandby, NodeActive, ConfigInSync, HealthHealthy)
}

func TestBreakOutsideTerraform(t *testing.T) {
	f := newFixture(t)
	tp, ts := f.formPair(t)
	joins := f.pair.Jobs(Primary, OpJoin)
	if !f.pair.BreakOutsideTerraform() {
		t.Fatal("nothing broken")
	}
	expectStatus(t, f.status(t, Primary, tp), "", NodeSingle, NodeUnknown, ConfigUnknown, HealthHealthy)
	expectStatus(t, f.status(t, Secondary, ts), "", NodeSingle, NodeUnknown, ConfigUnknown, HealthHealthy)
	if got := f.job(t, Primary, OpJoin, tp, joins[0].ID); got.State != StateDeployed {
		t.Fatalf("join job after an outside break: %+v", got)
	}
	if f.pair.BreakOutsideTerraform() || f.pair.OutsideBreaks() != 1 {
		t.Fatal("second outside break")
	}
	// The units can pair again.
	f.configure(t, Primary, tp, RolePrimary)
	f.postJob(t, Primary, OpJoin, tp, nil)
	f.clock.Advance(time.Hour)
	if st := f.pair.HAStatus(Primary); st.NodeState != NodeActive {
		t.Fatalf("rejoin: %+v", st)
	}
}
