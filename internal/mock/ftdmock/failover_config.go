package ftdmock

import (
	"fmt"
	"net/http"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// FailoverTime is a failover timer as FDM's Time model carries it.
type FailoverTime struct {
	Value    int64  `json:"value"`
	TimeUnit string `json:"timeUnit"`
}

// FailoverConfiguration is a unit's HAFailoverConfiguration singleton: the failover
// criteria (ftd-fdm.md section 4).
type FailoverConfiguration struct {
	ID                        string       `json:"id"`
	Version                   string       `json:"version"`
	PeerPollTime              FailoverTime `json:"peerPollTime"`
	PeerHoldTime              FailoverTime `json:"peerHoldTime"`
	InterfacePollTime         FailoverTime `json:"interfacePollTime"`
	InterfaceHoldTime         FailoverTime `json:"interfaceHoldTime"`
	InterfaceFailureThreshold int64        `json:"interfaceFailureThreshold"`
	InterfaceFailureUnit      string       `json:"interfaceFailureUnit"`
}

// defaultFailoverConfig is a unit's failover configuration before anyone changed it.
// The notes document no defaults; these are the device manager's form defaults
// (peer 1 s / 15 s, interfaces 5 s / 25 s, one failed interface), an inference.
func defaultFailoverConfig(host string) *FailoverConfiguration {
	return &FailoverConfiguration{
		ID: stableUUID(host, "hafailoverconfiguration"), Version: randomVersion(),
		PeerPollTime: FailoverTime{1, "SECONDS"}, PeerHoldTime: FailoverTime{15, "SECONDS"},
		InterfacePollTime: FailoverTime{5, "SECONDS"}, InterfaceHoldTime: FailoverTime{25, "SECONDS"},
		InterfaceFailureThreshold: 1, InterfaceFailureUnit: "NUMBER",
	}
}

const failoverConfigType = "hafailoverconfiguration"

// timeUnitLengths are the values of the spec's Time.timeUnit enum.
var timeUnitLengths = map[string]time.Duration{
	"NANOSECONDS": time.Nanosecond, "MICROSECONDS": time.Microsecond, "MILLISECONDS": time.Millisecond,
	"SECONDS": time.Second, "MINUTES": time.Minute, "HOURS": time.Hour, "DAYS": 24 * time.Hour,
}

func (t FailoverTime) duration() time.Duration {
	return time.Duration(t.Value) * timeUnitLengths[t.TimeUnit]
}

// failoverConfig is unit u's configuration as it reads now: once a pair is in sync the
// standby holds the active unit's criteria (configuration sync), under its own id.
// Callers hold p.mu and have settled.
func (p *Pair) failoverConfig(u Unit) FailoverConfiguration {
	own := p.ownFailoverConfig(u)
	if p.ha.formed && !p.clock.Now().Before(p.ha.syncEnd) && u != p.ha.active {
		c := *p.ownFailoverConfig(p.ha.active)
		c.ID = own.ID
		return c
	}
	return *own
}

func (p *Pair) ownFailoverConfig(u Unit) *FailoverConfiguration {
	us := p.units[u]
	if us.failoverConfig == nil {
		us.failoverConfig = defaultFailoverConfig(p.hosts[u])
	}
	return us.failoverConfig
}

// FailoverConfiguration returns what unit u reads at ha/failoverconfigurations.
func (p *Pair) FailoverConfiguration(u Unit) FailoverConfiguration {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	return p.failoverConfig(u)
}

// SetFailoverConfiguration changes unit u's failover criteria at once, as an operator
// would in the device manager: id and version are kept and renewed, the rest taken from c.
func (p *Pair) SetFailoverConfiguration(u Unit, c FailoverConfiguration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	cur := p.ownFailoverConfig(u)
	c.ID, c.Version = cur.ID, randomVersion()
	*cur = c
}

type timeWire struct {
	Value    *int64  `json:"value"`
	TimeUnit *string `json:"timeUnit"`
	Type     *string `json:"type"`
}

// failoverConfigWire is HAFailoverConfiguration on the wire, both ways.
type failoverConfigWire struct {
	ID                        *string   `json:"id"`
	Version                   *string   `json:"version"`
	Name                      *string   `json:"name"`
	Type                      *string   `json:"type"`
	PeerPollTime              *timeWire `json:"peerPollTime"`
	PeerHoldTime              *timeWire `json:"peerHoldTime"`
	InterfacePollTime         *timeWire `json:"interfacePollTime"`
	InterfaceHoldTime         *timeWire `json:"interfaceHoldTime"`
	InterfaceFailureThreshold *int64    `json:"interfaceFailureThreshold"`
	InterfaceFailureUnit      *string   `json:"interfaceFailureUnit"`
	Links                     *links    `json:"links,omitempty"`
}

func (t FailoverTime) wire() *timeWire {
	v, u, typ := t.Value, t.TimeUnit, "time"
	return &timeWire{Value: &v, TimeUnit: &u, Type: &typ}
}

func (c FailoverConfiguration) wire(base string) failoverConfigWire {
	typ, threshold, unit := failoverConfigType, c.InterfaceFailureThreshold, c.InterfaceFailureUnit
	return failoverConfigWire{
		ID: &c.ID, Version: &c.Version, Type: &typ,
		PeerPollTime: c.PeerPollTime.wire(), PeerHoldTime: c.PeerHoldTime.wire(),
		InterfacePollTime: c.InterfacePollTime.wire(), InterfaceHoldTime: c.InterfaceHoldTime.wire(),
		InterfaceFailureThreshold: &threshold, InterfaceFailureUnit: &unit,
		Links: &links{Self: base + "/devices/default/ha/failoverconfigurations/" + c.ID},
	}
}

func (h unitHandler) listFailoverConfigurations(c call) {
	cfg := h.p.FailoverConfiguration(h.u).wire(c.base)
	body, ferr := page(c.r, c.base+"/devices/default/ha/failoverconfigurations", []failoverConfigWire{cfg})
	if ferr != nil {
		writeFDMError(c.w, ferr)
		return
	}
	mock.WriteCompactJSON(c.w, http.StatusOK, body)
}

func (h unitHandler) getFailoverConfiguration(c call) {
	cfg := h.p.FailoverConfiguration(h.u)
	if c.id != cfg.ID {
		writeFDMError(c.w, notFound("hafailoverconfiguration", c.id))
		return
	}
	mock.WriteCompactJSON(c.w, http.StatusOK, cfg.wire(c.base))
}

func (h unitHandler) putFailoverConfiguration(c call) {
	var in failoverConfigWire
	if ferr := decodeBody(c.r, &in); ferr != nil {
		writeFDMError(c.w, ferr)
		return
	}
	cfg, ferr := h.p.putFailoverConfig(h.u, c.id, in)
	if ferr != nil {
		writeFDMError(c.w, ferr)
		return
	}
	mock.WriteCompactJSON(c.w, http.StatusOK, cfg.wire(c.base))
}

// putFailoverConfig applies a PUT on unit u: refused on the standby (as every change
// is) and while a deployment runs; on the active unit of a pair it reaches the standby
// by configuration sync.
func (p *Pair) putFailoverConfig(u Unit, id string, in failoverConfigWire) (FailoverConfiguration, *fdmError) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	cur := p.ownFailoverConfig(u)
	switch {
	case id != cur.ID:
		return FailoverConfiguration{}, notFound("hafailoverconfiguration", id)
	case p.nodeState(u) == NodeStandby:
		return FailoverConfiguration{}, notOnStandby()
	case p.units[u].busy():
		return FailoverConfiguration{}, refusal("deploymentInProgress", "A high availability deployment is in progress; try again after it completes")
	case in.ID != nil && *in.ID != id:
		return FailoverConfiguration{}, validation("invalidValue", "id", "The id in the body does not match the id in the URL")
	case in.Version == nil || *in.Version == "":
		return FailoverConfiguration{}, validation("requiredField", "version", "version is required: send the version of the object you read")
	case *in.Version != p.failoverConfig(u).Version:
		return FailoverConfiguration{}, validation("versionMismatch", "version",
			"Version mismatch: the object was changed since it was read (current version "+p.failoverConfig(u).Version+", sent "+*in.Version+"). Read it again and repeat the request")
	}
	next, msgs := validateFailoverConfig(in)
	if len(msgs) > 0 {
		return FailoverConfiguration{}, &fdmError{status: http.StatusUnprocessableEntity, key: keyValidation, messages: msgs}
	}
	next.ID, next.Version = cur.ID, randomVersion()
	*cur = next
	if p.ha.formed && u == p.ha.active {
		peer := p.ownFailoverConfig(u.other())
		peerID := peer.ID
		*peer = next
		peer.ID = peerID
	}
	return p.failoverConfig(u), nil
}

// Documented failover ranges (ftd-fdm.md section 4): peer poll 200–999 ms or 1–15 s;
// peer hold 800–999 ms or 1–45 s and at least three peer poll times. The notes give no
// range for the interface timers; the mock only requires them positive.
type msRange struct{ loMs, hiMs, loS, hiS int64 }

var (
	peerPollRange = msRange{200, 999, 1, 15}
	peerHoldRange = msRange{800, 999, 1, 45}
)

func (r msRange) allows(d time.Duration) bool {
	ms := d.Milliseconds()
	if d%time.Millisecond != 0 {
		return false
	}
	if ms >= r.loMs && ms <= r.hiMs {
		return true
	}
	return d%time.Second == 0 && int64(d/time.Second) >= r.loS && int64(d/time.Second) <= r.hiS
}

// validateFailoverConfig checks a PUT body against the spec (required fields, enums)
// and the documented ranges.
func validateFailoverConfig(in failoverConfigWire) (FailoverConfiguration, []errorMessage) {
	var msgs []errorMessage
	add := func(code, location, format string, args ...any) {
		msgs = append(msgs, errorMessage{Description: fmt.Sprintf(format, args...), Code: code, Location: location})
	}
	switch {
	case in.Type == nil:
		add("requiredField", "type", "type is required and must be %q", failoverConfigType)
	case *in.Type != failoverConfigType:
		add("invalidValue", "type", "type must be %q, not %q", failoverConfigType, *in.Type)
	}
	var out FailoverConfiguration
	timer := func(location string, t *timeWire, dst *FailoverTime) bool {
		switch {
		case t == nil:
			add("requiredField", location, "%s is required", location)
		case t.Type == nil:
			add("requiredField", location+".type", "%s.type is required and must be \"time\"", location)
		case *t.Type != "time":
			add("invalidValue", location+".type", "%s.type must be \"time\", not %q", location, *t.Type)
		case t.Value == nil || t.TimeUnit == nil:
			add("requiredField", location, "%s needs a value and a timeUnit", location)
		case timeUnitLengths[*t.TimeUnit] == 0:
			add("invalidValue", location+".timeUnit", "%s.timeUnit %q is none of NANOSECONDS, MICROSECONDS, MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS", location, *t.TimeUnit)
		case *t.Value <= 0:
			add("invalidValue", location+".value", "%s.value must be positive, not %d", location, *t.Value)
		default:
			*dst = FailoverTime{Value: *t.Value, TimeUnit: *t.TimeUnit}
			return true
		}
		return false
	}
	pollOK := timer("peerPollTime", in.PeerPollTime, &out.PeerPollTime)
	holdOK := timer("peerHoldTime", in.PeerHoldTime, &out.PeerHoldTime)
	timer("interfacePollTime", in.InterfacePollTime, &out.InterfacePollTime)
	timer("interfaceHoldTime", in.InterfaceHoldTime, &out.InterfaceHoldTime)
	poll, hold := out.PeerPollTime.duration(), out.PeerHoldTime.duration()
	if pollOK && !peerPollRange.allows(poll) {
		add("invalidValue", "peerPollTime", "The peer poll time must be between 200 and 999 milliseconds or between 1 and 15 seconds, not %s", poll)
	}
	if holdOK && !peerHoldRange.allows(hold) {
		add("invalidValue", "peerHoldTime", "The peer hold time must be between 800 and 999 milliseconds or between 1 and 45 seconds, not %s", hold)
	} else if pollOK && holdOK && hold < 3*poll {
		add("invalidValue", "peerHoldTime", "The peer hold time (%s) must be at least three times the peer poll time (%s)", hold, poll)
	}
	switch {
	case in.InterfaceFailureThreshold == nil:
		add("requiredField", "interfaceFailureThreshold", "interfaceFailureThreshold is required")
	case *in.InterfaceFailureThreshold < 1:
		add("invalidValue", "interfaceFailureThreshold", "interfaceFailureThreshold must be at least 1, not %d", *in.InterfaceFailureThreshold)
	default:
		out.InterfaceFailureThreshold = *in.InterfaceFailureThreshold
	}
	switch unit := deref(in.InterfaceFailureUnit); unit {
	case "NUMBER", "PERCENTAGE":
		out.InterfaceFailureUnit = unit
		if unit == "PERCENTAGE" && out.InterfaceFailureThreshold > 100 {
			add("invalidValue", "interfaceFailureThreshold", "A percentage threshold must be at most 100, not %d", out.InterfaceFailureThreshold)
		}
	case "":
		add("requiredField", "interfaceFailureUnit", "interfaceFailureUnit is required: NUMBER or PERCENTAGE")
	default:
		add("invalidValue", "interfaceFailureUnit", "interfaceFailureUnit must be NUMBER or PERCENTAGE, not %q", unit)
	}
	return out, msgs
}
