package ftdmock

import (
	"net/http"
	"regexp"
	"unicode/utf8"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// jobRequest is the optional body of POST join/break: the JoinHAStatus model,
// whose status fields are read-only and ignored (ftd-fdm.md section 2).
type jobRequest struct {
	Name                       *string `json:"name"`
	Type                       *string `json:"type"`
	ForceRefreshDeploymentData *bool   `json:"forceRefreshDeploymentData"`
	InterfaceOption            *string `json:"interfaceOption"`
}

// jobName is the name constraint of the seed page (seeds/000, API v6): it wins
// over the v3 pattern in the note.
var jobName = regexp.MustCompile(`^[a-zA-Z0-9_]$|^[a-zA-Z0-9_][ a-zA-Z0-9_.()/+-]*[a-zA-Z0-9_.)+-]$`)

// check validates the fields every HA job body shares; "" names count as absent.
func (in jobRequest) check(op Op) *fdmError {
	if name := deref(in.Name); name != "" {
		if utf8.RuneCountInString(name) > 128 {
			return validation("invalidValue", "name", "name: length must be between 0 and 128 (inclusive)")
		}
		if !jobName.MatchString(name) {
			return validation("invalidValue", "name", "name must match pattern "+jobName.String())
		}
	}
	if in.Type != nil && *in.Type != op.typeName() {
		return validation("invalidValue", "type", "type must be \""+op.typeName()+"\", not \""+*in.Type+"\"")
	}
	if in.ForceRefreshDeploymentData != nil && *in.ForceRefreshDeploymentData {
		return validation("invalidValue", "forceRefreshDeploymentData", "forceRefreshDeploymentData cannot be enabled for this deployment type")
	}
	return nil
}

func (h unitHandler) postJoin(c call) {
	var in jobRequest
	if ferr := decodeBody(c.r, &in, true); ferr != nil {
		writeFDMError(c.w, ferr)
		return
	}
	v, ferr := h.p.join(h.u, in)
	if ferr != nil {
		writeFDMError(c.w, ferr)
		return
	}
	mock.WriteCompactJSON(c.w, http.StatusOK, v.wire(c.base))
}

// join accepts a join on unit u: refused on the standby, without an HA
// configuration, when already in HA, while a job runs, or with pending changes.
func (p *Pair) join(u Unit, in jobRequest) (Job, *fdmError) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	us := p.units[u]
	if p.nodeState(u) == NodeStandby {
		return Job{}, notOnStandby()
	}
	if ferr := in.check(OpJoin); ferr != nil {
		return Job{}, ferr
	}
	switch {
	case !us.joinedAt.IsZero():
		return Job{}, refusal("haAlreadyConfigured", "The device is already part of a high availability pair ("+p.nodeState(u)+")")
	case us.config.NodeRole == "":
		return Job{}, refusal("haNotConfigured", "High availability is not configured on this device: set the HA configuration (devices/default/ha/configurations) before joining")
	case us.busy():
		return Job{}, refusal("deploymentInProgress", "A high availability deployment is in progress; try again after it completes")
	case us.pendingChanges:
		return Job{}, refusal("pendingChanges", "There are pending changes on the device: deploy or discard them before joining high availability")
	}
	j := p.newJob(u, OpJoin, deref(in.Name))
	if us.config.NodeRole == RoleSecondary {
		j.outage = p.outage
	}
	return j.view(p.clock.Now()), nil
}
