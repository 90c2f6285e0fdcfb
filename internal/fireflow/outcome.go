package fireflow

import (
	"errors"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// CreateOutcome is what a failed create leaves on FireFlow.
type CreateOutcome int

// Outcomes of a failed create. FireFlow does not deduplicate, so a create that may have
// been carried out is never sent again.
const (
	// MayHaveCreated: the request reached FireFlow but its answer was lost or was an
	// error of the server, so the change request may exist.
	MayHaveCreated CreateOutcome = iota
	// Refused: FireFlow answered with a refusal; nothing was created.
	Refused
	// NotSent: the connection was never made; nothing was created.
	NotSent
	// NoSession: no session could be had, so FireFlow did not process the request.
	NoSession
)

// CreateOutcomeOf tells, from the error of CreateObjectRequest or
// CreateRuleRemovalRequest, whether FireFlow may hold the change request.
func CreateOutcomeOf(err error) CreateOutcome {
	var fe *Error
	switch {
	case errors.As(err, &fe) && fe.Err.Status < 500:
		return Refused
	case transport.NotSent(err):
		return NotSent
	case errors.As(err, new(*transport.SessionError)):
		return NoSession
	}
	return MayHaveCreated
}
