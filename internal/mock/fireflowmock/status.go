package fireflowmock

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// Workflow statuses: the values a third-party client waits for (fireflow.md
// section 5), and "rejected", whose literal no source confirms.
const (
	StatusOpen               = "open"
	StatusCheck              = "check"
	StatusImplementationPlan = "implementation plan"
	StatusImplement          = "implement"
	StatusValidate           = "validate"
	StatusResolved           = "resolved"
	StatusRejected           = "rejected"
)

// workflow is the order AdvanceStatus follows, from open to resolved.
var workflow = []string{StatusOpen, StatusCheck, StatusImplementationPlan, StatusImplement, StatusValidate, StatusResolved}

// Workflow returns the statuses AdvanceStatus moves through, open first.
func Workflow() []string { return slices.Clone(workflow) }

// SetStatus sets the status of a change request, as a user working it in the
// UI would. Any non-empty value is accepted (statuses are
// workflow-configurable); a parent passes its status to its children.
func (f *FireFlow) SetStatus(id int, status string) error {
	if status == "" {
		return errors.New("empty status")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	t, ok := f.tickets[id]
	if !ok {
		return fmt.Errorf("no change request %d", id)
	}
	f.setStatus(t, status)
	return nil
}

// AdvanceStatus moves a change request (and its children) one step along
// Workflow and returns the new status.
func (f *FireFlow) AdvanceStatus(id int) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, ok := f.tickets[id]
	if !ok {
		return "", fmt.Errorf("no change request %d", id)
	}
	f.settle(t)
	i := slices.Index(workflow, t.status)
	if i < 0 || i == len(workflow)-1 {
		return "", fmt.Errorf("change request %d is %q: no next status", id, t.status)
	}
	f.setStatus(t, workflow[i+1])
	return t.status, nil
}

// SetAutoAdvance makes every change request move one workflow step each d
// after its last status change, up to resolved (0, the default, turns it off).
// Evaluated lazily against the clock.
func (f *FireFlow) SetAutoAdvance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, t := range f.tickets {
		f.settle(t)
	}
	f.autoAdvance = max(d, 0)
	now := f.clock.Now()
	for _, t := range f.tickets {
		t.statusSince = now
	}
}

// setStatus sets t's status and its children's. Callers hold f.mu.
func (f *FireFlow) setStatus(t *ticket, status string) {
	now := f.clock.Now()
	for _, id := range append([]int{t.id}, t.children...) {
		if c, ok := f.tickets[id]; ok {
			c.status = status
			c.statusSince = now
			c.statusMoved = true
			c.lastUpdated = now
		}
	}
}

// settle applies automatic advances due by now. Callers hold f.mu.
func (f *FireFlow) settle(t *ticket) {
	if f.autoAdvance <= 0 {
		return
	}
	i := slices.Index(workflow, t.status)
	if i < 0 {
		return
	}
	steps := int(f.clock.Now().Sub(t.statusSince) / f.autoAdvance)
	steps = min(steps, len(workflow)-1-i)
	if steps <= 0 {
		return
	}
	t.status = workflow[i+steps]
	t.statusMoved = true
	t.statusSince = t.statusSince.Add(time.Duration(steps) * f.autoAdvance)
	t.lastUpdated = t.statusSince
}
