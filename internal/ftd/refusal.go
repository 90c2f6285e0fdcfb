package ftd

import (
	"context"
	"errors"
	"net/http"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// keyValidation is the ErrorWrapper key of FDM's judgement of a request's content
// (ftd-fdm.md section 5); "General" and "Deployment" concern the unit's state.
const keyValidation = "Validation"

// Refusal says why FDM refused a change, as far as the client can tell.
type Refusal int

const (
	// RefusedByState is a refusal for a reason of the unit's state that the client could
	// not narrow down (a deployment in progress, an HA state the change is not allowed in,
	// or a standby whose HA status could not be read).
	RefusedByState Refusal = iota
	// RefusedInvalid is FDM's judgement of the request's content (key Validation): a
	// field's value, a missing field, a stale version.
	RefusedInvalid
	// RefusedOnStandby is the refusal of a unit that is the standby of an HA pair, which
	// takes no changes: they reach it by configuration sync from the active unit.
	RefusedOnStandby
)

// RefusalError is FDM's 422 answer to a change, classified. Its text is FDM's answer.
type RefusalError struct {
	Reason Refusal
	// NodeState is the unit's HA nodeState read after the refusal; "" when it was not
	// read (RefusedInvalid) or could not be.
	NodeState string
	Err       *transport.Error
}

func (e *RefusalError) Error() string { return e.Err.Error() }

func (e *RefusalError) Unwrap() error { return e.Err }

// classifyRefusal turns FDM's 422 answer to a change into a *RefusalError; any other
// error is returned as it is. FDM documents that changes are not allowed on the standby
// unit, not how the standby words its answer (ftd-fdm.md sections 4 and 5; seed 000), so
// the standby is recognised by its state rather than by the words: a 422 whose key is
// not Validation, from a unit whose HA status then reads HA_STANDBY_NODE.
func (c *Client) classifyRefusal(ctx context.Context, err error) error {
	var te *transport.Error
	if err == nil || transport.IsSetupFailure(err) || !errors.As(err, &te) || te.Status != http.StatusUnprocessableEntity {
		return err
	}
	if te.Code == keyValidation {
		return &RefusalError{Reason: RefusedInvalid, Err: te}
	}
	refusal := &RefusalError{Reason: RefusedByState, Err: te}
	if st, serr := c.HAStatus(ctx); serr == nil {
		refusal.NodeState = st.NodeState
		if st.NodeState == StateStandby {
			refusal.Reason = RefusedOnStandby
		}
	}
	return refusal
}
