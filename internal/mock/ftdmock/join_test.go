package ftdmock

import (
	"strings"
	"testing"
	"time"
)

func expectStatus(t *testing.T, got tStatus, role, node, peer, config, health string) {
	t.Helper()
	gotRole := ""
	if got.NodeRole != nil {
		gotRole = *got.NodeRole
	}
	if gotRole != role || got.NodeState != node || got.PeerNodeState != peer || got.ConfigStatus != config || got.HAHealthStatus != health {
		t.Fatalf("status %+v (role %q), want %q %s %s %s %s", got, gotRole, role, node, peer, config, health)
	}
}

func TestSingleNodeStatus(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Primary).AccessToken
	st := f.status(t, Primary, tok)
	expectStatus(t, st, "", NodeSingle, NodeUnknown, ConfigUnknown, HealthHealthy)
	if st.ID != "default" || st.Type != "hastatus" || st.Links.Self != f.srv[Primary].URL()+api("devices/default/operational/ha/status/default") {
		t.Fatalf("status object: %+v", st)
	}
	expectError(t, f.do(t, Primary, "GET", api("devices/default/operational/ha/status/other"), tok, nil), 404, keyGeneral, "not found")
}

func TestPairFormation(t *testing.T) {
	f := newFixture(t)
	tp, ts := f.login(t, Primary).AccessToken, f.login(t, Secondary).AccessToken
	f.configure(t, Primary, tp, RolePrimary)

	// Primary join: QUEUED, DEPLOYING, DEPLOYED.
	j := f.postJob(t, Primary, OpJoin, tp, map[string]any{"name": "HA join (primary)"})
	if j.State != StateQueued || j.Type != "joinhastatus" || j.QueuedTime != epoch.UnixMilli() || j.StartTime != -1 || j.EndTime != -1 ||
		j.StatusMessages != nil || *j.Name != "HA join (primary)" || j.Links.Self != f.srv[Primary].URL()+api("devices/default/action/ha/join/"+j.ID) {
		t.Fatalf("accepted job: %+v", j)
	}
	f.clock.Advance(DefaultTimings().JobQueued - time.Millisecond)
	if got := f.job(t, Primary, OpJoin, tp, j.ID); got.State != StateQueued {
		t.Fatalf("before start: %+v", got)
	}
	f.clock.Advance(time.Millisecond)
	start := epoch.Add(DefaultTimings().JobQueued).UnixMilli()
	if got := f.job(t, Primary, OpJoin, tp, j.ID); got.State != StateDeploying || got.StartTime != start || got.EndTime != -1 {
		t.Fatalf("deploying: %+v", got)
	}
	expectStatus(t, f.status(t, Primary, tp), "", NodeSingle, NodeUnknown, ConfigUnknown, HealthHealthy)
	f.clock.Advance(DefaultTimings().JobDeploying)
	end := epoch.Add(jobTime).UnixMilli()
	if got := f.job(t, Primary, OpJoin, tp, j.ID); got.State != StateDeployed || got.StartTime != start || got.EndTime != end || got.CLIErrorMessage != nil {
		t.Fatalf("deployed: %+v", got)
	}

	// A lone primary negotiates, then is active with an unknown peer.
	expectStatus(t, f.status(t, Primary, tp), RolePrimary, NodeNegotiating, NodeUnknown, ConfigUnknown, HealthProcessing)
	f.clock.Advance(DefaultTimings().Negotiation)
	expectStatus(t, f.status(t, Primary, tp), RolePrimary, NodeActive, NodeUnknown, ConfigUnknown, HealthProcessing)
	expectStatus(t, f.status(t, Secondary, ts), "", NodeSingle, NodeUnknown, ConfigUnknown, HealthHealthy)

	// Secondary join.
	f.configure(t, Secondary, ts, RoleSecondary)
	js := f.postJob(t, Secondary, OpJoin, ts, nil)
	if js.Name != nil {
		t.Fatalf("unnamed job has name %q", *js.Name)
	}
	f.clock.Advance(jobTime)
	if got := f.job(t, Secondary, OpJoin, ts, js.ID); got.State != StateDeployed {
		t.Fatalf("secondary job: %+v", got)
	}
	expectStatus(t, f.status(t, Secondary, ts), RoleSecondary, NodeNegotiating, NodeActive, ConfigUnknown, HealthProcessing)
	expectStatus(t, f.status(t, Primary, tp), RolePrimary, NodeActive, NodeNegotiating, ConfigUnknown, HealthProcessing)
	f.clock.Advance(DefaultTimings().Negotiation)
	expectStatus(t, f.status(t, Secondary, ts), RoleSecondary, NodeConfigSync, NodeActive, ConfigSecondaryImporting, HealthProcessing)
	expectStatus(t, f.status(t, Primary, tp), RolePrimary, NodeActive, NodeConfigSync, ConfigSecondaryImporting, HealthProcessing)
	if _, ok := f.pair.Active(); ok {
		t.Fatal("Active during sync")
	}
	f.clock.Advance(DefaultTimings().Sync)
	expectStatus(t, f.status(t, Primary, tp), RolePrimary, NodeActive, NodeStandby, ConfigInSync, HealthHealthy)
	expectStatus(t, f.status(t, Secondary, ts), RoleSecondary, NodeStandby, NodeActive, ConfigInSync, HealthHealthy)
	if u, ok := f.pair.Active(); !ok || u != Primary {
		t.Fatalf("Active = %s, %v", u, ok)
	}
	if got := f.pair.HAStatus(Secondary); got != (HAStatus{RoleSecondary, NodeStandby, NodeActive, ConfigInSync, HealthHealthy}) {
		t.Fatalf("HAStatus getter: %+v", got)
	}

	// Jobs stay importable by id and listed.
	var list tList[tJob]
	f.ok(t, Primary, "GET", api("devices/default/action/ha/join"), tp, nil, &list)
	if len(list.Items) != 1 || list.Items[0].ID != j.ID || list.Items[0].State != StateDeployed {
		t.Fatalf("join list: %+v", list)
	}
	if jobs := f.pair.Jobs(Primary, OpJoin); len(jobs) != 1 || jobs[0].ID != j.ID || jobs[0].EndTime.UnixMilli() != end {
		t.Fatalf("Jobs getter: %+v", jobs)
	}
	expectError(t, f.do(t, Primary, "GET", api("devices/default/action/ha/join/"+js.ID), tp, nil), 404, keyGeneral, "not found")
	expectError(t, f.do(t, Primary, "GET", api("devices/default/action/ha/break/"+j.ID), tp, nil), 404, keyGeneral, "not found")
}

func TestSecondaryJoinsFirst(t *testing.T) {
	f := newFixture(t)
	tp, ts := f.login(t, Primary).AccessToken, f.login(t, Secondary).AccessToken
	f.configure(t, Secondary, ts, RoleSecondary)
	f.postJob(t, Secondary, OpJoin, ts, nil)
	f.clock.Advance(jobTime + 10*time.Minute)
	expectStatus(t, f.status(t, Secondary, ts), RoleSecondary, NodeNegotiating, NodeUnknown, ConfigUnknown, HealthProcessing)
	f.configure(t, Primary, tp, RolePrimary)
	f.postJob(t, Primary, OpJoin, tp, nil)
	f.clock.Advance(jobTime)
	expectStatus(t, f.status(t, Primary, tp), RolePrimary, NodeNegotiating, NodeNegotiating, ConfigUnknown, HealthProcessing)
	f.clock.Advance(settleTime)
	expectStatus(t, f.status(t, Primary, tp), RolePrimary, NodeActive, NodeStandby, ConfigInSync, HealthHealthy)
}

func TestJoinRefusedOnStandby(t *testing.T) {
	f := newFixture(t)
	_, ts := f.formPair(t)
	ans := f.do(t, Secondary, "POST", api("devices/default/action/ha/join"), ts, nil)
	e := expectError(t, ans, 422, keyGeneral, "This API call is not allowed on the standby unit in an HA pair.")
	if e.Error.Messages[0].Code == "" {
		t.Fatalf("no code: %s", ans.raw)
	}
	if n := len(f.pair.Jobs(Secondary, OpJoin)); n != 1 {
		t.Fatalf("%d join jobs on the standby", n)
	}
}

func TestJoinRefusals(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Primary).AccessToken
	join := func(body any) answer {
		return f.do(t, Primary, "POST", api("devices/default/action/ha/join"), tok, body)
	}
	expectError(t, join(nil), 422, keyGeneral, "not configured")
	f.configure(t, Primary, tok, RolePrimary)
	f.pair.SetPendingChanges(Primary, true)
	expectError(t, join(nil), 422, keyGeneral, "pending changes")
	f.pair.SetPendingChanges(Primary, false)

	for _, name := range []string{"-leading", "trailing(", "semi;colon", "bang!", "über", strings.Repeat("a", 129)} {
		e := expectError(t, join(map[string]any{"name": name}), 422, keyValidation, "name")
		if e.Error.Messages[0].Location != "name" {
			t.Errorf("%q: location %q", name, e.Error.Messages[0].Location)
		}
	}
	expectError(t, join(map[string]any{"forceRefreshDeploymentData": true}), 422, keyValidation, "cannot be enabled")
	expectError(t, join(map[string]any{"type": "breakhastatus"}), 422, keyValidation, "joinhastatus")
	expectError(t, join("{not json"), 422, keyValidation, "not valid JSON")
	if n := len(f.pair.Jobs(Primary, "")); n != 0 {
		t.Fatalf("%d jobs after refusals", n)
	}

	// The seed's v6 pattern allows _ and /, and a final ")".
	j := f.postJob(t, Primary, OpJoin, tok, map[string]any{"name": "_HA/join (v6)", "state": "DEPLOYED", "type": "joinhastatus", "forceRefreshDeploymentData": false})
	if j.State != StateQueued {
		t.Fatalf("read-only state taken from the body: %+v", j)
	}
	expectError(t, join(nil), 422, keyGeneral, "in progress")
	f.clock.Advance(jobTime)
	expectError(t, join(nil), 422, keyGeneral, "already part of a high availability pair")
}

func TestJoinNamesAccepted(t *testing.T) {
	for _, name := range []string{"a", "_", "HA join 1", "x/y)", "a+b-c.d", strings.Repeat("z", 128), ""} {
		if ferr := (jobRequest{Name: &name}).check(OpJoin); ferr != nil {
			t.Errorf("%q refused: %v", name, ferr)
		}
	}
}

func TestJoinFailureKnobs(t *testing.T) {
	for _, state := range []string{StateDeployFailed, StateDeployTimeout} {
		t.Run(state, func(t *testing.T) {
			f := newFixture(t)
			tok := f.login(t, Primary).AccessToken
			f.configure(t, Primary, tok, RolePrimary)
			msgs := []string{"Deployment failed", "Failover link GigabitEthernet0/7 is down"}
			if err := f.pair.FailNext(Primary, OpJoin, Failure{State: state, StatusMessages: msgs, CLIErrorMessage: "ERROR: failover lan interface down"}); err != nil {
				t.Fatal(err)
			}
			j := f.postJob(t, Primary, OpJoin, tok, nil)
			f.clock.Advance(DefaultTimings().JobQueued)
			if got := f.job(t, Primary, OpJoin, tok, j.ID); got.State != StateDeploying {
				t.Fatalf("deploying: %+v", got)
			}
			f.clock.Advance(DefaultTimings().JobDeploying)
			got := f.job(t, Primary, OpJoin, tok, j.ID)
			if got.State != state || got.EndTime == -1 || len(got.StatusMessages) != 2 || got.StatusMessages[1] != msgs[1] ||
				got.CLIErrorMessage == nil || *got.CLIErrorMessage != "ERROR: failover lan interface down" ||
				got.StatusMessage == nil || !strings.Contains(*got.StatusMessage, msgs[1]) {
				t.Fatalf("failed job: %+v", got)
			}
			f.clock.Advance(10 * time.Minute)
			expectStatus(t, f.status(t, Primary, tok), "", NodeSingle, NodeUnknown, ConfigUnknown, HealthHealthy)
			// The knob is used up: the retry succeeds.
			j = f.postJob(t, Primary, OpJoin, tok, nil)
			f.clock.Advance(jobTime)
			if got := f.job(t, Primary, OpJoin, tok, j.ID); got.State != StateDeployed {
				t.Fatalf("retry: %+v", got)
			}
		})
	}
}

func TestFailNextValidation(t *testing.T) {
	f := newFixture(t)
	if err := f.pair.FailNext(Primary, OpJoin, Failure{State: StateDeployed}); err == nil {
		t.Error("DEPLOYED accepted as a failure")
	}
	if err := f.pair.FailNext(Primary, "suspend", Failure{State: StateDeployFailed}); err == nil {
		t.Error("unknown op accepted")
	}
	if err := f.pair.FailNext(Secondary, OpBreak, Failure{State: StateDeployTimeout}); err != nil {
		t.Fatal(err)
	}
}

func TestMismatchedPeerFailsTheJoin(t *testing.T) {
	f := newFixture(t)
	tp, ts := f.login(t, Primary).AccessToken, f.login(t, Secondary).AccessToken
	f.configure(t, Primary, tp, RolePrimary)
	f.postJob(t, Primary, OpJoin, tp, nil)
	f.clock.Advance(jobTime)
	body := f.configBody(t, Secondary, ts, RoleSecondary)
	body["sharedKey"] = "other-key"
	if ans := f.putConfig(t, Secondary, ts, body); ans.status != 200 {
		t.Fatalf("PUT: %d %s", ans.status, ans.raw)
	}
	j := f.postJob(t, Secondary, OpJoin, ts, nil)
	f.clock.Advance(jobTime)
	got := f.job(t, Secondary, OpJoin, ts, j.ID)
	if got.State != StateDeployFailed || len(got.StatusMessages) != 1 || !strings.Contains(got.StatusMessages[0], "shared key") {
		t.Fatalf("mismatched join: %+v", got)
	}
	expectStatus(t, f.status(t, Secondary, ts), "", NodeSingle, NodeUnknown, ConfigUnknown, HealthHealthy)
}

func TestJoinOutage(t *testing.T) {
	for _, drop := range []bool{false, true} {
		f := newFixture(t)
		f.pair.SetJoinOutage(Outage{Duration: 5 * time.Second, Drop: drop})
		tp, ts := f.login(t, Primary).AccessToken, f.login(t, Secondary).AccessToken
		// The primary's join never makes it unreachable.
		f.configure(t, Primary, tp, RolePrimary)
		f.postJob(t, Primary, OpJoin, tp, nil)
		f.clock.Advance(DefaultTimings().JobQueued)
		f.status(t, Primary, tp)
		f.clock.Advance(DefaultTimings().JobDeploying)

		f.configure(t, Secondary, ts, RoleSecondary)
		j := f.postJob(t, Secondary, OpJoin, ts, nil)
		f.clock.Advance(DefaultTimings().JobQueued - time.Millisecond)
		f.job(t, Secondary, OpJoin, ts, j.ID)
		f.clock.Advance(time.Millisecond)
		ans, err := f.send(t, Secondary, "GET", api("devices/default/action/ha/join/"+j.ID), ts, nil)
		switch {
		case drop && err == nil:
			t.Fatalf("drop: got an answer %d %s", ans.status, ans.raw)
		case !drop && err != nil:
			t.Fatal(err)
		case !drop:
			expectError(t, ans, 503, keyGeneral, "high availability")
		}
		if calls := f.srv[Secondary].Calls(); calls[len(calls)-1].Status != map[bool]int{true: 0, false: 503}[drop] {
			t.Fatalf("logged status %d", calls[len(calls)-1].Status)
		}
		if _, err := f.send(t, Secondary, "POST", api("fdm/token"), "", map[string]any{"grant_type": "password"}); err == nil && drop {
			t.Fatal("token call answered during the outage")
		}
		f.clock.Advance(5*time.Second - time.Millisecond)
		if _, err := f.send(t, Secondary, "GET", api("devices/default/interfaces"), ts, nil); err == nil && drop {
			t.Fatal("answered at the end of the outage")
		}
		f.clock.Advance(time.Millisecond)
		f.job(t, Secondary, OpJoin, ts, j.ID)
	}
}
