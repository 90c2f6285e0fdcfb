package ftdmock

import (
	"net/http"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// postFailover is startHAFailover: accepted on either unit of a healthy
// ACTIVE/STANDBY pair; the roles swap after the failover delay. The 200 body is
// the receiving unit's HAStatus, PROCESSING until the swap (or already swapped
// with a zero delay), links.self .../action/ha/failover/default (ftd-fdm.md section 3).
func (h unitHandler) postFailover(c call) {
	var in struct{}
	if ferr := decodeBody(c.r, &in, true); ferr != nil {
		writeFDMError(c.w, ferr)
		return
	}
	st, ferr := h.p.failover(h.u)
	if ferr != nil {
		writeFDMError(c.w, ferr)
		return
	}
	mock.WriteCompactJSON(c.w, http.StatusOK, st.wire(c.base+"/devices/default/action/ha/failover/default"))
}

func (p *Pair) failover(u Unit) (HAStatus, *fdmError) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	now := p.clock.Now()
	st := p.status(u)
	switch {
	case !p.ha.formed:
		return HAStatus{}, refusal("haNotHealthy", "Failover requires a high availability pair of two units; this unit is "+st.NodeState+" and its peer "+st.PeerNodeState)
	case p.forming(now):
		return HAStatus{}, refusal("haNotHealthy", "Failover requires a healthy active/standby pair; the units are still negotiating or synchronising configuration (config status "+st.ConfigStatus+")")
	case p.inMaintenance():
		return HAStatus{}, refusal("haNotHealthy", "Failover requires a healthy active/standby pair; this unit is "+st.NodeState+" and its peer "+st.PeerNodeState)
	case p.ha.failover != nil:
		return HAStatus{}, refusal("failoverInProgress", "A failover is already in progress")
	case p.units[Primary].busy() || p.units[Secondary].busy():
		return HAStatus{}, refusal("deploymentInProgress", "A high availability deployment is in progress; try again after it completes")
	}
	p.ha.failover = &pendingFailover{accepted: now, at: now.Add(p.timings.Failover)}
	p.settle()
	return p.status(u), nil
}
