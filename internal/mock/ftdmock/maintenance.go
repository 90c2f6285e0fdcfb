package ftdmock

import (
	"errors"
	"net/http"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// More node states and statuses of HAStatus (ftd-fdm.md section 4).
const (
	NodeSuspended = "HA_SUSPENDED_NODE"
	NodeFailed    = "HA_FAILED_NODE"
	NodeDisabled  = "HA_DISABLED_NODE"

	ConfigPrimaryImporting = "PRIMARY_IMPORTING_CONFIG"
	HealthUnhealthy        = "UNHEALTHY"
	HealthCritical         = "CRITICAL"
)

type maintenancePhase int

const (
	phaseNone maintenancePhase = iota
	phaseSuspended
	phaseFailed
	phaseRecovering // after a resume or a reset: back in its role at syncEnd
)

// maintenance is where one unit of a formed pair stands in a suspend, resume or reset.
// A recovering unit is unreachable until outageEnd (a resuming standby, ftd-fdm.md
// section 3), negotiates until negEnd, imports the configuration until syncEnd when it
// comes back as the standby, then holds its role again.
type maintenance struct {
	phase                      maintenancePhase
	outageEnd, negEnd, syncEnd time.Time
	drop                       bool
}

// state is the node state the maintenance imposes at now, false when there is none.
func (m maintenance) state(now time.Time) (string, bool) {
	switch m.phase {
	case phaseSuspended:
		return NodeSuspended, true
	case phaseFailed:
		return NodeFailed, true
	case phaseRecovering:
		switch {
		case now.Before(m.outageEnd):
			return NodeDisabled, true
		case now.Before(m.negEnd):
			return NodeNegotiating, true
		case now.Before(m.syncEnd):
			return NodeConfigSync, true
		}
	}
	return "", false
}

// maintenanceState is unit u's node state under a maintenance. Callers hold p.mu.
func (p *Pair) maintenanceState(u Unit) (string, bool) {
	if !p.ha.formed {
		return "", false
	}
	return p.units[u].maintenance.state(p.clock.Now())
}

// inMaintenance reports a pair in which either unit is suspended, failed or recovering.
func (p *Pair) inMaintenance() bool {
	_, a := p.maintenanceState(Primary)
	_, b := p.maintenanceState(Secondary)
	return a || b
}

// withMaintenance adjusts the status of unit u of a formed pair for a maintenance of
// either unit. A suspended unit reports its peer unknown, config status UNKNOWN and
// health CRITICAL, as Cisco's example reply does (ftd-fdm.md section 3); the rest is
// the mock's choice. Callers hold p.mu.
func (p *Pair) withMaintenance(u Unit, st HAStatus) HAStatus {
	mine, me := p.maintenanceState(u)
	peer, other := p.maintenanceState(u.other())
	importing := ConfigSecondaryImporting
	if p.units[u].config.NodeRole == RolePrimary {
		importing = ConfigPrimaryImporting
	}
	switch {
	case mine == NodeSuspended || mine == NodeDisabled:
		st.PeerNodeState, st.ConfigStatus, st.HAHealthStatus = NodeUnknown, ConfigUnknown, HealthCritical
		if mine == NodeDisabled {
			st.HAHealthStatus = HealthProcessing
		}
	case mine == NodeFailed:
		st.ConfigStatus, st.HAHealthStatus = ConfigUnknown, HealthUnhealthy
	case mine == NodeNegotiating:
		st.ConfigStatus, st.HAHealthStatus = ConfigUnknown, HealthProcessing
	case mine == NodeConfigSync:
		st.ConfigStatus, st.HAHealthStatus = importing, HealthProcessing
	case me:
	case other && (peer == NodeSuspended || peer == NodeDisabled):
		st.PeerNodeState, st.ConfigStatus, st.HAHealthStatus = NodeUnknown, ConfigUnknown, HealthUnhealthy
	case other && peer == NodeFailed:
		st.HAHealthStatus = HealthUnhealthy
	case other:
		st.HAHealthStatus = HealthProcessing
		if peer == NodeConfigSync {
			st.ConfigStatus = ConfigSecondaryImporting
			if p.units[u].config.NodeRole != RolePrimary {
				st.ConfigStatus = ConfigPrimaryImporting
			}
		}
	}
	return st
}

// maintenanceRefusal is why a suspend, resume or reset cannot start now, nil when it
// can. Callers hold p.mu and have settled.
func (p *Pair) maintenanceRefusal(u Unit, what string) *fdmError {
	st := p.status(u)
	switch {
	case !p.ha.formed:
		return refusal("haNotConfigured", what+" requires a high availability pair; this unit is "+st.NodeState+" and its peer "+st.PeerNodeState)
	case p.forming(p.clock.Now()):
		return refusal("haNotHealthy", what+" is not allowed while the units negotiate or synchronise configuration (config status "+st.ConfigStatus+")")
	case p.ha.failover != nil:
		return refusal("failoverInProgress", "A failover is in progress; try again after it completes")
	case p.units[Primary].busy() || p.units[Secondary].busy():
		return refusal("deploymentInProgress", "A high availability deployment is in progress; try again after it completes")
	}
	return nil
}

// suspend is startHASuspend: on the active unit it suspends both units, on the standby
// only itself (ftd-fdm.md section 3).
func (p *Pair) suspend(u Unit) (HAStatus, *fdmError) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	if ferr := p.maintenanceRefusal(u, "Suspending HA"); ferr != nil {
		return HAStatus{}, ferr
	}
	if state, ok := p.maintenanceState(u); ok {
		return HAStatus{}, refusal("haNotHealthy", "HA cannot be suspended on this unit: it is "+state)
	}
	if state, ok := p.maintenanceState(u.other()); ok && state != NodeSuspended {
		return HAStatus{}, refusal("haNotHealthy", "HA cannot be suspended while the peer unit is "+state)
	}
	p.units[u].maintenance = maintenance{phase: phaseSuspended}
	if u == p.ha.active {
		p.units[u.other()].maintenance = maintenance{phase: phaseSuspended}
	}
	return p.status(u), nil
}

// resume is startHAResume: the unit answers HA_DISABLED_NODE (the documented example
// reply), negotiates and comes back in its role; one that comes back as the standby is
// unreachable for the resume outage first.
func (p *Pair) resume(u Unit) (HAStatus, *fdmError) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	if ferr := p.maintenanceRefusal(u, "Resuming HA"); ferr != nil {
		return HAStatus{}, ferr
	}
	if state, _ := p.maintenanceState(u); state != NodeSuspended {
		return HAStatus{}, refusal("haNotSuspended", "HA is not suspended on this unit (node state "+p.status(u).NodeState+")")
	}
	now := p.clock.Now()
	m := maintenance{phase: phaseRecovering, outageEnd: now}
	if u != p.ha.active {
		m.outageEnd, m.drop = now.Add(p.resumeOutage.Duration), p.resumeOutage.Drop
	}
	m.negEnd = m.outageEnd.Add(p.timings.Negotiation)
	m.syncEnd = m.negEnd
	if u != p.ha.active {
		m.syncEnd = m.negEnd.Add(p.timings.Sync)
	}
	p.units[u].maintenance = m
	st := p.status(u)
	st.NodeState, st.PeerNodeState, st.ConfigStatus, st.HAHealthStatus = NodeDisabled, NodeUnknown, ConfigUnknown, HealthProcessing
	return st, nil
}

// reset is addHAStatus: it clears the failed unit, which negotiates, imports the
// configuration and becomes the standby. It needs a failed unit (ftd-fdm.md section 3).
func (p *Pair) reset(u Unit) (HAStatus, *fdmError) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	if ferr := p.maintenanceRefusal(u, "Reset"); ferr != nil {
		return HAStatus{}, ferr
	}
	failed, ok := Unit(0), false
	for _, v := range []Unit{Primary, Secondary} {
		if state, _ := p.maintenanceState(v); state == NodeFailed {
			failed, ok = v, true
		}
	}
	if !ok {
		return HAStatus{}, refusal("noFailedUnit", "Reset requires a unit in the HA_FAILED_NODE state; no unit of the pair has failed")
	}
	now := p.clock.Now()
	neg := now.Add(p.timings.Negotiation)
	p.units[failed].maintenance = maintenance{phase: phaseRecovering, outageEnd: now, negEnd: neg, syncEnd: neg.Add(p.timings.Sync)}
	return p.status(u), nil
}

// resumeOutageNow reports whether unit u is in its resume outage. Callers hold p.mu.
func (p *Pair) resumeOutageNow(u Unit, now time.Time) (down, drop bool) {
	m := p.units[u].maintenance
	if p.ha.formed && m.phase == phaseRecovering && now.Before(m.outageEnd) {
		return true, m.drop
	}
	return false, false
}

// SetResumeOutage makes a unit that resumes as the standby unreachable for o.Duration
// from its resume on (ftd-fdm.md section 3: "a resuming standby may not answer, or may
// return 503, for a few minutes"); Outage{} turns it off.
func (p *Pair) SetResumeOutage(o Outage) {
	o.Duration = max(o.Duration, 0)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.resumeOutage = o
}

// FailUnit makes unit u of a healthy pair fail, as a failed interface or a lost peer
// would: it reports HA_FAILED_NODE and, if it was active, its peer takes over.
func (p *Pair) FailUnit(u Unit) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	if !p.ha.formed || p.forming(p.clock.Now()) || p.ha.failover != nil || p.inMaintenance() {
		return errors.New("FailUnit needs a healthy active/standby pair")
	}
	p.units[u].maintenance = maintenance{phase: phaseFailed}
	if p.ha.active == u {
		p.ha.active = u.other()
	}
	return nil
}

func (h unitHandler) postHAAction(act func(*Pair, Unit) (HAStatus, *fdmError), verb string) func(unitHandler, call) {
	return func(h unitHandler, c call) {
		var in struct{}
		if ferr := decodeBody(c.r, &in, true); ferr != nil {
			writeFDMError(c.w, ferr)
			return
		}
		st, ferr := act(h.p, h.u)
		if ferr != nil {
			writeFDMError(c.w, ferr)
			return
		}
		mock.WriteCompactJSON(c.w, http.StatusOK, st.wire(c.base+"/devices/default/action/ha/"+verb+"/default"))
	}
}

// maintenanceRoutes are the suspend, resume and reset actions and the failover
// configuration.
func (h unitHandler) maintenanceRoutes(handle func(string, func(unitHandler, call))) {
	handle("POST devices/default/action/ha/suspend", h.postHAAction((*Pair).suspend, "suspend"))
	handle("POST devices/default/action/ha/resume", h.postHAAction((*Pair).resume, "resume"))
	handle("POST devices/default/action/ha/reset", h.postHAAction((*Pair).reset, "reset"))
	handle("GET devices/default/ha/failoverconfigurations", unitHandler.listFailoverConfigurations)
	handle("GET devices/default/ha/failoverconfigurations/{id}", unitHandler.getFailoverConfiguration)
	handle("PUT devices/default/ha/failoverconfigurations/{id}", unitHandler.putFailoverConfiguration)
}

// unitKnob names a unit in a hook body.
type unitKnob struct {
	Unit *string `json:"unit"`
}

// resumeOutageKnob is the body of POST /_mock/resume-outage.
type resumeOutageKnob struct {
	Duration mock.Duration `json:"duration"`
	Drop     bool          `json:"drop"`
}

// maintenanceHooks: POST /_mock/fail-unit {"unit": "secondary"} fails a unit of a
// healthy pair; POST /_mock/resume-outage {"duration": "2m", "drop": false} sets the
// outage of a resuming standby.
func (h unitHandler) maintenanceHooks(rt *mock.Router) {
	rt.Hook("POST fail-unit", func(w http.ResponseWriter, r *http.Request) {
		var k unitKnob
		err := mock.DecodeHook(r, &k)
		u := h.u
		if err == nil {
			u, err = h.target(k.Unit)
		}
		if err != nil {
			mock.HookError(w, http.StatusBadRequest, err.Error())
			return
		}
		if err := h.p.FailUnit(u); err != nil {
			mock.HookError(w, http.StatusConflict, err.Error())
			return
		}
		mock.WriteJSON(w, http.StatusOK, h.p.view())
	})
	rt.Hook("POST resume-outage", func(w http.ResponseWriter, r *http.Request) {
		var k resumeOutageKnob
		if err := mock.DecodeHook(r, &k); err != nil {
			mock.HookError(w, http.StatusBadRequest, err.Error())
			return
		}
		h.p.SetResumeOutage(Outage{Duration: time.Duration(k.Duration), Drop: k.Drop})
		mock.WriteJSON(w, http.StatusOK, h.p.view())
	})
}

// SuspendHA suspends HA on unit u as startHASuspend does, as an operator would in the
// device manager.
func (p *Pair) SuspendHA(u Unit) error {
	if _, ferr := p.suspend(u); ferr != nil {
		return ferr
	}
	return nil
}
