package sbcmock

import (
	"fmt"
	"time"
)

// healthThreshold is the ACLI health-threshold default (sbc.md section 5).
const healthThreshold = 75

const forcedInfo = "switchover forced by command"

type pendingSwitchover struct {
	accepted time.Time
	swapAt   time.Time
}

// logEntry is one switchOverLogs item; states use the ACLI HA state names.
type logEntry struct {
	time     time.Time
	oldState string
	newState string
	info     string
}

// switchover handles a switchover request received by unit u. It returns ""
// when the request is accepted, or the reason it is refused.
func (p *Pair) switchover(u Unit) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	if reason := p.refusal(u); reason != "" {
		return reason
	}
	p.accepted++
	if p.expireOnSwitch {
		p.expireTokens(u)
	}
	if !p.neverSwap {
		now := p.clock.Now()
		p.pending = &pendingSwitchover{accepted: now, swapAt: now.Add(p.switchoverDelay)}
	}
	return ""
}

func (p *Pair) refusal(u Unit) string {
	if !p.haConfigured {
		return "Switchover not possible: high availability is not configured on " + p.hosts[u]
	}
	if p.role(u) != RoleActive && !p.acceptOnStandby {
		return fmt.Sprintf("Switchover not possible: %s is not the active unit (role %s); send the request to the active unit", p.hosts[u], p.role(u))
	}
	if p.pending != nil {
		return "Switchover not possible: a switchover is already in progress"
	}
	next := p.active.other()
	peer := p.units[next]
	switch {
	case peer.outOfService:
		return fmt.Sprintf("Switchover not possible: standby %s is out of service", p.hosts[next])
	case !peer.synced:
		return fmt.Sprintf("Switchover not possible: standby %s is not synchronized", p.hosts[next])
	case peer.health < healthThreshold:
		return fmt.Sprintf("Switchover not possible: standby %s health score %d%% is below the health threshold of %d%%", p.hosts[next], peer.health, healthThreshold)
	}
	return ""
}

// settle completes a pending switchover whose delay has passed. Callers hold p.mu.
func (p *Pair) settle() {
	pd := p.pending
	if pd == nil || p.clock.Now().Before(pd.swapAt) {
		return
	}
	p.pending = nil
	old, next := p.active, p.active.other()
	p.units[old].logs = append(p.units[old].logs,
		logEntry{pd.accepted, "Active", "RelinquishingActive", forcedInfo},
		logEntry{pd.accepted, "RelinquishingActive", "BecomingStandby", forcedInfo},
		logEntry{pd.swapAt, "BecomingStandby", "Standby", forcedInfo},
	)
	p.units[next].logs = append(p.units[next].logs,
		logEntry{pd.accepted, "Standby", "BecomingActive", forcedInfo},
		logEntry{pd.swapAt, "BecomingActive", "Active", forcedInfo},
	)
	p.active = next
	p.switchovers++
}
