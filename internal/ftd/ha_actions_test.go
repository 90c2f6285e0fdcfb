package ftd_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

func actionPosts(s *mock.Server, verb ftd.HAAction) int {
	return s.CountCalls(http.MethodPost, apiPath("/devices/default/action/ha/"+string(verb)))
}

func formedPair(t *testing.T) *unitPair {
	t.Helper()
	f := newUnitPair(t, ftdmock.Options{})
	if err := f.pair.FormPair(); err != nil {
		t.Fatal(err)
	}
	return f
}

// Suspending on the active suspends both units; resuming each brings the pair back.
func TestSuspendResume_onActive(t *testing.T) {
	f := formedPair(t)
	active := f.client(t, ftdmock.Primary)
	var steps []string
	res, err := active.Suspend(t.Context(), ftd.HAActionOptions{ExpectedState: ftd.StateActive, ExpectedRole: ftd.RolePrimary,
		Progress: func(s string) { steps = append(steps, s) }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Reply.NodeState != ftd.StateSuspended || res.After.NodeState != ftd.StateSuspended {
		t.Errorf("reply %s, after %s", res.Reply, res.After)
	}
	for _, u := range []ftdmock.Unit{ftdmock.Primary, ftdmock.Secondary} {
		if st := f.pair.HAStatus(u); st.NodeState != ftdmock.NodeSuspended {
			t.Errorf("%s is %+v after a suspend on the active", u, st)
		}
	}
	if last := steps[len(steps)-1]; last != "HA is suspended on both units; this unit keeps passing traffic" {
		t.Errorf("steps %q", steps)
	}

	// Again: the unit is no longer active, nothing is sent.
	_, err = active.Suspend(t.Context(), ftd.HAActionOptions{})
	var pe *ftd.PreconditionError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "Nothing was sent") {
		t.Fatalf("second suspend: %v", err)
	}
	if n := actionPosts(f.srv[ftdmock.Primary], ftd.ActionSuspend); n != 1 {
		t.Errorf("%d suspend POSTs", n)
	}

	if _, err := active.Resume(t.Context(), ftd.HAActionOptions{ExpectedRole: ftd.RolePrimary}); err != nil {
		t.Fatal(err)
	}
	if st := f.pair.HAStatus(ftdmock.Primary); st.NodeState != ftdmock.NodeActive {
		t.Errorf("primary after resume: %+v", st)
	}
	res, err = f.client(t, ftdmock.Secondary).Resume(t.Context(), ftd.HAActionOptions{ExpectedRole: ftd.RoleSecondary})
	if err != nil {
		t.Fatal(err)
	}
	if res.Reply.NodeState != ftd.StateDisabled || res.After.NodeState != ftd.StateStandby {
		t.Errorf("resume of the standby: reply %s, after %s", res.Reply, res.After)
	}
}

// On the standby only the standby is suspended; guards that do not hold send nothing.
func TestSuspend_guards(t *testing.T) {
	f := formedPair(t)
	standby := f.client(t, ftdmock.Secondary)
	for _, opts := range []ftd.HAActionOptions{
		{ExpectedState: ftd.StateActive},
		{ExpectedRole: ftd.RolePrimary},
	} {
		_, err := standby.Suspend(t.Context(), opts)
		var pe *ftd.PreconditionError
		if !errors.As(err, &pe) {
			t.Fatalf("%+v: err = %v, want a PreconditionError", opts, err)
		}
	}
	if n := actionPosts(f.srv[ftdmock.Secondary], ftd.ActionSuspend); n != 0 {
		t.Fatalf("%d suspend POSTs despite the guards", n)
	}
	if _, err := standby.Suspend(t.Context(), ftd.HAActionOptions{ExpectedState: ftd.StateStandby}); err != nil {
		t.Fatal(err)
	}
	if p, s := f.pair.HAStatus(ftdmock.Primary), f.pair.HAStatus(ftdmock.Secondary); p.NodeState != ftdmock.NodeActive || s.NodeState != ftdmock.NodeSuspended {
		t.Errorf("after a suspend on the standby: primary %+v, secondary %+v", p, s)
	}
	// Resume is refused by the unit while it is not suspended: the client sends nothing.
	if _, err := f.client(t, ftdmock.Primary).Resume(t.Context(), ftd.HAActionOptions{}); err == nil || !strings.Contains(err.Error(), "not HA_SUSPENDED_NODE") {
		t.Fatalf("resume of the active: %v", err)
	}
	if n := actionPosts(f.srv[ftdmock.Primary], ftd.ActionResume); n != 0 {
		t.Fatalf("%d resume POSTs to a unit that is not suspended", n)
	}
}

// A resuming standby answers 503, or drops the connection, for a while: the resume waits
// through it until the unit is the standby again.
func TestResume_waitsThroughOutage(t *testing.T) {
	for _, drop := range []bool{false, true} {
		t.Run(map[bool]string{false: "503", true: "dropped"}[drop], func(t *testing.T) {
			f := formedPair(t)
			f.pair.SetResumeOutage(ftdmock.Outage{Duration: 300 * time.Millisecond, Drop: drop})
			standby := f.client(t, ftdmock.Secondary)
			if _, err := standby.Suspend(t.Context(), ftd.HAActionOptions{}); err != nil {
				t.Fatal(err)
			}
			var steps []string
			res, err := standby.Resume(t.Context(), ftd.HAActionOptions{Progress: func(s string) { steps = append(steps, s) }})
			if err != nil {
				t.Fatalf("resume: %v (steps %q)", err, steps)
			}
			if res.After.NodeState != ftd.StateStandby {
				t.Errorf("after %s", res.After)
			}
			failed := 0
			for _, c := range f.srv[ftdmock.Secondary].Calls() {
				if c.Status == http.StatusServiceUnavailable || c.Status == 0 {
					failed++
				}
			}
			if failed == 0 {
				t.Errorf("no request met the outage; the test proves nothing (steps %q)", steps)
			}
			if n := actionPosts(f.srv[ftdmock.Secondary], ftd.ActionResume); n != 1 {
				t.Errorf("%d resume POSTs", n)
			}
		})
	}
}

// A resume whose answer is lost is waited for; if the unit then still reports suspended,
// the resume did not happen and the action says so instead of sending it again.
func TestResume_unansweredAndNotApplied(t *testing.T) {
	f := formedPair(t)
	standby := f.client(t, ftdmock.Secondary)
	if _, err := standby.Suspend(t.Context(), ftd.HAActionOptions{}); err != nil {
		t.Fatal(err)
	}
	f.srv[ftdmock.Secondary].Inject(mock.Fault{Method: http.MethodPost, Path: apiPath("/devices/default/action/ha/resume"), Times: 5, Drop: mock.DropBefore})
	_, err := standby.Resume(t.Context(), ftd.HAActionOptions{})
	if err == nil || !strings.Contains(err.Error(), "the resume was not applied") {
		t.Fatalf("err = %v", err)
	}
	if st := f.pair.HAStatus(ftdmock.Secondary); st.NodeState != ftdmock.NodeSuspended {
		t.Errorf("secondary %+v", st)
	}
}

// Reset clears the failed unit; without one nothing is sent.
func TestReset(t *testing.T) {
	f := formedPair(t)
	active := f.client(t, ftdmock.Primary)
	_, err := active.Reset(t.Context(), ftd.HAActionOptions{})
	var pe *ftd.PreconditionError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "No unit has failed") {
		t.Fatalf("reset of a healthy pair: %v", err)
	}
	if err := f.pair.FailUnit(ftdmock.Primary); err != nil {
		t.Fatal(err)
	}
	// The secondary took over; the failed unit is the primary.
	survivor := f.client(t, ftdmock.Secondary)
	if _, err := survivor.Reset(t.Context(), ftd.HAActionOptions{ExpectedFailedRole: ftd.RoleSecondary}); !errors.As(err, &pe) {
		t.Fatalf("reset guarded on the wrong unit: %v", err)
	}
	if n := actionPosts(f.srv[ftdmock.Primary], ftd.ActionReset) + actionPosts(f.srv[ftdmock.Secondary], ftd.ActionReset); n != 0 {
		t.Fatalf("%d reset POSTs despite the guards", n)
	}
	res, err := survivor.Reset(t.Context(), ftd.HAActionOptions{ExpectedFailedRole: ftd.RolePrimary})
	if err != nil {
		t.Fatal(err)
	}
	if res.After.NodeState != ftd.StateActive || res.After.PeerNodeState != ftd.StateStandby || res.After.HAHealthStatus != ftd.HealthHealthy {
		t.Errorf("after reset: %s", res.After)
	}
	if p := f.pair.HAStatus(ftdmock.Primary); p.NodeState != ftdmock.NodeStandby {
		t.Errorf("the reset unit is %+v", p)
	}
}

// FDM's own refusal comes back in its words: reset on a single unit is refused by the
// unit when asked directly.
func TestHAActions_vendorRefusal(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	c := f.client(t, ftdmock.Primary)
	for _, verb := range []ftd.HAAction{ftd.ActionSuspend, ftd.ActionResume, ftd.ActionReset} {
		_, err := c.StartHAAction(t.Context(), verb)
		_ = vendorError(t, err, http.StatusUnprocessableEntity, "General", "requires a high availability pair")
	}
}
