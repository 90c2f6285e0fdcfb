package fireflowmock

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ActiveChange statuses: "Succeed" is the guide's; it lists no other (fireflow.md
// section 8), so the rest are the mock's own words.
const (
	ActiveChangeNotStarted = "NotStarted"
	ActiveChangeInProgress = "InProgress"
	ActiveChangeSucceed    = "Succeed"
	ActiveChangeFailed     = "Failed"
)

// Code of a trigger on a parent change request: the mock's own naming.
const CodeNotSubChangeRequest = "NOT_A_SUB_CHANGE_REQUEST"

// ActiveChangeOutcome is how a triggered ActiveChange ends.
type ActiveChangeOutcome string

// Outcomes of ActiveChange.
const (
	ActiveChangeSucceeds ActiveChangeOutcome = "succeed"
	ActiveChangeFails    ActiveChangeOutcome = "fail"
)

func parseActiveChangeOutcome(s string) (ActiveChangeOutcome, error) {
	switch o := ActiveChangeOutcome(s); o {
	case ActiveChangeSucceeds, ActiveChangeFails:
		return o, nil
	}
	return "", fmt.Errorf("active_change_outcome must be \"succeed\" or \"fail\", not %q", s)
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

// activeChangeTicket finds the traffic change request of a calculate or status request;
// an unknown id, or one of another kind, is 400 CHANGE_REQUEST_NOT_FOUND. Callers hold f.mu.
func (f *FireFlow) activeChangeTicket(idText string) (*ticket, []Message) {
	id, err := strconv.Atoi(idText)
	t, ok := f.tickets[id]
	if err != nil || !ok || t.kind != KindTraffic {
		return nil, []Message{{CodeChangeRequestNotFound, "Change request " + idText + " not found"}}
	}
	return t, nil
}

// triggerActiveChange is POST .../traffic/{id}/active-change/calculate: on a child it
// starts ActiveChange; a parent is refused (ActiveChange runs per device).
func (f *FireFlow) triggerActiveChange(w http.ResponseWriter, r *http.Request) {
	idText := r.PathValue("id")
	f.mu.Lock()
	t, msgs := f.activeChangeTicket(idText)
	if t != nil && len(t.children) > 0 {
		msgs = []Message{{CodeNotSubChangeRequest, fmt.Sprintf("Change request %s is a parent change request: trigger ActiveChange on its sub change requests (%s)", idText, joinIDs(t.children))}}
	}
	if len(msgs) == 0 {
		triggers := 1
		if t.activeChange != nil {
			triggers += t.activeChange.triggers
		}
		t.activeChange = &activeChangeRun{started: f.clock.Now(), duration: f.acDuration, outcome: f.acOutcome, triggers: triggers}
		t.lastUpdated = f.clock.Now()
	}
	f.mu.Unlock()
	if len(msgs) > 0 {
		writeFailure(w, http.StatusBadRequest, msgs...)
		return
	}
	writeSuccess(w, []Message{}, "Trigger ActiveChange for change request "+idText+" has finished successfully")
}

// activeChangeStatus is GET .../traffic/{id}/active-change.
func (f *FireFlow) activeChangeStatus(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	t, msgs := f.activeChangeTicket(r.PathValue("id"))
	var a ActiveChange
	if t != nil {
		a = f.activeChangeOf(t)
	}
	f.mu.Unlock()
	if len(msgs) > 0 {
		writeFailure(w, http.StatusBadRequest, msgs...)
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
