package sbc

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// SwitchoverOptions steer Pair.Switchover.
type SwitchoverOptions struct {
	// ExpectedActive, when set, is the host name that must be active; otherwise nothing is sent.
	ExpectedActive string
	// Wait polls until the roles have swapped.
	Wait bool
	// Polling bounds the wait's checks (default 1 s growing to 10 s).
	Polling transport.Polling
	// Progress, when set, receives each step.
	Progress func(Event)
}

// SwitchoverResult is what a switchover did.
type SwitchoverResult struct {
	PreviousActive string
	// NewActive is set once the swap was seen (Wait).
	NewActive       string
	AcceptedAt      time.Time
	CompletedAt     time.Time
	SwitchoverCount int64
	Verified        bool
}

// NotVerifiedError is a switchover the SBC accepted whose role swap was not seen in time.
type NotVerifiedError struct {
	AcceptedBy string
	AcceptedAt time.Time
	LastSeen   string
	Err        error
}

func (e *NotVerifiedError) Error() string {
	msg := fmt.Sprintf("the switchover was accepted by %s at %s, but the roles had not swapped when the wait ended (%v); last seen: %s. "+
		"Check the pair on the SBC (show redundancy) before running another switchover",
		e.AcceptedBy, e.AcceptedAt.UTC().Format(time.RFC3339), e.Err, e.LastSeen)
	return msg
}

func (e *NotVerifiedError) Unwrap() error { return e.Err }

// Switchover finds the active unit, checks the pair can switch over, sends the switchover
// to the active unit and, with Wait, polls until the roles have swapped. Every refusal
// before the POST is a *PreconditionError and nothing was sent.
func (p Pair) Switchover(ctx context.Context, opts SwitchoverOptions) (*SwitchoverResult, error) {
	say := func(format string, args ...any) {
		if opts.Progress != nil {
			opts.Progress(Event{Message: fmt.Sprintf(format, args...), Time: time.Now()})
		}
	}
	roles, err := FindRoles(p.Read(ctx), p.Peer != nil)
	if err != nil {
		return nil, err
	}
	active := roles.Active
	say("%s is active, %s is standby", active.Name(), roles.StandbyName)
	if opts.ExpectedActive != "" && !strings.EqualFold(opts.ExpectedActive, active.Name()) {
		return nil, &PreconditionError{Reason: fmt.Sprintf("expected_active is %q but %s is the active unit; nothing was sent. "+
			"This guard keeps a re-applied switchover from flipping the pair back: set expected_active to %q to switch over from it", opts.ExpectedActive, active.Name(), active.Name())}
	}
	if err := roles.CheckStandby(); err != nil {
		return nil, err
	}
	before := active.Status.Switchovers()
	if err := active.Client.Switchover(ctx); err != nil {
		return nil, fmt.Errorf("the switchover sent to %s was refused: %w", active.Name(), err)
	}
	res := &SwitchoverResult{PreviousActive: active.Name(), AcceptedAt: time.Now().UTC(), SwitchoverCount: before}
	say("switchover accepted by %s", active.Name())
	if !opts.Wait {
		return res, nil
	}
	return p.waitSwap(ctx, roles, res, opts, say)
}

// waitSwap polls the units until the former standby is active. Every failure is waited
// through: a unit busy with the swap may not answer, and the other may.
func (p Pair) waitSwap(ctx context.Context, roles *Roles, res *SwitchoverResult, opts SwitchoverOptions, say func(string, ...any)) (*SwitchoverResult, error) {
	oldActive := roles.Active
	units := []*Client{oldActive.Client}
	if roles.Standby != nil {
		units = append(units, roles.Standby.Client)
	}
	w := transport.Wait{
		Polling: opts.Polling,
		Retry:   func(error) bool { return true },
		Waiting: func(poll int, lastSeen string) { say("waiting for the swap (poll %d): %s", poll, lastSeen) },
	}
	err := w.Run(ctx, func(ctx context.Context, _ int) (bool, string, error) {
		var failed error
		for _, c := range units {
			s, err := c.Status(ctx)
			if err != nil {
				failed = fmt.Errorf("%s: %w", c.Endpoint(), err)
				continue // the unit may be busy with the swap; ask the other or wait
			}
			seen := fmt.Sprintf("%s is %q, its peer %s is %q", s.HostName, s.Role, s.HAPeerName, s.HAPeerRole)
			if !swapped(s, c == oldActive.Client) {
				return false, seen, nil // the first readable unit answers the question
			}
			res.NewActive = s.HostName
			if c == oldActive.Client {
				res.NewActive = s.HAPeerName
			}
			if n := s.Switchovers(); n >= 0 {
				res.SwitchoverCount = n
			}
			res.CompletedAt = time.Now().UTC()
			res.Verified = true
			say("%s is now active", res.NewActive)
			return true, seen, nil
		}
		return false, "", failed
	})
	var wt *transport.WaitTimeoutError
	if errors.As(err, &wt) {
		return res, &NotVerifiedError{AcceptedBy: res.PreviousActive, AcceptedAt: res.AcceptedAt, LastSeen: wt.LastSeen, Err: wt.Err}
	}
	return res, err
}

// swapped reports whether s shows the roles swapped, read from the unit that was active
// (now standby with an active peer) or from the one that was standby (now active).
func swapped(s *SystemStatus, fromOldActive bool) bool {
	if fromOldActive {
		return s.HasRole(RoleStandby) && s.PeerHasRole(RoleActive)
	}
	return s.HasRole(RoleActive)
}
