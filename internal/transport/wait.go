package transport

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
)

// Check looks once at a long operation: done once it has ended, seen a description of
// what was answered (kept as the last answer seen), or the failure of the look.
type Check func(ctx context.Context, attempt int) (done bool, seen string, err error)

// Wait polls a long operation until a check reports it done.
type Wait struct {
	Polling Polling
	// Retry reports the failures of a check that are waited through; nil is Transient.
	Retry func(error) bool
	// Immediate makes the first check at once, before the first interval.
	Immediate bool
	// Waiting, when set, is told after each check that did not end the wait.
	Waiting func(attempt int, lastSeen string)
}

// Run calls check under w.Polling until it reports done (nil is returned), fails in a
// way Retry does not accept (that error is returned), or the deadline passes: then the
// error is a *WaitTimeoutError that holds the last answer seen. A check cut short by
// the deadline does not replace the answer seen before it.
func (w Wait) Run(ctx context.Context, check Check) error {
	retry := w.Retry
	if retry == nil {
		retry = func(err error) bool { return Transient(err) }
	}
	out := &WaitTimeoutError{LastSeen: NoAnswerYet}
	var failed error // a failure of a check that ends the wait
	look := func(ctx context.Context, attempt int) (bool, error) {
		done, seen, err := check(ctx, attempt)
		switch {
		case err != nil && !retry(err):
			failed = err
			return false, err
		case err != nil:
			if ctx.Err() == nil { // past the deadline, the last answer is what was seen
				out.LastSeen, out.LastErr = err.Error(), err
			}
		default:
			out.LastSeen, out.LastErr = seen, nil
		}
		if !done && w.Waiting != nil {
			w.Waiting(attempt, out.LastSeen)
		}
		return done, nil
	}
	deadline, bounded := w.Polling.deadline(ctx)
	offset := 0
	if w.Immediate {
		offset = 1
		if done, err := look(ctx, 1); done || err != nil {
			return w.ended(ctx, out, failed, err)
		}
	}
	err := poll(ctx, w.Polling, deadline, bounded, func(ctx context.Context, attempt int) (bool, error) {
		return look(ctx, attempt+offset)
	})
	return w.ended(ctx, out, failed, err)
}

// ended turns what ended the wait into its result: a failure of a check is returned as
// it is unless the context had ended by then.
func (w Wait) ended(ctx context.Context, out *WaitTimeoutError, failed, err error) error {
	switch {
	case err == nil:
		return nil
	case failed != nil && ctx.Err() == nil:
		return failed
	case ctx.Err() != nil:
		out.Err = ctx.Err()
	default:
		out.Err = err // the deadline on the polling clock
	}
	return out
}

// WaitTimeoutError is a wait that ran out of time before the operation was seen done.
type WaitTimeoutError struct {
	// LastSeen is the last answer seen, NoAnswerYet when none came before the deadline.
	LastSeen string
	// LastErr is the failure LastSeen describes, nil when it was an answer.
	LastErr error
	// Err is why the wait ended: the context's error, or context.DeadlineExceeded.
	Err error
}

// NoAnswerYet is the last answer seen before any check answered.
const NoAnswerYet = "no answer yet"

func (e *WaitTimeoutError) Error() string {
	return fmt.Sprintf("gave up waiting (%v); last seen: %s", e.Err, e.LastSeen)
}

func (e *WaitTimeoutError) Unwrap() error { return e.Err }

// Transient reports a failure worth waiting through while an appliance is busy with a
// long operation: it answers 502, 503, 504 or one of extra, or cannot be reached
// (refused or dropped connections, attempts that timed out). A cancelled request is
// not transient.
func Transient(err error, extra ...int) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var te *Error
	if errors.As(err, &te) {
		switch te.Status {
		case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
		return slices.Contains(extra, te.Status)
	}
	var ue *url.Error
	var timeout *TimeoutError
	return errors.As(err, &ue) || errors.As(err, &timeout)
}
