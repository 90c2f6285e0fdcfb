package ftdmock

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"
)

// HAStatus returns what unit u reports now at operational/ha/status/default.
func (p *Pair) HAStatus(u Unit) HAStatus {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	return p.status(u)
}

// HAConfiguration returns unit u's stored HA configuration, shared key unmasked.
func (p *Pair) HAConfiguration(u Unit) HAConfiguration {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	return p.units[u].config.clone()
}

// Interfaces returns unit u's physical interfaces in list order.
func (p *Pair) Interfaces(u Unit) []Interface {
	return slices.Clone(p.units[u].interfaces) // never modified after NewPair
}

// InterfaceByHardwareName finds one of unit u's interfaces, e.g. "GigabitEthernet0/7".
func (p *Pair) InterfaceByHardwareName(u Unit, hardwareName string) (Interface, bool) {
	for _, itf := range p.units[u].interfaces {
		if itf.HardwareName == hardwareName {
			return itf, true
		}
	}
	return Interface{}, false
}

// Jobs returns unit u's jobs of kind op ("" = both) in the order they were accepted.
func (p *Pair) Jobs(u Unit, op Op) []Job {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	now := p.clock.Now()
	var out []Job
	for _, j := range p.units[u].jobs {
		if op == "" || j.op == op {
			out = append(out, j.view(now))
		}
	}
	return out
}

// Job returns one of unit u's jobs by id.
func (p *Pair) Job(u Unit, id string) (Job, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	if j := p.units[u].findJob("", id); j != nil {
		return j.view(p.clock.Now()), true
	}
	return Job{}, false
}

// Active returns the active unit of a healthy, synchronised pair; false when
// the units are not (yet) an ACTIVE/STANDBY pair.
func (p *Pair) Active() (Unit, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	if !p.ha.formed || p.clock.Now().Before(p.ha.syncEnd) {
		return 0, false
	}
	return p.ha.active, true
}

// Failovers returns how many failovers have completed (swapped the roles).
func (p *Pair) Failovers() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	return p.ha.failovers
}

// Tokens returns unit u's token counters and its live-token count now.
func (p *Pair) Tokens(u Unit) TokenStats {
	p.mu.Lock()
	defer p.mu.Unlock()
	ts := &p.units[u].tokens
	st := ts.stats
	st.Live = ts.liveCount(p.clock.Now())
	st.LiveRefresh = ts.refreshableCount(p.clock.Now())
	return st
}

// LiveSessions returns how many logins of unit u can still be used: a live access
// token, or a refresh token that still grants one.
func (p *Pair) LiveSessions(u Unit) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n, now := 0, p.clock.Now()
	for _, l := range p.units[u].tokens.logins {
		if l.live(now) || l.refreshable(now) {
			n++
		}
	}
	return n
}

// LiveTokens returns how many access tokens of unit u are neither expired nor revoked.
func (p *Pair) LiveTokens(u Unit) int { return p.Tokens(u).Live }

// ExpireTokens expires every access and refresh token unit u has issued, as if
// their lifetimes had run out.
func (p *Pair) ExpireTokens(u Unit) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.units[u].tokens.expire(p.clock.Now(), true)
}

// ExpireAccessTokens expires unit u's access tokens only; their refresh tokens
// stay usable.
func (p *Pair) ExpireAccessTokens(u Unit) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.units[u].tokens.expire(p.clock.Now(), false)
}

// SetTokenLifetimes sets the lifetimes of tokens granted from now on; a value
// <= 0 leaves that lifetime unchanged.
func (p *Pair) SetTokenLifetimes(access, refresh time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if access > 0 {
		p.accessLifetime = access
	}
	if refresh > 0 {
		p.refreshLifetime = refresh
	}
}

// TokenLifetimes returns the access and refresh token lifetimes.
func (p *Pair) TokenLifetimes() (access, refresh time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.accessLifetime, p.refreshLifetime
}

// SetExpiryStatus sets the status an expired or revoked token is answered
// with: 401 or 408 (Cisco's own clients treat both as expiry, ftd-fdm.md
// section 1). A missing or unknown token is always 401.
func (p *Pair) SetExpiryStatus(status int) error {
	if status != http.StatusUnauthorized && status != http.StatusRequestTimeout {
		return fmt.Errorf("expiry status must be 401 or 408, not %d", status)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.expiryStatus = status
	return nil
}

// ExpiryStatus returns the status that signals an expired token.
func (p *Pair) ExpiryStatus() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.expiryStatus
}

// SetTimings sets the durations of operations started from now on; negative
// values count as zero.
func (p *Pair) SetTimings(t Timings) {
	for _, d := range []*time.Duration{&t.JobQueued, &t.JobDeploying, &t.Negotiation, &t.Sync, &t.Failover} {
		*d = max(*d, 0)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.timings = t
}

// Timings returns the current durations.
func (p *Pair) Timings() Timings {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.timings
}

// SetJoinOutage sets the outage of units joining as HA_SECONDARY; Outage{}
// turns it off.
func (p *Pair) SetJoinOutage(o Outage) {
	o.Duration = max(o.Duration, 0)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.outage = o
}

// JoinOutage returns the outage set by SetJoinOutage.
func (p *Pair) JoinOutage() Outage {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.outage
}

// SetPendingChanges marks unit u as having undeployed changes, which makes a
// join answer 422.
func (p *Pair) SetPendingChanges(u Unit, pending bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.units[u].pendingChanges = pending
}

// FailNext makes the next op job accepted on unit u end in f.State
// (DEPLOY_FAILED or DEPLOY_TIMEOUT) with f's statusMessages and
// cliErrorMessage, which default to generic texts when empty.
func (p *Pair) FailNext(u Unit, op Op, f Failure) error {
	if !op.valid() {
		return fmt.Errorf("op must be %q or %q, not %q", OpJoin, OpBreak, op)
	}
	f, err := f.withDefaults(op)
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.units[u].failNext[op] = f
	return nil
}

// BreakOutsideTerraform breaks HA at once, as an operator would in the device
// manager: every unit in HA becomes SINGLE_NODE with its HA configuration
// cleared. Jobs stay readable. It reports whether any unit was in HA.
func (p *Pair) BreakOutsideTerraform() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	broke := false
	for _, u := range []Unit{Primary, Secondary} {
		if !p.units[u].joinedAt.IsZero() {
			p.dissolve(u)
			broke = true
		}
	}
	if broke {
		p.ha.outsideBreaks++
	}
	return broke
}

// OutsideBreaks returns how many BreakOutsideTerraform calls broke something.
func (p *Pair) OutsideBreaks() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.ha.outsideBreaks
}

// Pair-formation defaults of FormPair.
const (
	FormPairInterface = "GigabitEthernet0/7"
	FormPairLinkName  = "failover-link"
	FormPairPrimaryIP = "192.168.77.1"
	FormPairPeerIP    = "192.168.77.2"
	FormPairNetmask   = "255.255.255.0"
	FormPairSharedKey = "Ftd#HA-Key-8824"
)

// FormPair makes the units a healthy pair at once, Primary HA_PRIMARY and
// active, Secondary HA_SECONDARY and standby, IN_SYNC, each with a DEPLOYED
// join job and an HA configuration using the FormPair* values (failover and
// stateful link on the same interface). Both units must be single and idle.
func (p *Pair) FormPair() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	for _, us := range p.units {
		if !us.joinedAt.IsZero() || us.busy() {
			return errors.New("FormPair needs two single units with no job running")
		}
	}
	now := p.clock.Now()
	for _, u := range []Unit{Primary, Secondary} {
		us := p.units[u]
		itf, _ := p.InterfaceByHardwareName(u, FormPairInterface)
		ref := &InterfaceRef{ID: itf.ID, Type: physicalInterfaceType, Name: itf.Name, Version: itf.Version}
		role := map[Unit]string{Primary: RolePrimary, Secondary: RoleSecondary}[u]
		us.config = HAConfiguration{
			ID: us.config.ID, Version: randomVersion(), Name: "HA", NodeRole: role,
			FailoverInterface: ref, FailoverName: FormPairLinkName,
			StatefulFailoverInterface: clonePtr(ref), StatefulFailoverName: FormPairLinkName,
			PrimaryFailoverIPv4:   &IPv4Address{IPAddress: FormPairPrimaryIP, Netmask: FormPairNetmask, Type: "ipv4address"},
			SecondaryFailoverIPv4: &IPv4Address{IPAddress: FormPairPeerIP, Netmask: FormPairNetmask, Type: "ipv4address"},
			SharedKey:             FormPairSharedKey,
		}
		us.jobs = append(us.jobs, &job{
			id: newUUID(), op: OpJoin, outcome: StateDeployed,
			queued: now.Add(-p.timings.JobQueued - p.timings.JobDeploying), start: now.Add(-p.timings.JobDeploying), end: now,
		})
		us.joinedAt, us.activeAt = now, now
	}
	p.ha = pairState{formed: true, negEnd: now, syncEnd: now, active: Primary,
		failovers: p.ha.failovers, outsideBreaks: p.ha.outsideBreaks}
	return nil
}
