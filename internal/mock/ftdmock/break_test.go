package ftdmock

import (
	"fmt"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
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
	// clearIntfs is no parameter of the 6.6+ operation: it does not stand in for interfaceOption.
	expectError(t, f.do(t, Secondary, "POST", path+"?clearIntfs=true", ts, nil), 422, keyValidation, "interfaceOption is required")
	j := f.postJob(t, Secondary, OpBreak, ts, map[string]any{"interfaceOption": EnableWithStandbyIP})
	f.clock.Advance(jobTime)
	if got := f.job(t, Secondary, OpBreak, ts, j.ID); got.State != StateDeployed || *got.InterfaceOption != EnableWithStandbyIP {
		t.Fatalf("break: %+v", got)
	}
	if a, b := f.pair.HAStatus(Primary), f.pair.HAStatus(Secondary); a.NodeState != NodeSingle || b.NodeState != NodeSingle {
		t.Fatalf("after break from the standby: %+v %+v", a, b)
	}
}

// Below API v5 (before 6.6) the break takes the clearIntfs query and knows no interfaceOption.
func TestBreakWithClearIntfsQuery(t *testing.T) {
	for _, tc := range []struct {
		release, path string
	}{
		{DefaultRelease, "/api/fdm/v4/devices/default/action/ha/break"},
	} {
		t.Run(tc.release+tc.path, func(t *testing.T) {
			clock := mock.NewFakeClock(epoch)
			f := newFixtureWith(t, Options{Clock: clock, Release: tc.release})
			f.clock = clock
			_, ts := f.formPair(t)
			expectError(t, f.do(t, Secondary, "POST", tc.path, ts, map[string]any{"interfaceOption": EnableWithStandbyIP}), 422, keyValidation, `Unrecognized field "interfaceOption"`)
			expectError(t, f.do(t, Secondary, "POST", tc.path+"?clearIntfs=maybe", ts, nil), 422, keyValidation, "clearIntfs")
			expectError(t, f.do(t, Secondary, "POST", tc.path, ts, nil), 422, keyValidation, "is required")
			var j tJob
			f.ok(t, Secondary, "POST", tc.path+"?clearIntfs=false", ts, nil, &j)
			if j.State != StateQueued || j.InterfaceOption == nil || *j.InterfaceOption != EnableWithStandbyIP {
				t.Fatalf("break with clearIntfs=false: %+v", j)
			}
		})
	}
}

func TestReleaseVersions(t *testing.T) {
	for release, want := range map[string]string{"6.3": "[v1 v2]", "6.4": "[v1 v2 v3]", "6.6": "[v3 v4 v5]", "7.0": "[v4 v5 v6]", "7.4.1": "[v4 v5 v6]"} {
		got, err := ReleaseVersions(release)
		if err != nil || fmt.Sprint(got) != want {
			t.Errorf("ReleaseVersions(%s) = %v, %v; want %s", release, got, err, want)
		}
	}
	if _, err := ReleaseVersions("6.2"); err == nil {
		t.Error("6.2 accepted")
	}
	for _, tc := range []struct {
		release, version string
		legacy           bool
	}{{Release63, "latest", true}, {Release63, "v2", true}, {Release66, "latest", false}, {Release66, "v4", true}, {Release70, "v5", false}} {
		if got := NewPair(Options{Release: tc.release}).legacyBreak(tc.version); got != tc.legacy {
			t.Errorf("%s %s: clearIntfs form %v, want %v", tc.release, tc.version, got, tc.legacy)
		}
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
