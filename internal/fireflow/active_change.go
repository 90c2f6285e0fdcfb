package fireflow

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// ActiveChange is the state of ActiveChange on one child change request (GET
// .../traffic/{id}/active-change, fireflow.md section 8).
type ActiveChange struct {
	ChangeRequestID int64
	// Status is activeChangeStatus as FireFlow words it: the guide shows "Succeed" only.
	Status string
	// Result is the device output.
	Result string
}

// UnmarshalJSON accepts the id as a number or a string and a result that is not a
// string (it is then kept as its JSON text).
func (a *ActiveChange) UnmarshalJSON(b []byte) error {
	var raw struct {
		ChangeRequestID json.RawMessage `json:"changeRequestId"`
		Status          string          `json:"activeChangeStatus"`
		Result          json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if len(raw.ChangeRequestID) > 0 && string(raw.ChangeRequestID) != "null" {
		id, err := parseID(raw.ChangeRequestID)
		if err != nil {
			return err
		}
		a.ChangeRequestID = id
	}
	a.Status = raw.Status
	a.Result = ""
	if len(raw.Result) > 0 && string(raw.Result) != "null" {
		if err := json.Unmarshal(raw.Result, &a.Result); err != nil {
			a.Result = string(raw.Result)
		}
	}
	if a.Status == "" {
		return fmt.Errorf("FireFlow answered no activeChangeStatus: %s", b)
	}
	return nil
}

// Succeeded reports FireFlow's word for success ("Succeed" in the guide).
func (a *ActiveChange) Succeeded() bool {
	s := strings.ToLower(a.Status)
	return s == "succeed" || s == "succeeded" || s == "success" || s == "successful"
}

// Settled reports whether ActiveChange has ended on the child. The guide lists only
// "Succeed"; a status that names a failure ends it too, and any other ("in progress",
// "running", ...) is waited through: an unknown word is never read as a failure.
func (a *ActiveChange) Settled() bool {
	if a.Succeeded() {
		return true
	}
	s := strings.ToLower(a.Status)
	for _, w := range []string{"fail", "error", "abort", "cancel", "reject"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func (a *ActiveChange) String() string {
	if a.Result == "" {
		return a.Status
	}
	return a.Status + ": " + a.Result
}

// TriggerActiveChange starts ActiveChange on a child change request (POST
// .../active-change/calculate) and returns FireFlow's message. The id must be a child:
// ActiveChange runs per device.
func (c *Client) TriggerActiveChange(ctx context.Context, child int64) (string, error) {
	var msg json.RawMessage
	if err := c.call(ctx, http.MethodPost, fmt.Sprintf("/change-requests/traffic/%d/active-change/calculate", child), nil, &msg); err != nil {
		return "", err
	}
	var text string
	if json.Unmarshal(msg, &text) != nil {
		text = string(msg)
	}
	return text, nil
}

// GetActiveChange reads the state of ActiveChange on a child change request.
func (c *Client) GetActiveChange(ctx context.Context, child int64) (*ActiveChange, error) {
	var a ActiveChange
	if err := c.call(ctx, http.MethodGet, fmt.Sprintf("/change-requests/traffic/%d/active-change", child), nil, &a); err != nil {
		return nil, err
	}
	if a.ChangeRequestID == 0 {
		a.ChangeRequestID = child
	}
	return &a, nil
}

// ActiveChangeError is ActiveChange that did not succeed on a child: FireFlow's status
// and result, and which children were done or left untouched.
type ActiveChangeError struct {
	Request  int64
	Child    int64
	Status   string // activeChangeStatus, empty when the trigger or the wait failed
	Result   string
	Err      error // the failed call or wait, nil when FireFlow reported the failure
	Done     []int64
	NotBegun []int64
}

func (e *ActiveChangeError) Error() string {
	var b strings.Builder
	if e.Err != nil {
		fmt.Fprintf(&b, "ActiveChange on change request %d failed: %v", e.Child, e.Err)
	} else {
		fmt.Fprintf(&b, "ActiveChange on change request %d ended %q", e.Child, e.Status)
		if e.Result != "" {
			fmt.Fprintf(&b, "; FireFlow's result: %s", e.Result)
		}
	}
	if len(e.Done) > 0 {
		fmt.Fprintf(&b, ". Already implemented: %s", idList(e.Done))
	}
	if len(e.NotBegun) > 0 {
		fmt.Fprintf(&b, ". Not started: %s", idList(e.NotBegun))
	}
	return b.String()
}

func (e *ActiveChangeError) Unwrap() error { return e.Err }

func idList(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ", ")
}

// ActiveChangeTargets are the children ActiveChange runs on for a traffic change
// request: its sub change requests, or the request itself when it has none (a child, or
// a request FireFlow did not split per device).
func (c *Client) ActiveChangeTargets(ctx context.Context, id int64) ([]int64, error) {
	cr, err := c.GetChangeRequest(ctx, KindTraffic, id)
	if err != nil {
		return nil, err
	}
	if len(cr.SubChangeRequests) == 0 {
		return []int64{id}, nil
	}
	return cr.SubChangeRequests, nil
}

// RunActiveChange implements a traffic change request: on each child in turn it
// triggers ActiveChange once (a trigger is never sent again) and waits until FireFlow
// reports it settled, telling progress each new answer. It stops at the first child that
// does not succeed; the error is an *ActiveChangeError.
func (c *Client) RunActiveChange(ctx context.Context, id int64, progress func(string)) ([]ActiveChange, error) {
	if progress == nil {
		progress = func(string) {}
	}
	children, err := c.ActiveChangeTargets(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(children) > 1 || children[0] != id {
		progress(fmt.Sprintf("change request %d: ActiveChange runs on %s", id, idList(children)))
	}
	var done []ActiveChange
	var doneIDs []int64
	for i, child := range children {
		fail := func(status, result string, err error) error {
			return &ActiveChangeError{Request: id, Child: child, Status: status, Result: result, Err: err, Done: doneIDs, NotBegun: children[i+1:]}
		}
		msg, err := c.TriggerActiveChange(ctx, child)
		if err != nil {
			return done, fail("", "", err)
		}
		progress(fmt.Sprintf("change request %d: %s", child, msg))
		var last *ActiveChange
		told := ""
		// Each new answer is told once: a run of minutes would otherwise repeat itself.
		w := transport.Wait{Polling: c.polling, Waiting: func(_ int, seen string) {
			if seen != told {
				told = seen
				progress(fmt.Sprintf("change request %d: %s", child, seen))
			}
		}}
		err = w.Run(ctx, func(ctx context.Context, _ int) (bool, string, error) {
			a, err := c.GetActiveChange(ctx, child)
			if err != nil {
				return false, "", err
			}
			last = a
			return a.Settled(), a.String(), nil
		})
		if err != nil {
			return done, fail("", "", err)
		}
		progress(fmt.Sprintf("change request %d: %s", child, last))
		if !last.Succeeded() {
			return done, fail(last.Status, last.Result, nil)
		}
		done = append(done, *last)
		doneIDs = append(doneIDs, child)
	}
	return done, nil
}
