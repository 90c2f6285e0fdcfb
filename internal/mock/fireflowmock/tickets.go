package fireflowmock

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"time"
)

// ticket is a stored change request. A multi-device object request is a parent
// plus one child per device; each is a ticket of its own.
type ticket struct {
	id           int
	kind         Kind
	template     string
	status       string
	statusSince  time.Time
	statusMoved  bool // the status changed since the ticket was opened
	devices      []string
	parent       int
	children     []int
	fields       []Field // requested fields, served between Creator and Devices
	objActions   []ObjectAction
	ruleActions  []RuleAction // as resolved: remove or disable
	created      time.Time
	lastUpdated  time.Time
	body         []byte
	objRequest   *ObjectRequest
	ruleRequest  *RuleRemovalRequest
	trafficReq   *TrafficRequest
	activeChange *activeChangeRun // the last ActiveChange triggered on a child
}

// ChangeRequest is a snapshot of a stored change request.
type ChangeRequest struct {
	ID                int       `json:"id"`
	Kind              Kind      `json:"kind"`
	Template          string    `json:"template"`
	Status            string    `json:"status"`
	Devices           []string  `json:"devices"`
	Parent            int       `json:"parent,omitempty"`              // 0 unless a child
	SubChangeRequests []int     `json:"sub_change_requests,omitempty"` // children of a parent
	Fields            []Field   `json:"fields"`                        // as the guide's reads serve them, status included
	Created           time.Time `json:"created"`
	LastUpdated       time.Time `json:"last_updated"`
	// ObjectActions are this change request's actions (a child holds those that
	// apply to its device); RuleActions have automatic resolved.
	ObjectActions []ObjectAction `json:"object_actions,omitempty"`
	RuleActions   []RuleAction   `json:"rule_actions,omitempty"`
	// Body is the POST body that created the change request (shared by a parent
	// and its children); ObjectRequest or RuleRemovalRequest is its parsed form,
	// whose slices the mock shares: read them, do not change them.
	Body               json.RawMessage     `json:"body,omitempty"`
	ObjectRequest      *ObjectRequest      `json:"object_request,omitempty"`
	RuleRemovalRequest *RuleRemovalRequest `json:"rule_removal_request,omitempty"`
	TrafficRequest     *TrafficRequest     `json:"traffic_request,omitempty"`
	// ActiveChange is the last ActiveChange triggered on this change request, nil if none.
	ActiveChange *ActiveChange `json:"active_change,omitempty"`
}

// Tickets returns every change request, by id.
func (f *FireFlow) Tickets() []ChangeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	ids := slices.Sorted(maps.Keys(f.tickets))
	out := make([]ChangeRequest, 0, len(ids))
	for _, id := range ids {
		out = append(out, f.snapshot(f.tickets[id]))
	}
	return out
}

// Ticket returns the change request with this id.
func (f *FireFlow) Ticket(id int) (ChangeRequest, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, ok := f.tickets[id]
	if !ok {
		return ChangeRequest{}, false
	}
	return f.snapshot(t), true
}

// TicketCount counts change requests, children included.
func (f *FireFlow) TicketCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.tickets)
}

// DeleteTicket removes a change request as an administrator might in the
// database; no FireFlow API does this (tickets persist). It reports whether the
// ticket existed; its children stay.
func (f *FireFlow) DeleteTicket(id int) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, ok := f.tickets[id]
	delete(f.tickets, id)
	return ok
}

// AddTrafficChangeRequest stores a traffic change request (the mock has no
// traffic create API) and returns its id.
func (f *FireFlow) AddTrafficChangeRequest(subject string, devices ...string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.clock.Now()
	t := &ticket{
		id:       f.allocateID(),
		kind:     KindTraffic,
		template: TrafficTemplate,
		devices:  slices.Clone(devices),
		fields:   []Field{{"Subject", []string{subject}}},
	}
	f.store(t, now)
	return t.id
}

// allocateID hands out increasing ids. Callers hold f.mu.
func (f *FireFlow) allocateID() int {
	id := f.nextID
	f.nextID++
	return id
}

// store saves a new ticket in status open. Callers hold f.mu.
func (f *FireFlow) store(t *ticket, now time.Time) {
	t.status = StatusOpen
	t.statusSince = now
	t.created = now
	t.lastUpdated = now
	f.tickets[t.id] = t
}

// servedFields lists every field of t as the guide's reads serve them. Callers hold f.mu.
func (f *FireFlow) servedFields(t *ticket) []Field {
	out := make([]Field, 0, len(t.fields)+6)
	out = append(out, Field{"Creator", []string{Username}})
	for _, fl := range t.fields {
		out = append(out, Field{fl.Name, slices.Clone(fl.Values)})
	}
	return append(out,
		Field{"Devices", slices.Clone(t.devices)},
		Field{"Ticket Template Name", []string{t.template}},
		Field{"status", []string{t.status}},
		Field{"Created", []string{t.created.Format(readDateLayout)}},
		Field{"LastUpdated", []string{t.lastUpdated.Format(readDateLayout)}},
	)
}

// capturedFields are the fields the captured read of a traffic request shows
// (fireflow.md section 9), status aside.
var capturedFields = []string{"Owner", "Creator", "Due", "LastUpdated", "Requestor"}

// readFields lists the fields a read of t answers under the behaviour settings.
// Callers hold f.mu, and have settled t.
func (f *FireFlow) readFields(t *ticket) []Field {
	fields := f.servedFields(t)
	if t.kind != KindTraffic {
		return fields
	}
	hideStatus := f.behaviour.StatusDelay > 0 && !t.statusMoved && f.clock.Now().Before(t.created.Add(f.behaviour.StatusDelay))
	out := fields[:0:0]
	for _, fl := range fields {
		switch {
		case strings.EqualFold(fl.Name, "status"):
			if hideStatus {
				continue
			}
		case f.behaviour.ReadShape == ReadShapeOriginal && !slices.ContainsFunc(capturedFields, func(n string) bool { return strings.EqualFold(n, fl.Name) }):
			continue
		}
		out = append(out, fl)
	}
	return out
}

// snapshot copies t after settling its status. Callers hold f.mu.
func (f *FireFlow) snapshot(t *ticket) ChangeRequest {
	f.settle(t)
	cr := ChangeRequest{
		ID:                t.id,
		Kind:              t.kind,
		Template:          t.template,
		Status:            t.status,
		Devices:           slices.Clone(t.devices),
		Parent:            t.parent,
		SubChangeRequests: slices.Clone(t.children),
		Fields:            f.servedFields(t),
		Created:           t.created,
		LastUpdated:       t.lastUpdated,
		ObjectActions:     slices.Clone(t.objActions),
		RuleActions:       slices.Clone(t.ruleActions),
		Body:              slices.Clone(t.body),
	}
	if t.objRequest != nil {
		r := *t.objRequest
		cr.ObjectRequest = &r
	}
	if t.ruleRequest != nil {
		r := *t.ruleRequest
		cr.RuleRemovalRequest = &r
	}
	if t.trafficReq != nil {
		r := *t.trafficReq
		cr.TrafficRequest = &r
	}
	if t.activeChange != nil {
		a := f.activeChangeOf(t)
		cr.ActiveChange = &a
	}
	return cr
}
