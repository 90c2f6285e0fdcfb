package ftdmock

import (
	"net/http"
	"strconv"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Values of BreakHAStatus.interfaceOption (v6.6+, ftd-fdm.md section 3).
const (
	DisableInterfaces    = "DISABLE_INTERFACES"
	EnableWithStandbyIP  = "ENABLE_WITH_STANDBY_IP"
	defaultBreakInterfOp = DisableInterfaces
)

func (h unitHandler) postBreak(c call) {
	var in jobRequest
	if ferr := decodeBody(c.r, &in, true); ferr != nil {
		writeFDMError(c.w, ferr)
		return
	}
	clearIntfs := c.r.URL.Query().Get("clearIntfs")
	if h.p.legacyBreak(c.r.PathValue("version")) {
		// Up to 6.3 the BreakHAStatus model has no interfaceOption (ftd-fdm.md section 3).
		if in.InterfaceOption != nil {
			writeFDMError(c.w, validation("unrecognizedField", "interfaceOption",
				"Unrecognized field \"interfaceOption\" in BreakHAStatus: this API version takes the clearIntfs query parameter"))
			return
		}
	} else {
		clearIntfs = "" // not a parameter of the 6.6+ operation
	}
	v, ferr := h.p.breakHA(h.u, in, clearIntfs)
	if ferr != nil {
		writeFDMError(c.w, ferr)
		return
	}
	mock.WriteCompactJSON(c.w, http.StatusOK, v.wire(c.base))
}

// breakHA accepts a break on unit u. The interface option comes from the body
// (v6.6+) or the clearIntfs query (up to v6.3: true clears, so disables, the
// interfaces); one of them is required on a unit that is not active.
func (p *Pair) breakHA(u Unit, in jobRequest, clearIntfs string) (Job, *fdmError) {
	if ferr := in.check(OpBreak); ferr != nil {
		return Job{}, ferr
	}
	option := deref(in.InterfaceOption)
	switch option {
	case "", DisableInterfaces, EnableWithStandbyIP:
	default:
		return Job{}, validation("invalidValue", "interfaceOption", "interfaceOption must be "+DisableInterfaces+" or "+EnableWithStandbyIP+", not \""+option+"\"")
	}
	if clearIntfs != "" {
		clearIntfsValue, err := strconv.ParseBool(clearIntfs)
		if err != nil {
			return Job{}, validation("invalidValue", "clearIntfs", "clearIntfs must be true or false")
		}
		if option == "" {
			option = map[bool]string{true: DisableInterfaces, false: EnableWithStandbyIP}[clearIntfsValue]
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	us := p.units[u]
	now := p.clock.Now()
	state := p.nodeState(u)
	switch {
	case us.joinedAt.IsZero():
		return Job{}, refusal("haNotConfigured", "The device is not part of a high availability pair ("+state+"): there is nothing to break")
	case p.forming(now):
		st := p.status(u)
		return Job{}, refusal("haSyncInProgress", "High availability cannot be broken while the units negotiate or synchronise configuration (node state "+
			st.NodeState+", config status "+st.ConfigStatus+"); try again when it completes")
	case us.busy() || p.units[u.other()].busy():
		return Job{}, refusal("deploymentInProgress", "A high availability deployment is in progress; try again after it completes")
	case p.ha.failover != nil:
		return Job{}, refusal("failoverInProgress", "A failover is in progress; try again after it completes")
	case state != NodeActive && option == "":
		return Job{}, validation("requiredField", "interfaceOption", "interfaceOption is required when breaking high availability on a unit that is not active (this unit is "+state+")")
	}
	if option == "" {
		option = defaultBreakInterfOp
	}
	j := p.newJob(u, OpBreak, deref(in.Name))
	j.interfaceOption = option
	return j.view(now), nil
}
