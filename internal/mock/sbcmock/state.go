package sbcmock

import "time"

// Role values of system/status.
const (
	RoleActive       = "active"
	RoleStandby      = "standby"
	RoleOutOfService = "out of service"
	RoleStandalone   = "standalone"
)

// Active returns the unit currently holding the active role.
func (p *Pair) Active() Unit {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	return p.active
}

// HostName returns the host name unit u reports.
func (p *Pair) HostName(u Unit) string { return p.hosts[u] }

// ACLI HA states (sbc.md section 5) a unit reports as its role during a pending
// switchover with TransitionalRoles.
const (
	StateBecomingActive  = "BecomingActive"
	StateBecomingStandby = "BecomingStandby"
)

// Role returns what unit u reports as its role.
func (p *Pair) Role(u Unit) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	return p.reportedRole(u)
}

// reportedRole is the role unit u reports (as role, and its peer as haPeerRole): the
// one set with SetReportedRole, an ACLI transition state during a pending switchover
// with TransitionalRoles, else the pair's role. Callers hold p.mu and have settled.
func (p *Pair) reportedRole(u Unit) string {
	switch {
	case p.units[u].reportedRole != "":
		return p.units[u].reportedRole
	case p.transitional && p.pending != nil && p.haConfigured && u == p.active:
		return StateBecomingStandby
	case p.transitional && p.pending != nil && p.haConfigured:
		return StateBecomingActive
	}
	return p.role(u)
}

// role is unit u's role in the pair model, which decides what the pair accepts.
func (p *Pair) role(u Unit) string {
	switch {
	case !p.haConfigured:
		return RoleStandalone
	case p.units[u].outOfService:
		return RoleOutOfService
	case u == p.active:
		return RoleActive
	default:
		return RoleStandby
	}
}

// SwitchoverCount returns haSwitchOvers, the same on both units.
func (p *Pair) SwitchoverCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	return p.switchovers
}

// AcceptedSwitchovers returns how many switchover requests were answered 2xx.
func (p *Pair) AcceptedSwitchovers() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.accepted
}

// SetHAConfigured turns HA off (role "standalone", no HA fields, switchover
// refused) or back on. Turning it off cancels a pending switchover.
func (p *Pair) SetHAConfigured(on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	p.haConfigured = on
	if !on {
		p.pending = nil
	}
}

// SetSynced marks unit u's copy of the pair state as (not) synchronised. An
// unsynchronised standby still reports role "standby"; a switchover that would
// make it active is refused.
func (p *Pair) SetSynced(u Unit, synced bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.units[u].synced = synced
}

// SetOutOfService makes unit u report role "out of service".
func (p *Pair) SetOutOfService(u Unit, out bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.units[u].outOfService = out
}

// SetReportedRole makes unit u report role (any text, e.g. "Initial") as its role, and
// its peer report it as haPeerRole, whatever the pair's state; "" ends that. What the
// pair accepts still follows its own state.
func (p *Pair) SetReportedRole(u Unit, role string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.units[u].reportedRole = role
}

// SetTransitionalRoles turns Options.TransitionalRoles on or off.
func (p *Pair) SetTransitionalRoles(on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.transitional = on
}

// SetVersionsNeedToken turns Options.VersionsNeedToken on or off.
func (p *Pair) SetVersionsNeedToken(on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.versionsToken = on
}

func (p *Pair) versionsNeedToken() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.versionsToken
}

// SetHealth sets unit u's health score, clamped to 0..100.
func (p *Pair) SetHealth(u Unit, percent int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.units[u].health = min(max(percent, 0), 100)
}

// SetAcceptOnStandby makes the standby accept a switchover too (default: 400).
func (p *Pair) SetAcceptOnStandby(on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.acceptOnStandby = on
}

// SetNeverSwap makes accepted switchovers answer 204 without ever swapping roles.
func (p *Pair) SetNeverSwap(on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.neverSwap = on
}

// SetSwitchoverDelay sets the time from an accepted switchover to the role swap
// for switchovers accepted afterwards.
func (p *Pair) SetSwitchoverDelay(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.switchoverDelay = max(d, 0)
}
