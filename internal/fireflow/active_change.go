package fireflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// ActiveChange is the state of ActiveChange on one child change request (GET
// .../traffic/{id}/work-order/implementation/result or .../active-change, fireflow.md
// section 9).
type ActiveChange struct {
	ChangeRequestID int64
	// Status is activeChangeStatus as FireFlow words it: "Not Started", "in Progress",
	// "Succeed" or "Failed".
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

// word is the status in lower case with its spaces folded: the documented values
// differ in case ("in Progress").
func (a *ActiveChange) word() string {
	return strings.ToLower(strings.Join(strings.Fields(a.Status), " "))
}

// Succeeded reports "Succeed", the one documented word for done.
func (a *ActiveChange) Succeeded() bool { return a.word() == "succeed" }

// Pending reports "Not Started" or "in Progress" (compared case-insensitively).
func (a *ActiveChange) Pending() bool {
	w := a.word()
	return w == "not started" || w == "in progress"
}

// Settled reports whether ActiveChange has ended on the child: every status but the two
// pending ones ends it, "Succeed" as a success, "Failed" and any word FireFlow does not
// document as a failure, quoting its result.
func (a *ActiveChange) Settled() bool { return !a.Pending() }

func (a *ActiveChange) String() string {
	if a.Result == "" {
		return a.Status
	}
	return a.Status + ": " + a.Result
}

// The two spellings of the ActiveChange routes (fireflow.md section 9): the Resource
// Name fields of AlgoSec's pages (also what a script run against a lab appliance used),
// and the curl examples. Which one a release serves is not documented.
const (
	routeWorkOrder    = 1
	routeActiveChange = 2
)

var (
	triggerPaths = map[int32]string{routeWorkOrder: "/change-requests/traffic/%d/work-order/implement", routeActiveChange: "/change-requests/traffic/%d/active-change/calculate"}
	statusPaths  = map[int32]string{routeWorkOrder: "/change-requests/traffic/%d/work-order/implementation/result", routeActiveChange: "/change-requests/traffic/%d/active-change"}
)

// RouteError is an ActiveChange call that both spellings answered 404: the server serves
// neither route.
type RouteError struct {
	Errs []error
}

func (e *RouteError) Error() string {
	texts := make([]string, len(e.Errs))
	for i, err := range e.Errs {
		texts[i] = err.Error()
	}
	return "this FireFlow serves neither spelling of the ActiveChange route: " + strings.Join(texts, "; ")
}

func (e *RouteError) Unwrap() []error { return e.Errs }

// routeNotServed is a 404 answered to the request itself (not to a login or any other
// step) that is not FireFlow's not-found of a change request: the path is unknown to the
// server, so the request never reached an operation.
func routeNotServed(err error) bool {
	var fe *Error
	return errors.As(err, &fe) && fe.Err.Status == http.StatusNotFound && !fe.HasCode("CHANGE_REQUEST_NOT_FOUND")
}

// routeCall sends an ActiveChange call under the spelling this server is known to serve,
// else under each in turn (the Resource Name first). A 404 for an unknown path means the
// other spelling can be tried without running anything twice; any other answer tells
// which spelling the server serves, and it is remembered (learnt, or pref, which a status
// read takes from the trigger's).
func (c *Client) routeCall(ctx context.Context, method string, learnt *atomic.Int32, pref int32, paths map[int32]string, id int64, data any) error {
	first := learnt.Load()
	if first == 0 {
		first = pref
	}
	if first == 0 {
		first = routeWorkOrder
	}
	order := []int32{first, routeWorkOrder + routeActiveChange - first}
	var notServed []error
	for _, r := range order {
		err := c.call(ctx, method, fmt.Sprintf(paths[r], id), nil, data)
		if routeNotServed(err) {
			notServed = append(notServed, err)
			continue
		}
		var fe *Error
		if err == nil || errors.As(err, &fe) {
			learnt.Store(r)
		}
		return err
	}
	return &RouteError{Errs: notServed}
}

// TriggerFailedError is a trigger FireFlow answered with success around a failure:
// "ActiveChange operation has finished with status failure." in data (fireflow.md
// section 9).
type TriggerFailedError struct {
	Child   int64
	Message string
}

func (e *TriggerFailedError) Error() string {
	return fmt.Sprintf("FireFlow answered the ActiveChange trigger of change request %d: %s", e.Child, e.Message)
}

// TriggerActiveChange starts ActiveChange on a child change request (POST
// .../work-order/implement or .../active-change/calculate) and returns FireFlow's
// message; a message saying the operation finished with status failure is a
// *TriggerFailedError. The id must be a child: ActiveChange runs per device.
func (c *Client) TriggerActiveChange(ctx context.Context, child int64) (string, error) {
	var msg json.RawMessage
	if err := c.routeCall(ctx, http.MethodPost, &c.triggerRoute, 0, triggerPaths, child, &msg); err != nil {
		return "", err
	}
	var text string
	if json.Unmarshal(msg, &text) != nil {
		text = string(msg)
	}
	if strings.Contains(strings.ToLower(text), "with status failure") {
		return text, &TriggerFailedError{Child: child, Message: text}
	}
	return text, nil
}

// GetActiveChange reads the state of ActiveChange on a child change request.
func (c *Client) GetActiveChange(ctx context.Context, child int64) (*ActiveChange, error) {
	var a ActiveChange
	if err := c.routeCall(ctx, http.MethodGet, &c.statusRoute, c.triggerRoute.Load(), statusPaths, child, &a); err != nil {
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
	Request int64
	Child   int64
	// Trigger is FireFlow's answer to a trigger that reported a failure, empty otherwise.
	Trigger string
	Status  string // activeChangeStatus, empty when the trigger or the wait failed
	Result  string
	// Err is the failed call or wait, nil when FireFlow reported the failure.
	Err      error
	Done     []int64
	NotBegun []int64
}

func (e *ActiveChangeError) Error() string {
	var b strings.Builder
	switch {
	case IsNoPermissions(e.Err):
		fmt.Fprintf(&b, "ActiveChange on change request %d was refused: FireFlow's user lacks the rights to run ActiveChange (%v)", e.Child, e.Err)
	case e.Err != nil:
		fmt.Fprintf(&b, "ActiveChange on change request %d failed: %v", e.Child, e.Err)
	case e.Trigger != "":
		fmt.Fprintf(&b, "ActiveChange on change request %d failed at its trigger: FireFlow answered %q", e.Child, e.Trigger)
		if e.Status != "" {
			fmt.Fprintf(&b, "; activeChangeStatus %q", e.Status)
		}
	default:
		fmt.Fprintf(&b, "ActiveChange on change request %d ended %q", e.Child, e.Status)
	}
	if e.Err == nil && e.Result != "" {
		fmt.Fprintf(&b, "; FireFlow's result: %s", e.Result)
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
		fail := func(status, result string, err error) *ActiveChangeError {
			return &ActiveChangeError{Request: id, Child: child, Status: status, Result: result, Err: err, Done: doneIDs, NotBegun: children[i+1:]}
		}
		msg, err := c.TriggerActiveChange(ctx, child)
		var tf *TriggerFailedError
		if errors.As(err, &tf) {
			progress(fmt.Sprintf("change request %d: %s", child, tf.Message))
			// FireFlow's result says why; a failed read of it leaves the trigger's words.
			ae := fail("", "", nil)
			ae.Trigger = tf.Message
			if a, rerr := c.GetActiveChange(ctx, child); rerr == nil {
				ae.Status, ae.Result = a.Status, a.Result
			}
			return done, ae
		}
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
