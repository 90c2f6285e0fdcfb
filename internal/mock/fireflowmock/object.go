package fireflowmock

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Object actions (seed 002).
const (
	ActionCreate                 = "create"
	ActionDelete                 = "delete"
	ActionAddObjectsToGroup      = "addObjectsToGroup"
	ActionRemoveObjectsFromGroup = "removeObjectsFromGroup"
	ActionReplaceContent         = "replaceContent"
)

var objectActions = []string{ActionCreate, ActionDelete, ActionAddObjectsToGroup, ActionRemoveObjectsFromGroup, ActionReplaceContent}

// ObjectContainerLevels are the spellings seed 002 shows: the lower-case values of its
// table and the "Automatic" every one of its examples sends.
var ObjectContainerLevels = []string{"highest", "lowest", "automatic", "Automatic"}

func (f *FireFlow) createObjectRequest(w http.ResponseWriter, r *http.Request) {
	var req ObjectRequest
	body, ok := decodeBody(w, r, &req)
	if !ok {
		return
	}
	f.finishCreate(w, r, func() (int, []Message) {
		if msgs := f.checkObjectRequest(&req); len(msgs) > 0 {
			return 0, msgs
		}
		return f.storeObjectRequest(&req, body), nil
	})
}

// checkObjectRequest validates req, normalising action and type spellings and
// dates, in three rounds: the request itself, the devices, then each action
// against each device's objects. Callers hold f.mu.
func (f *FireFlow) checkObjectRequest(req *ObjectRequest) []Message {
	msgs := f.templateProblem(req.Template, KindObject)
	if lvl := req.ObjectContainerLevel; lvl != "" && !slices.Contains(ObjectContainerLevels, lvl) {
		msgs = append(msgs, invalid("Invalid objectContainerLevel %s: expected highest, lowest or automatic", lvl))
	}
	for _, d := range []struct {
		name  string
		value *string
	}{{"due", &req.Due}, {"expire", &req.Expire}} {
		if *d.value == "" {
			continue
		}
		date, ok := parseDate(*d.value, f.dateDayBeforeMonth)
		if !ok {
			msgs = append(msgs, Message{CodeInvalidDateFormat, fmt.Sprintf("Invalid date format for %s: %s", d.name, *d.value)})
			continue
		}
		*d.value = date
	}
	for i, cf := range req.CustomFields {
		if cf.Name == "" {
			msgs = append(msgs, missing(fmt.Sprintf("customFields[%d].key", i)))
		}
	}
	if len(req.RequestedActions) == 0 {
		msgs = append(msgs, missing("requestedActions"))
	}
	for i := range req.RequestedActions {
		msgs = append(msgs, checkObjectAction(&req.RequestedActions[i], i+1, req)...)
	}
	if len(msgs) > 0 {
		return msgs
	}

	if unknown := f.unknownDevices(req.targets()); len(unknown) > 0 {
		return []Message{{CodeDevicesNotFound, "Cannot find devices: " + strings.Join(unknown, ", ") + "."}}
	}

	for i, a := range req.RequestedActions {
		msgs = append(msgs, f.checkActionOnDevices(a, i+1, req.devicesOf(a))...)
	}
	return msgs
}

// checkObjectAction validates one action on its own; line is its 1-based position.
func checkObjectAction(a *ObjectAction, line int, req *ObjectRequest) []Message {
	var msgs []Message
	at := " (requested action line " + strconv.Itoa(line) + ")"
	// Actions and types are compared exactly: seed 002 spells them one way only.
	switch {
	case a.Action == "":
		msgs = append(msgs, missing("action"+at))
	case !slices.Contains(objectActions, a.Action):
		msgs = append(msgs, invalid("Invalid action %s%s: expected one of %s", a.Action, at, strings.Join(objectActions, ", ")))
	}
	if a.Name == "" {
		msgs = append(msgs, missing("name"+at))
	}
	switch a.Type {
	case "network", "service":
	case "":
		msgs = append(msgs, missing("type"+at))
	default:
		msgs = append(msgs, invalid("Invalid type %s%s: expected network or service", a.Type, at))
	}
	if a.badIsGroup != "" {
		msgs = append(msgs, invalid("Invalid isGroup %q%s: expected true, false, \"True\", \"False\" or \"false\"", a.badIsGroup, at))
	}
	if a.Action == ActionCreate && a.IsGroup == nil && a.badIsGroup == "" {
		msgs = append(msgs, missing("isGroup"+at))
	}
	if a.Action != ActionDelete && len(a.Values) == 0 {
		msgs = append(msgs, missing("values"+at))
	}
	if len(req.devicesOf(*a)) == 0 && len(a.ObjectContainers) == 0 && len(req.ObjectContainers) == 0 {
		msgs = append(msgs, missing("devices (or objectContainers)"+at))
	}
	return msgs
}

// checkActionOnDevices checks one action against the objects of the devices it
// applies to: one message per failing action, naming the failing devices.
// Callers hold f.mu.
func (f *FireFlow) checkActionOnDevices(a ObjectAction, line int, devices []string) []Message {
	var msgs []Message
	var absent, converted []string
	for _, name := range devices {
		d := f.devices[name]
		if a.Action == ActionCreate {
			if d.ZoneBased {
				msgs = append(msgs, Message{CodeZoneBasedGlobalObject, fmt.Sprintf("Device %s does not support global objects (requested action line %d).", d.DisplayName, line)})
			}
			continue
		}
		o, ok := d.objects[objectKey{a.Type, a.Name}]
		switch {
		case !ok:
			absent = append(absent, d.DisplayName)
		case (a.IsGroup != nil && *a.IsGroup != o.IsGroup) ||
			(!o.IsGroup && (a.Action == ActionAddObjectsToGroup || a.Action == ActionRemoveObjectsFromGroup)):
			converted = append(converted, d.DisplayName)
		}
	}
	if len(absent) > 0 {
		msgs = append(msgs, Message{CodeObjectNotFound, fmt.Sprintf("On action: %s the object: %s doesnt exist on devices: %s.", a.Action, a.Name, deviceList(absent))})
	}
	if len(converted) > 0 {
		msgs = append(msgs, invalid("On action: %s the object: %s cannot change between group and non-group on devices: %s.", a.Action, a.Name, deviceList(converted)))
	}
	return msgs
}

// deviceList writes device names the way the seed 002 example does:
// "[FW_101] ([FW_102])".
func deviceList(names []string) string {
	out := "[" + names[0] + "]"
	for _, n := range names[1:] {
		out += " ([" + n + "])"
	}
	return out
}

// devicesOf returns the devices an action applies to: its own list, else the
// request's.
func (req *ObjectRequest) devicesOf(a ObjectAction) []string {
	if len(a.Devices) > 0 {
		return a.Devices
	}
	return req.Devices
}

// targets lists every device the request names, once each, in order.
func (req *ObjectRequest) targets() []string {
	var out []string
	for _, a := range req.RequestedActions {
		for _, d := range req.devicesOf(a) {
			if !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
	}
	return out
}

// storeObjectRequest stores a valid request: one change request, or a parent and
// one child per device when it names several. Callers hold f.mu.
func (f *FireFlow) storeObjectRequest(req *ObjectRequest, body []byte) int {
	now := f.clock.Now()
	fields := objectFields(req)
	devices := req.targets()
	parent := &ticket{
		id:         f.allocateID(),
		kind:       KindObject,
		template:   req.Template,
		devices:    devices,
		fields:     fields,
		objActions: req.RequestedActions,
		body:       body,
		objRequest: req,
	}
	f.store(parent, now)
	if len(devices) < 2 {
		return parent.id
	}
	for _, d := range devices {
		child := &ticket{
			id:         f.allocateID(),
			kind:       KindObject,
			template:   req.Template,
			devices:    []string{d},
			parent:     parent.id,
			fields:     fields,
			body:       body,
			objRequest: req,
		}
		for _, a := range req.RequestedActions {
			if slices.Contains(req.devicesOf(a), d) {
				child.objActions = append(child.objActions, a)
			}
		}
		f.store(child, now)
		parent.children = append(parent.children, child.id)
	}
	return parent.id
}

// objectFields turns the basic fields given, then the custom fields, into
// change request fields.
func objectFields(req *ObjectRequest) []Field {
	var out []Field
	for _, b := range []struct{ name, value string }{
		{"Subject", req.Subject},
		{"Description", req.Description},
		{"Requestor", req.Requestor},
		{"Owner", req.Owner},
		{"Priority", req.Priority},
		{"Due", req.Due},
		{"Expire", req.Expire},
		{"ExternalId", req.ExternalID},
		{"RefersTo", req.RefersTo},
		{"ReferredBy", req.ReferredBy},
	} {
		if b.value != "" {
			out = append(out, Field{b.name, []string{b.value}})
		}
	}
	if len(req.ObjectContainers) > 0 {
		ids := make([]string, 0, len(req.ObjectContainers))
		for _, id := range req.ObjectContainers {
			ids = append(ids, strconv.Itoa(id))
		}
		out = append(out, Field{"Object Containers", ids})
	}
	for _, cf := range req.CustomFields {
		out = append(out, Field{cf.Name, slices.Clone(cf.Values)})
	}
	return out
}
