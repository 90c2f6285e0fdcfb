package ftd

import (
	"context"
	"fmt"
)

// PreconditionError is a refusal made before anything was sent to the unit.
type PreconditionError struct{ Reason string }

func (e *PreconditionError) Error() string { return e.Reason }

// FailoverOptions steer Failover.
type FailoverOptions struct {
	// ExpectedActiveRole, when set (HA_PRIMARY or HA_SECONDARY), is the role that must be
	// active before the failover; otherwise nothing is sent.
	ExpectedActiveRole string
	// Progress, when set, receives each step.
	Progress func(string)
}

// FailoverResult is what a failover did.
type FailoverResult struct {
	PreviousActiveRole string
	NewActiveRole      string
	Status             *HAStatus
}

// Failover swaps the active and standby units of a healthy pair and waits until this
// unit reports the swapped states.
func (c *Client) Failover(ctx context.Context, opts FailoverOptions) (*FailoverResult, error) {
	say := func(format string, args ...any) {
		if opts.Progress != nil {
			opts.Progress(fmt.Sprintf(format, args...))
		}
	}
	before, err := c.HAStatus(ctx)
	if err != nil {
		return nil, err
	}
	if !healthyPair(before) {
		return nil, &PreconditionError{Reason: fmt.Sprintf("the pair is not a healthy active/standby pair (%s); FDM only fails over a pair that is ACTIVE/STANDBY, IN_SYNC and HEALTHY. Nothing was sent", before)}
	}
	active := activeRole(before)
	say("%s is active (this unit %s, peer %s)", active, before.NodeState, before.PeerNodeState)
	if opts.ExpectedActiveRole != "" && opts.ExpectedActiveRole != active {
		return nil, &PreconditionError{Reason: fmt.Sprintf("expected_active_role is %s but %s is active; nothing was sent. "+
			"This guard keeps a repeated failover from flipping the pair back", opts.ExpectedActiveRole, active)}
	}
	if _, err := c.StartFailover(ctx); err != nil {
		return nil, fmt.Errorf("the failover was refused: %w", err)
	}
	say("failover accepted by %s", c.Endpoint())
	want := map[string]string{StateActive: StateStandby, StateStandby: StateActive}[before.NodeState]
	after, err := c.WaitHA(ctx, "the units to swap roles", func(s *HAStatus) bool {
		return s.NodeState == want && s.PeerNodeState == before.NodeState
	}, func(msg string) { say("waiting for the swap: %s", msg) })
	if err != nil {
		return nil, err
	}
	res := &FailoverResult{PreviousActiveRole: active, NewActiveRole: activeRole(after), Status: after}
	say("%s is now active", res.NewActiveRole)
	return res, nil
}

func healthyPair(s *HAStatus) bool {
	pair := (s.NodeState == StateActive && s.PeerNodeState == StateStandby) || (s.NodeState == StateStandby && s.PeerNodeState == StateActive)
	return pair && s.ConfigStatus == ConfigInSync && s.HAHealthStatus == HealthHealthy
}

// activeRole is the role of whichever unit is active, seen from this unit.
func activeRole(s *HAStatus) string {
	if s.NodeState == StateActive {
		return s.Role()
	}
	return map[string]string{RolePrimary: RoleSecondary, RoleSecondary: RolePrimary}[s.Role()]
}
