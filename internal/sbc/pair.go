package sbc

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// HealthThreshold is the SBC's default health-threshold: a standby below it cannot take over.
const HealthThreshold = 75

// Pair is the HA pair as the provider reaches it: the configured host and, optionally,
// the other unit.
type Pair struct {
	Host *Client
	Peer *Client
}

// Unit is one unit of the pair with the status last read from it.
type Unit struct {
	Client *Client
	Status *SystemStatus
	Err    error
}

// Name is the unit's host name, or its endpoint when it could not be read.
func (u *Unit) Name() string {
	if u.Status != nil && u.Status.HostName != "" {
		return u.Status.HostName
	}
	return u.Client.Endpoint()
}

// Read reads the status of every configured unit; a unit that cannot be read carries its error.
func (p Pair) Read(ctx context.Context) []*Unit {
	units := []*Unit{{Client: p.Host}}
	if p.Peer != nil {
		units = append(units, &Unit{Client: p.Peer})
	}
	for _, u := range units {
		u.Status, u.Err = u.Client.Status(ctx)
	}
	return units
}

// Roles describes who is active and who is standby.
type Roles struct {
	Active  *Unit
	Standby *Unit
	// StandbyName is the standby's host name, from its own status or from the active's haPeerName.
	StandbyName string
}

// PreconditionError is a refusal made before anything was sent to the pair.
type PreconditionError struct{ Reason string }

func (e *PreconditionError) Error() string { return e.Reason }

// ErrNoHAPair is returned when the unit reports no HA configuration.
var ErrNoHAPair = errors.New("no HA pair is configured")

// FindRoles decides the active and standby units from what was read.
func FindRoles(units []*Unit, peerConfigured bool) (*Roles, error) {
	var readable []*Unit
	var failures []string
	for _, u := range units {
		if u.Err != nil {
			failures = append(failures, fmt.Sprintf("%s: %v", u.Client.Endpoint(), u.Err))
			continue
		}
		if !KnownRole(u.Status.Role) {
			return nil, unknownRole(fmt.Sprintf("%s reports role %q", u.Name(), u.Status.Role))
		}
		if !u.Status.HAConfigured() {
			return nil, &PreconditionError{Reason: fmt.Sprintf("%s reports role %q: %v on this SBC, so there is nothing to switch over", u.Name(), u.Status.Role, ErrNoHAPair)}
		}
		readable = append(readable, u)
	}
	if len(readable) == 0 {
		return nil, fmt.Errorf("no unit of the pair could be read: %s", strings.Join(failures, "; "))
	}
	roles := &Roles{}
	for _, u := range readable {
		switch {
		case u.Status.HasRole(RoleActive):
			if roles.Active != nil {
				return nil, &PreconditionError{Reason: fmt.Sprintf("both %s and %s report the active role; refusing to switch over a pair in that state", roles.Active.Name(), u.Name())}
			}
			roles.Active = u
		case u.Status.HasRole(RoleStandby):
			roles.Standby = u
		}
	}
	if roles.Active == nil {
		if roles.Standby != nil && !peerConfigured {
			return nil, &PreconditionError{Reason: fmt.Sprintf("%s is the standby unit and no peer_host is configured, so the active unit cannot be reached; "+
				"the switchover must be sent to the active unit: set sbc.peer_host (NETOPS_SBC_PEER_HOST) to the other unit's address", roles.Standby.Name())}
		}
		if len(failures) > 0 {
			return nil, fmt.Errorf("the active unit could not be read: %s", strings.Join(failures, "; "))
		}
		return nil, &PreconditionError{Reason: fmt.Sprintf("no unit reports the active role (%s); the pair may be in transition: try again when it is stable", describe(readable))}
	}
	roles.StandbyName = roles.Active.Status.HAPeerName
	if roles.Standby != nil {
		roles.StandbyName = roles.Standby.Name()
	}
	return roles, nil
}

// unknownRole refuses a switchover while a unit reports a role Oracle does not document;
// seen says who reports what.
func unknownRole(seen string) *PreconditionError {
	return &PreconditionError{Reason: fmt.Sprintf("%s, which is none of the roles Oracle documents (%s): the provider does not switch over a pair "+
		"while a unit is in a role it does not know, and nothing was sent. Check the pair on the SBC (show redundancy) and try again when it reports active and standby",
		seen, strings.Join(quoted(DocumentedRoles), ", "))}
}

func quoted(values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}

// CheckStandby refuses a switchover that the standby cannot take: out of service, in a
// role the provider does not know, or below the health threshold. It prefers the
// standby's own status over the active's view of it.
func (r *Roles) CheckStandby() error {
	role, health := r.Active.Status.HAPeerRole, r.Active.Status.HAHealthScorePercent
	if r.Standby != nil {
		role, health = r.Standby.Status.Role, r.Standby.Status.HealthScorePercent
	} else if !KnownRole(role) {
		return unknownRole(fmt.Sprintf("%s reports its peer %s in role %q", r.Active.Name(), r.StandbyName, role))
	}
	if !strings.EqualFold(strings.TrimSpace(role), RoleStandby) {
		return &PreconditionError{Reason: fmt.Sprintf("the standby %s reports role %q, not standby: it is not synchronised with %s and could not take over", r.StandbyName, role, r.Active.Name())}
	}
	if health != nil && *health < HealthThreshold {
		return &PreconditionError{Reason: fmt.Sprintf("the standby %s has a health score of %d%%, below the %d%% health threshold: it would not take over", r.StandbyName, *health, HealthThreshold)}
	}
	return nil
}

func describe(units []*Unit) string {
	parts := make([]string, 0, len(units))
	for _, u := range units {
		parts = append(parts, fmt.Sprintf("%s is %q", u.Name(), u.Status.Role))
	}
	return strings.Join(parts, ", ")
}

// Event is a step of a switchover, for progress reporting.
type Event struct {
	Message string
	Time    time.Time
}
