package ftdmock

import (
	"net/http"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Node states, config statuses and health statuses of HAStatus (ftd-fdm.md section 4).
const (
	NodeSingle      = "SINGLE_NODE"
	NodeActive      = "HA_ACTIVE_NODE"
	NodeStandby     = "HA_STANDBY_NODE"
	NodeNegotiating = "HA_NEGOTIATING_NODE"
	NodeConfigSync  = "HA_CONFIGURATION_SYNC"
	NodeUnknown     = "HA_UNKNOWN_NODE"

	ConfigInSync             = "IN_SYNC"
	ConfigSecondaryImporting = "SECONDARY_IMPORTING_CONFIG"
	ConfigUnknown            = "UNKNOWN"

	HealthHealthy    = "HEALTHY"
	HealthProcessing = "PROCESSING"
)

// HAStatus is what a unit reports at operational/ha/status/default.
type HAStatus struct {
	NodeRole       string `json:"nodeRole"` // "" = null (not in HA)
	NodeState      string `json:"nodeState"`
	PeerNodeState  string `json:"peerNodeState"`
	ConfigStatus   string `json:"configStatus"`
	HAHealthStatus string `json:"haHealthStatus"`
}

// nodeState is unit u's state now. Callers hold p.mu and have settled.
//
// A lone joined unit (its peer has not joined) negotiates; an HA_PRIMARY then
// becomes active with an unknown peer, an HA_SECONDARY keeps negotiating until
// the primary joins. Once both have joined, the pair negotiates, the secondary
// imports the configuration, and the pair ends ACTIVE/STANDBY.
func (p *Pair) nodeState(u Unit) string {
	if state, ok := p.maintenanceState(u); ok {
		return state
	}
	us := p.units[u]
	now := p.clock.Now()
	switch {
	case us.joinedAt.IsZero():
		return NodeSingle
	case p.ha.formed && !now.Before(p.ha.syncEnd):
		if u == p.ha.active {
			return NodeActive
		}
		return NodeStandby
	case us.config.NodeRole == RolePrimary:
		if now.Before(us.activeAt) {
			return NodeNegotiating
		}
		return NodeActive
	case p.ha.formed && !now.Before(p.ha.negEnd):
		return NodeConfigSync
	}
	return NodeNegotiating
}

// status is unit u's HAStatus now. Callers hold p.mu and have settled.
func (p *Pair) status(u Unit) HAStatus {
	us := p.units[u]
	now := p.clock.Now()
	st := HAStatus{NodeState: p.nodeState(u), PeerNodeState: NodeUnknown, ConfigStatus: ConfigUnknown, HAHealthStatus: HealthHealthy}
	if us.joinedAt.IsZero() {
		return st
	}
	st.NodeRole = us.config.NodeRole
	st.HAHealthStatus = HealthProcessing
	if !p.ha.formed {
		return st
	}
	st.PeerNodeState = p.nodeState(u.other())
	switch {
	case now.Before(p.ha.negEnd):
	case now.Before(p.ha.syncEnd):
		st.ConfigStatus = ConfigSecondaryImporting
	default:
		st.ConfigStatus = ConfigInSync
		if p.ha.failover == nil {
			st.HAHealthStatus = HealthHealthy
		}
	}
	return p.withMaintenance(u, st)
}

// forming reports whether a join is still negotiating or synchronising, when
// break and failover are refused. A lone HA_SECONDARY waiting for its peer
// counts only during its own negotiation time, so it can still be broken.
func (p *Pair) forming(now time.Time) bool {
	if p.ha.formed {
		return now.Before(p.ha.syncEnd)
	}
	for _, us := range p.units {
		if !us.joinedAt.IsZero() && now.Before(us.activeAt) {
			return true
		}
	}
	return false
}

type haStatusWire struct {
	NodeRole          *string `json:"nodeRole"`
	NodeState         string  `json:"nodeState"`
	PeerNodeState     string  `json:"peerNodeState"`
	ConfigStatus      string  `json:"configStatus"`
	HAHealthStatus    string  `json:"haHealthStatus"`
	DisabledReason    *string `json:"disabledReason"`
	DisabledTimestamp *string `json:"disabledTimestamp"`
	ID                string  `json:"id"`
	Type              string  `json:"type"`
	Links             links   `json:"links"`
}

func (st HAStatus) wire(self string) haStatusWire {
	return haStatusWire{
		NodeRole:       nullable(st.NodeRole),
		NodeState:      st.NodeState,
		PeerNodeState:  st.PeerNodeState,
		ConfigStatus:   st.ConfigStatus,
		HAHealthStatus: st.HAHealthStatus,
		ID:             "default",
		Type:           "hastatus",
		Links:          links{Self: self},
	}
}

func (h unitHandler) getHAStatus(c call) {
	if c.id != "default" {
		writeFDMError(c.w, notFound("hastatus", c.id))
		return
	}
	mock.WriteCompactJSON(c.w, http.StatusOK, h.p.HAStatus(h.u).wire(c.base+"/devices/default/operational/ha/status/default"))
}
