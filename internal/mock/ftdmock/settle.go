package ftdmock

import (
	"fmt"
	"net"
	"time"
)

// pairState is what the two units share once they are in HA.
type pairState struct {
	formed   bool      // both units joined
	negEnd   time.Time // end of the pair's negotiation
	syncEnd  time.Time // end of the secondary's configuration sync: from here the pair is healthy
	active   Unit      // the active unit once in sync
	failover *pendingFailover

	failovers     int // completed failovers
	outsideBreaks int // BreakOutsideTerraform calls that broke something
}

type pendingFailover struct {
	accepted time.Time
	at       time.Time
}

// settle completes, in time order, every job and failover whose time has come.
// Callers hold p.mu.
func (p *Pair) settle() {
	now := p.clock.Now()
	for {
		var next *job
		var nextUnit Unit
		for _, u := range []Unit{Primary, Secondary} {
			for _, j := range p.units[u].jobs {
				if !j.settled() && !j.end.After(now) && (next == nil || j.end.Before(next.end)) {
					next, nextUnit = j, u
				}
			}
		}
		if fo := p.ha.failover; fo != nil && !fo.at.After(now) && (next == nil || !next.end.Before(fo.at)) {
			p.ha.failover = nil
			p.ha.active = p.ha.active.other()
			p.ha.failovers++
			continue
		}
		if next == nil {
			return
		}
		p.complete(nextUnit, next)
	}
}

func (p *Pair) complete(u Unit, j *job) {
	if f := j.failure; f != nil {
		j.outcome, j.statusMessages, j.cliError = f.State, f.StatusMessages, f.CLIErrorMessage
		return
	}
	if j.op == OpBreak {
		j.outcome = StateDeployed
		if !p.units[u].joinedAt.IsZero() {
			p.dissolve(u)
		}
		return
	}
	us, peer := p.units[u], p.units[u.other()]
	if !us.joinedAt.IsZero() {
		j.outcome = StateDeployed
		return
	}
	if !peer.joinedAt.IsZero() {
		if msgs := p.incompatible(u); len(msgs) > 0 {
			j.outcome, j.statusMessages = StateDeployFailed, msgs
			j.cliError = "ERROR: Failover configuration does not match the peer unit; HA negotiation failed"
			return
		}
	}
	j.outcome = StateDeployed
	us.joinedAt = j.end
	us.activeAt = j.end.Add(j.negotiation)
	if peer.joinedAt.IsZero() {
		return
	}
	p.ha.formed = true
	p.ha.negEnd = j.end.Add(j.negotiation)
	p.ha.syncEnd = p.ha.negEnd.Add(j.sync)
	p.ha.active = u
	if us.config.NodeRole != RolePrimary {
		p.ha.active = u.other()
	}
}

// dissolve ends HA on unit u and, when the pair had formed, on its peer: both
// become SINGLE_NODE and their HA configuration is cleared.
func (p *Pair) dissolve(u Unit) {
	units := []Unit{u}
	if p.ha.formed {
		units = append(units, u.other())
	}
	for _, v := range units {
		us := p.units[v]
		us.joinedAt, us.activeAt = time.Time{}, time.Time{}
		us.maintenance = maintenance{}
		us.config = HAConfiguration{ID: us.config.ID, Version: randomVersion()}
	}
	p.ha = pairState{failovers: p.ha.failovers, outsideBreaks: p.ha.outsideBreaks}
}

// incompatible compares unit u's configuration with its joined peer's, as HA
// negotiation would; it returns the statusMessages of a failed join.
func (p *Pair) incompatible(u Unit) []string {
	me, peer := p.units[u], p.units[u.other()]
	a, b := me.config, peer.config
	var msgs []string
	differ := func(what, mine, theirs string) {
		if mine != theirs {
			msgs = append(msgs, fmt.Sprintf("HA negotiation failed: the %s differs from the peer's (%q here, %q on the peer)", what, mine, theirs))
		}
	}
	if a.NodeRole == b.NodeRole {
		msgs = append(msgs, fmt.Sprintf("HA negotiation failed: both units are configured as %s; one must be %s and the other %s", a.NodeRole, RolePrimary, RoleSecondary))
	}
	differ("failover link interface", me.hardwareName(a.FailoverInterface), peer.hardwareName(b.FailoverInterface))
	differ("failover link name", a.FailoverName, b.FailoverName)
	differ("stateful failover link interface", me.hardwareName(a.StatefulFailoverInterface), peer.hardwareName(b.StatefulFailoverInterface))
	differ("stateful failover link name", a.StatefulFailoverName, b.StatefulFailoverName)
	for _, f := range []struct {
		name string
		x, y string
	}{
		{"primary failover IPv4 address", v4Key(a.PrimaryFailoverIPv4), v4Key(b.PrimaryFailoverIPv4)},
		{"secondary failover IPv4 address", v4Key(a.SecondaryFailoverIPv4), v4Key(b.SecondaryFailoverIPv4)},
		{"primary failover IPv6 address", v6Key(a.PrimaryFailoverIPv6), v6Key(b.PrimaryFailoverIPv6)},
		{"secondary failover IPv6 address", v6Key(a.SecondaryFailoverIPv6), v6Key(b.SecondaryFailoverIPv6)},
		{"primary stateful failover IPv4 address", v4Key(a.PrimaryStatefulFailoverIPv4), v4Key(b.PrimaryStatefulFailoverIPv4)},
		{"secondary stateful failover IPv4 address", v4Key(a.SecondaryStatefulFailoverIPv4), v4Key(b.SecondaryStatefulFailoverIPv4)},
		{"primary stateful failover IPv6 address", v6Key(a.PrimaryStatefulFailoverIPv6), v6Key(b.PrimaryStatefulFailoverIPv6)},
		{"secondary stateful failover IPv6 address", v6Key(a.SecondaryStatefulFailoverIPv6), v6Key(b.SecondaryStatefulFailoverIPv6)},
	} {
		differ(f.name, f.x, f.y)
	}
	if a.SharedKey != b.SharedKey {
		msgs = append(msgs, "HA negotiation failed: the shared key differs from the peer's")
	}
	return msgs
}

func (us *unitState) hardwareName(ref *InterfaceRef) string {
	if ref == nil {
		return ""
	}
	if itf, ok := us.findInterface(ref.ID); ok {
		return itf.HardwareName
	}
	return ref.ID
}

// v4Key normalises an address so "24" and "255.255.255.0" compare equal.
func v4Key(a *IPv4Address) string {
	if a == nil {
		return ""
	}
	if mask, ok := parseNetmask(a.Netmask); ok {
		ones, _ := mask.Size()
		return fmt.Sprintf("%s/%d", a.IPAddress, ones)
	}
	return a.IPAddress + "/" + a.Netmask
}

func v6Key(a *IPv6Address) string {
	if a == nil {
		return ""
	}
	if ip := net.ParseIP(a.IPAddress); ip != nil {
		return ip.String()
	}
	return a.IPAddress
}
