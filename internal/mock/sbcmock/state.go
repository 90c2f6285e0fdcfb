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

// Role returns what unit u reports as its role.
func (p *Pair) Role(u Unit) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	return p.role(u)
}

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
