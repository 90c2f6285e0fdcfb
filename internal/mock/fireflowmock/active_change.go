package fireflowmock

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// ActiveChange statuses as the A30.10 pages spell them (fireflow.md section 9), the
// lower-case "in" included.
const (
	ActiveChangeNotStarted = "Not Started"
	ActiveChangeInProgress = "in Progress"
	ActiveChangeSucceed    = "Succeed"
	ActiveChangeFailed     = "Failed"
)

// Answers of a trigger (fireflow.md sections 8 and 9): both come with HTTP 200 and
// status Success.
const (
	triggerSucceeded = "Trigger ActiveChange for change request %s has finished successfully"
	triggerFailed    = "ActiveChange operation has finished with status failure."
)

// CodeNoPermissions is FireFlow's refusal of a user without the rights (fireflow.md sections 2 and 9).
const CodeNoPermissions = "NO_PERMISSIONS"

// Code of a trigger on a parent change request: the mock's own naming.
const CodeNotSubChangeRequest = "NOT_A_SUB_CHANGE_REQUEST"

// ActiveChangeOutcome is how a triggered ActiveChange ends.
type ActiveChangeOutcome string

// Outcomes of ActiveChange.
const (
	ActiveChangeSucceeds ActiveChangeOutcome = "succeed"
	ActiveChangeFails    ActiveChangeOutcome = "fail"
	// ActiveChangeTriggerFails ends the run at its trigger: HTTP 200, status Success,
	// and data "ActiveChange operation has finished with status failure."; the status
	// then reads Failed.
	ActiveChangeTriggerFails ActiveChangeOutcome = "trigger-fail"
)

func parseActiveChangeOutcome(s string) (ActiveChangeOutcome, error) {
	switch o := ActiveChangeOutcome(s); o {
	case ActiveChangeSucceeds, ActiveChangeFails, ActiveChangeTriggerFails:
		return o, nil
	}
	return "", fmt.Errorf("active_change_outcome must be \"succeed\", \"fail\" or \"trigger-fail\", not %q", s)
}

// ActiveChange is the state of ActiveChange on a child change request.
type ActiveChange struct {
	ChangeRequestID int    `json:"changeRequestId"`
	Status          string `json:"activeChangeStatus"`
	Result          string `json:"result"`
	Triggers        int    `json:"-"` // calculate requests accepted for this change request
}

// activeChangeRun is an ActiveChange triggered on a child.
type activeChangeRun struct {
	started  time.Time
	duration time.Duration
	outcome  ActiveChangeOutcome
	triggers int
}

// SetActiveChange sets how the next triggered ActiveChange runs: how it ends and how
// long it stays InProgress on the mock clock.
func (f *FireFlow) SetActiveChange(outcome ActiveChangeOutcome, duration time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.acOutcome = outcome
	f.acDuration = max(duration, 0)
}

// activeChangeOf is t's ActiveChange as of now. Callers hold f.mu.
func (f *FireFlow) activeChangeOf(t *ticket) ActiveChange {
	a := ActiveChange{ChangeRequestID: t.id, Status: ActiveChangeNotStarted}
	run := t.activeChange
	if run == nil {
		return a
	}
	a.Triggers = run.triggers
	device := strings.Join(t.devices, ", ")
	switch {
	case run.outcome == ActiveChangeTriggerFails:
		a.Status = ActiveChangeFailed
		a.Result = "Device " + device + ": ActiveChange could not connect to the device"
	case f.clock.Now().Before(run.started.Add(run.duration)):
		a.Status = ActiveChangeInProgress
		a.Result = "Pushing the planned change to " + device
	case run.outcome == ActiveChangeFails:
		a.Status = ActiveChangeFailed
		a.Result = "Device " + device + ": policy installation failed: the device rejected the commit (rule 'ff-" + strconv.Itoa(t.id) + "' references an object that does not exist)"
	default:
		a.Status = ActiveChangeSucceed
		a.Result = "Device " + device + ": 1 rule added (ff-" + strconv.Itoa(t.id) + "); policy installed"
	}
	return a
}

// activeChangeTicket finds the traffic change request of a trigger or status request;
// an unknown id, or one of another kind, is not found. Callers hold f.mu.
func (f *FireFlow) activeChangeTicket(idText string) (*ticket, bool) {
	id, err := strconv.Atoi(idText)
	t, ok := f.tickets[id]
	if err != nil || !ok || t.kind != KindTraffic {
		return nil, false
	}
	return t, true
}

// activeChangeRoute serves an ActiveChange route of one spelling: a route the settings
// do not serve answers as an unknown path does, and a user without the rights 403.
func (f *FireFlow) activeChangeRoute(workOrder bool, serve http.HandlerFunc) http.HandlerFunc {
	inSession := f.withSession(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		denied := f.denyActiveChange
		f.mu.Unlock()
		if denied {
			writeFailure(w, http.StatusForbidden, Message{CodeNoPermissions, "User " + Username + " has no permission to run ActiveChange"})
			return
		}
		serve(w, r)
	})
	return func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		served := f.behaviour.ActiveChangeRoutes.serves(workOrder)
		f.mu.Unlock()
		if !served {
			writeFailure(w, http.StatusNotFound, Message{CodeNotFound, "No resource at " + mock.SentPath(r)})
			return
		}
		inSession(w, r)
	}
}

// triggerActiveChange is POST .../traffic/{id}/active-change/calculate (or
// .../work-order/implement): on a child it starts ActiveChange; a parent is refused
// (ActiveChange runs per device).
func (f *FireFlow) triggerActiveChange(w http.ResponseWriter, r *http.Request) {
	idText := r.PathValue("id")
	f.mu.Lock()
	t, ok := f.activeChangeTicket(idText)
	var msgs []Message
	if ok && len(t.children) > 0 {
		msgs = []Message{{CodeNotSubChangeRequest, fmt.Sprintf("Change request %s is a parent change request: trigger ActiveChange on its sub change requests (%s)", idText, joinIDs(t.children))}}
	}
	var outcome ActiveChangeOutcome
	if ok && len(msgs) == 0 {
		triggers := 1
		if t.activeChange != nil {
			triggers += t.activeChange.triggers
		}
		outcome = f.acOutcome
		t.activeChange = &activeChangeRun{started: f.clock.Now(), duration: f.acDuration, outcome: outcome, triggers: triggers}
		t.lastUpdated = f.clock.Now()
	}
	f.mu.Unlock()
	switch {
	case !ok:
		f.notFound(w, KindTraffic, idText)
	case len(msgs) > 0:
		writeFailure(w, http.StatusBadRequest, msgs...)
	case outcome == ActiveChangeTriggerFails:
		writeSuccess(w, []Message{}, triggerFailed)
	default:
		writeSuccess(w, []Message{}, fmt.Sprintf(triggerSucceeded, idText))
	}
}

// activeChangeStatus is GET .../traffic/{id}/active-change (or
// .../work-order/implementation/result).
func (f *FireFlow) activeChangeStatus(w http.ResponseWriter, r *http.Request) {
	idText := r.PathValue("id")
	f.mu.Lock()
	t, ok := f.activeChangeTicket(idText)
	var a ActiveChange
	if ok {
		a = f.activeChangeOf(t)
	}
	f.mu.Unlock()
	if !ok {
		f.notFound(w, KindTraffic, idText)
		return
	}
	writeSuccess(w, []Message{}, a)
}

func joinIDs(ids []int) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.Itoa(id)
	}
	return strings.Join(s, ", ")
}
