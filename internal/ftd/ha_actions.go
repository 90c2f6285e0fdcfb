package ftd

import (
	"context"
	"fmt"
	"net/http"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// More HA node states (ftd-fdm.md section 4).
const (
	StateSuspended = "HA_SUSPENDED_NODE"
	StateFailed    = "HA_FAILED_NODE"
	StateDisabled  = "HA_DISABLED_NODE"
	StateUnknown   = "HA_UNKNOWN_NODE"
)

// HAAction names a synchronous HA action: POST /devices/default/action/ha/<verb>, which
// takes no parameters and answers 200 with the unit's HAStatus, or 422 (ftd-fdm.md section 3).
type HAAction string

// The synchronous HA actions besides failover.
const (
	ActionSuspend HAAction = "suspend"
	ActionResume  HAAction = "resume"
	ActionReset   HAAction = "reset"
)

// actionBody is the body of a synchronous HA action (failover, suspend, resume, reset): an
// empty object where the unit's API version declares one, none on v1 and v2 (FDM 6.2/6.3),
// whose spec declares no body for them.
func (c *Client) actionBody(ctx context.Context) (any, error) {
	versions, err := c.APIVersions(ctx)
	if err != nil {
		return nil, err
	}
	if versions.ActionsTakeBody() {
		return map[string]any{}, nil
	}
	return nil, nil
}

// StartHAAction sends one synchronous HA action and returns the status it answers. As
// with the failover, API v1 and v2 (FDM 6.2/6.3) declare no body for it, so none is sent.
func (c *Client) StartHAAction(ctx context.Context, verb HAAction) (*HAStatus, error) {
	body, err := c.actionBody(ctx)
	if err != nil {
		return nil, err
	}
	var s HAStatus
	resp, err := c.call(ctx, http.MethodPost, "/devices/default/action/ha/"+string(verb), nil, body, &s)
	if err != nil {
		return nil, err
	}
	if err := s.check(resp); err != nil {
		return nil, err
	}
	return &s, nil
}

// HAActionOptions guard and report a suspend, resume or reset. Each guard that is set
// must hold before anything is sent.
type HAActionOptions struct {
	// ExpectedState is the nodeState this unit must report (suspend).
	ExpectedState string
	// ExpectedRole is the nodeRole this unit must have (suspend, resume).
	ExpectedRole string
	// ExpectedFailedRole is the role of the unit that must have failed (reset).
	ExpectedFailedRole string
	// Progress, when set, receives each step.
	Progress func(string)
}

func (o HAActionOptions) say(format string, args ...any) {
	if o.Progress != nil {
		o.Progress(fmt.Sprintf(format, args...))
	}
}

// HAActionResult is what a suspend, resume or reset did.
type HAActionResult struct {
	Before *HAStatus
	Reply  *HAStatus // nil when the unit did not answer the action
	After  *HAStatus
}

func notSent(format string, args ...any) error {
	return &PreconditionError{Reason: fmt.Sprintf(format, args...) + " Nothing was sent."}
}

// guardRole checks ExpectedRole against the unit's role.
func (o HAActionOptions) guardRole(s *HAStatus) error {
	if o.ExpectedRole != "" && o.ExpectedRole != s.Role() {
		return notSent("expected_role is %s but this unit is %s (%s).", o.ExpectedRole, orNone(s.Role()), s)
	}
	return nil
}

func orNone(role string) string {
	if role == "" {
		return "not in HA"
	}
	return role
}

// Suspend suspends HA: on the active unit both units, on the standby only itself
// (ftd-fdm.md section 3). It waits until this unit reports HA_SUSPENDED_NODE.
func (c *Client) Suspend(ctx context.Context, opts HAActionOptions) (*HAActionResult, error) {
	before, err := c.HAStatus(ctx)
	if err != nil {
		return nil, err
	}
	opts.say("this unit is %s %s, its peer %s", orNone(before.Role()), before.NodeState, before.PeerNodeState)
	if !before.Paired() {
		return nil, notSent("This unit is %s (%s); FDM suspends HA only on the active or the standby unit of a pair.", before.NodeState, before)
	}
	if opts.ExpectedState != "" && opts.ExpectedState != before.NodeState {
		return nil, notSent("expected_state is %s but this unit is %s (%s). This guard keeps a suspend from reaching the unit you did not mean: "+
			"on the active unit it suspends both units, on the standby only the standby.", opts.ExpectedState, before.NodeState, before)
	}
	if err := opts.guardRole(before); err != nil {
		return nil, err
	}
	reply, err := c.StartHAAction(ctx, ActionSuspend)
	if err != nil {
		return nil, fmt.Errorf("the suspend was refused: %w", err)
	}
	opts.say("suspend accepted by %s: %s", c.Endpoint(), reply)
	after, err := c.WaitHA(ctx, "HA to be suspended on this unit", func(s *HAStatus) bool { return s.NodeState == StateSuspended },
		func(msg string) { opts.say("waiting for the suspension: %s", msg) })
	if err != nil {
		return nil, err
	}
	if before.NodeState == StateActive {
		opts.say("HA is suspended on both units; this unit keeps passing traffic")
	} else {
		opts.say("HA is suspended on this unit")
	}
	return &HAActionResult{Before: before, Reply: reply, After: after}, nil
}

// Resume resumes HA on a suspended unit and waits until it is active or standby again.
// A resuming standby may answer 503, or nothing, for a few minutes (ftd-fdm.md section 3):
// such answers, to the resume itself or to the status reads after it, are waited through.
func (c *Client) Resume(ctx context.Context, opts HAActionOptions) (*HAActionResult, error) {
	before, err := c.HAStatus(ctx)
	if err != nil {
		return nil, err
	}
	opts.say("this unit is %s %s, its peer %s", orNone(before.Role()), before.NodeState, before.PeerNodeState)
	if before.NodeState != StateSuspended {
		return nil, notSent("This unit is %s, not %s (%s); FDM resumes HA only on a suspended unit.", before.NodeState, StateSuspended, before)
	}
	if err := opts.guardRole(before); err != nil {
		return nil, err
	}
	reply, err := c.StartHAAction(ctx, ActionResume)
	unanswered := false
	switch {
	case err == nil:
		opts.say("resume accepted by %s: %s", c.Endpoint(), reply)
	case transport.Transient(err):
		unanswered = true
		opts.say("the unit did not answer the resume (%v); a resuming unit may answer 503 or nothing for a few minutes: waiting for it", err)
	default:
		return nil, fmt.Errorf("the resume was refused: %w", err)
	}
	var notApplied bool
	after, err := c.WaitHA(ctx, "this unit to be active or standby again", func(s *HAStatus) bool {
		notApplied = unanswered && s.NodeState == StateSuspended
		return s.Paired() || notApplied
	}, func(msg string) { opts.say("waiting for the resume: %s", msg) })
	if err != nil {
		return nil, err
	}
	if notApplied {
		return nil, fmt.Errorf("the unit did not answer the resume and still reports %s (%s): the resume was not applied. "+
			"Run the action again once the unit answers", StateSuspended, after)
	}
	opts.say("HA resumed: this unit is %s", after.NodeState)
	return &HAActionResult{Before: before, Reply: reply, After: after}, nil
}

// Reset clears the failed unit of a pair and waits until the pair is a healthy
// ACTIVE/STANDBY pair again. FDM needs one unit in HA_FAILED_NODE (ftd-fdm.md section 3);
// otherwise nothing is sent.
func (c *Client) Reset(ctx context.Context, opts HAActionOptions) (*HAActionResult, error) {
	before, err := c.HAStatus(ctx)
	if err != nil {
		return nil, err
	}
	opts.say("this unit is %s %s, its peer %s", orNone(before.Role()), before.NodeState, before.PeerNodeState)
	var failed string
	switch {
	case before.NodeState == StateFailed:
		failed = before.Role()
	case before.PeerNodeState == StateFailed:
		failed = peerRole(before.Role())
	default:
		return nil, notSent("No unit has failed (%s); FDM resets a pair only when one unit is %s.", before, StateFailed)
	}
	if opts.ExpectedFailedRole != "" && opts.ExpectedFailedRole != failed {
		return nil, notSent("expected_failed_role is %s but the failed unit is %s (%s).", opts.ExpectedFailedRole, orNone(failed), before)
	}
	reply, err := c.StartHAAction(ctx, ActionReset)
	if err != nil {
		return nil, fmt.Errorf("the reset was refused: %w", err)
	}
	opts.say("reset accepted by %s: %s", c.Endpoint(), reply)
	after, err := c.WaitHA(ctx, "a healthy active/standby pair", healthyPair,
		func(msg string) { opts.say("waiting for the pair to recover: %s", msg) })
	if err != nil {
		return nil, err
	}
	opts.say("the pair is healthy: %s is active", activeRole(after))
	return &HAActionResult{Before: before, Reply: reply, After: after}, nil
}

// peerRole is the role of the other unit.
func peerRole(role string) string {
	return map[string]string{RolePrimary: RoleSecondary, RoleSecondary: RolePrimary}[role]
}
