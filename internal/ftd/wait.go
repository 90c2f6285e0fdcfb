package ftd

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// JobFailedError is a job that ended in DEPLOY_FAILED or DEPLOY_TIMEOUT.
type JobFailedError struct {
	Kind JobKind
	Job  *Job
}

func (e *JobFailedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the HA %s job %s ended %s", e.Kind, e.Job.ID, e.Job.State)
	msgs := e.Job.StatusMessages
	if len(msgs) == 0 && e.Job.StatusMessage != "" {
		msgs = []string{e.Job.StatusMessage}
	}
	if len(msgs) > 0 {
		b.WriteString(": " + strings.Join(msgs, "; "))
	}
	if e.Job.CLIErrorMessage != "" {
		b.WriteString(" (CLI error: " + e.Job.CLIErrorMessage + ")")
	}
	return b.String()
}

// WaitTimeoutError is a wait that ran out of time, with the last state seen.
type WaitTimeoutError struct {
	What     string
	LastSeen string
	Err      error
}

func (e *WaitTimeoutError) Error() string {
	return fmt.Sprintf("gave up waiting for %s (%v); last seen: %s", e.What, e.Err, e.LastSeen)
}

func (e *WaitTimeoutError) Unwrap() error { return e.Err }

// transient reports an error worth polling through: the unit is busy (502, 503, 504)
// or unreachable (refused or dropped connections, timeouts) while it joins or breaks.
func transient(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	var te *transport.Error
	if errors.As(err, &te) {
		return te.Status == http.StatusServiceUnavailable || te.Status == http.StatusBadGateway || te.Status == http.StatusGatewayTimeout
	}
	var ue *url.Error
	var timeout *transport.TimeoutError
	return errors.As(err, &ue) || errors.As(err, &timeout)
}

// WaitJob polls a job until endTime is set; only DEPLOYED is success.
func (c *Client) WaitJob(ctx context.Context, kind JobKind, id string, progress func(string)) (*Job, error) {
	var last *Job
	lastSeen := "no answer yet"
	err := transport.Poll(ctx, c.polling, func(ctx context.Context, _ int) (bool, error) {
		j, err := c.Job(ctx, kind, id)
		if err != nil {
			if transient(err) {
				if ctx.Err() == nil { // past the deadline, the last answer is what was seen
					lastSeen = err.Error()
				}
				return false, nil
			}
			return false, err
		}
		last, lastSeen = j, "state "+j.State
		if progress != nil {
			progress(fmt.Sprintf("%s job %s: %s", kind, id, j.State))
		}
		return j.Ended(), nil
	})
	if err != nil {
		if ctx.Err() != nil {
			return last, &WaitTimeoutError{What: fmt.Sprintf("the HA %s job %s", kind, id), LastSeen: lastSeen, Err: err}
		}
		return last, err
	}
	if last.State != JobDeployed {
		return last, &JobFailedError{Kind: kind, Job: last}
	}
	return last, nil
}

// WaitHA polls the HA status until done accepts it; 503s and dropped connections while
// the unit reloads are waited through.
func (c *Client) WaitHA(ctx context.Context, what string, done func(*HAStatus) bool, progress func(string)) (*HAStatus, error) {
	var last *HAStatus
	lastSeen := "no answer yet"
	start := time.Now()
	err := transport.Poll(ctx, c.polling, func(ctx context.Context, _ int) (bool, error) {
		s, err := c.HAStatus(ctx)
		if err != nil {
			if transient(err) {
				if ctx.Err() == nil { // past the deadline, the last answer is what was seen
					lastSeen = err.Error()
				}
				return false, nil
			}
			return false, err
		}
		last, lastSeen = s, s.String()
		if progress != nil {
			progress(fmt.Sprintf("HA status after %s: %s", time.Since(start).Round(time.Second), s))
		}
		return done(s), nil
	})
	if err != nil && ctx.Err() != nil {
		return last, &WaitTimeoutError{What: what, LastSeen: lastSeen, Err: err}
	}
	return last, err
}
