package ftd

import (
	"context"
	"errors"
	"fmt"
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

// wait polls check; 502, 503, 504 and broken connections while the unit joins, breaks
// or reloads are waited through. A timeout names what was awaited.
func (c *Client) wait(ctx context.Context, what string, check transport.Check) error {
	err := transport.Wait{Polling: c.polling}.Run(ctx, check)
	var wt *transport.WaitTimeoutError
	if errors.As(err, &wt) {
		return &WaitTimeoutError{What: what, LastSeen: wt.LastSeen, Err: wt.Err}
	}
	return err
}

// WaitJob polls a job until endTime is set; only DEPLOYED is success.
func (c *Client) WaitJob(ctx context.Context, kind JobKind, id string, progress func(string)) (*Job, error) {
	var last *Job
	err := c.wait(ctx, fmt.Sprintf("the HA %s job %s", kind, id), func(ctx context.Context, _ int) (bool, string, error) {
		j, err := c.Job(ctx, kind, id)
		if err != nil {
			return false, "", err
		}
		last = j
		if progress != nil {
			progress(fmt.Sprintf("%s job %s: %s", kind, id, j.State))
		}
		return j.Ended(), "state " + j.State, nil
	})
	if err != nil {
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
	start := time.Now()
	err := c.wait(ctx, what, func(ctx context.Context, _ int) (bool, string, error) {
		s, err := c.HAStatus(ctx)
		if err != nil {
			return false, "", err
		}
		last = s
		if progress != nil {
			progress(fmt.Sprintf("HA status after %s: %s", time.Since(start).Round(time.Second), s))
		}
		return done(s), s.String(), nil
	})
	return last, err
}
