package fireflowmock

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Rule removal actions (seed 003).
const (
	RuleActionRemove    = "remove"
	RuleActionDisable   = "disable"
	RuleActionAutomatic = "automatic"
)

// canonicalFieldNames spells the fields FireFlow knows the way reads show them;
// other fields keep the name the request gave.
var canonicalFieldNames = map[string]string{
	"subject":     "Subject",
	"owner":       "Owner",
	"requestor":   "Requestor",
	"description": "Description",
	"priority":    "Priority",
	"due":         "Due",
	"expire":      "Expire",
	"expires":     "Expire",
}

func (f *FireFlow) createRuleRemovalRequest(w http.ResponseWriter, r *http.Request) {
	var req RuleRemovalRequest
	body, ok := decodeBody(w, r, &req)
	if !ok {
		return
	}
	f.finishCreate(w, r, func() (int, []Message) {
		fields, actions, msgs := f.checkRuleRemovalRequest(&req)
		if len(msgs) > 0 {
			return 0, msgs
		}
		now := f.clock.Now()
		t := &ticket{
			id:          f.allocateID(),
			kind:        KindRuleRemoval,
			template:    req.Template,
			devices:     deviceField(req.Fields),
			fields:      fields,
			ruleActions: actions,
			body:        body,
			ruleRequest: &req,
		}
		f.store(t, now)
		return t.id, nil
	})
}

func deviceField(fields []Field) []string {
	v, _ := field(fields, "devices")
	return slices.Clone(v)
}

// checkRuleRemovalRequest validates req in three rounds (the request itself,
// the device, the rules) and returns the fields to store and the actions with
// automatic resolved. Callers hold f.mu.
func (f *FireFlow) checkRuleRemovalRequest(req *RuleRemovalRequest) ([]Field, []RuleAction, []Message) {
	msgs := f.templateProblem(req.Template, KindRuleRemoval)
	fields, fieldMsgs := f.ruleRemovalFields(req.Fields)
	msgs = append(msgs, fieldMsgs...)
	devices, ok := field(req.Fields, "devices")
	switch {
	case !ok || len(devices) == 0:
		msgs = append(msgs, missing("devices"))
	case len(devices) > 1:
		msgs = append(msgs, invalid("Each devices element can contain one device only, not %d: %s", len(devices), strings.Join(devices, ", ")))
	}
	if len(req.RequestActions) == 0 {
		msgs = append(msgs, missing("requestActions"))
	}
	seen := map[string]bool{}
	for i, a := range req.RequestActions {
		if a.RuleID == "" {
			msgs = append(msgs, missing(fmt.Sprintf("requestActions[%d].ruleId", i)))
		}
		// Compared exactly, as seed 003 and fireflow.md spell them.
		switch action := a.Action; action {
		case RuleActionRemove, RuleActionDisable, RuleActionAutomatic:
			seen[action] = true
		case "":
			msgs = append(msgs, missing(fmt.Sprintf("requestActions[%d].action", i)))
		default:
			msgs = append(msgs, invalid("Invalid action %s for rule %s: expected remove, disable or automatic", a.Action, a.RuleID))
		}
	}
	if seen[RuleActionRemove] && seen[RuleActionDisable] {
		msgs = append(msgs, mixedActions())
	}
	if len(msgs) > 0 {
		return nil, nil, msgs
	}

	if unknown := f.unknownDevices(devices); len(unknown) > 0 {
		return nil, nil, []Message{{CodeDevicesNotFound, "Cannot find devices: " + strings.Join(unknown, ", ") + "."}}
	}

	d := f.devices[devices[0]]
	actions := make([]RuleAction, 0, len(req.RequestActions))
	var absent []string
	for _, a := range req.RequestActions {
		action := a.Action
		if action == RuleActionAutomatic {
			action = RuleActionRemove
			if d.CanDisableRules {
				action = RuleActionDisable
			}
		}
		actions = append(actions, RuleAction{Action: action, RuleID: a.RuleID})
		if !slices.Contains(d.rules, a.RuleID) && !slices.Contains(absent, a.RuleID) {
			absent = append(absent, a.RuleID)
		}
	}
	if slices.ContainsFunc(actions, func(a RuleAction) bool { return a.Action != actions[0].Action }) {
		msgs = append(msgs, mixedActions())
	}
	if len(absent) > 0 {
		msgs = append(msgs, Message{CodeRulesNotFound, fmt.Sprintf("Cannot find rules on device %s: %s.", d.DisplayName, strings.Join(absent, ", "))})
	}
	if len(msgs) > 0 {
		return nil, nil, msgs
	}
	return fields, actions, nil
}

func mixedActions() Message {
	return Message{CodeMixedRuleActions, "Each request supports one action only: remove and disable actions cannot be mixed"}
}

// ruleRemovalFields checks the request's fields (names, dates, attachments) and
// returns them as stored: known names canonical, dates as reads show them, the
// devices field left to the Devices field every read has. Callers hold f.mu.
func (f *FireFlow) ruleRemovalFields(in []Field) ([]Field, []Message) {
	var out []Field
	var msgs []Message
	for i, fl := range in {
		lower := strings.ToLower(fl.Name)
		switch {
		case fl.Name == "":
			msgs = append(msgs, missing(fmt.Sprintf("fields[%d].name", i)))
			continue
		case lower == "devices":
			continue
		}
		name := fl.Name
		if c, ok := canonicalFieldNames[lower]; ok {
			name = c
		}
		values := slices.Clone(fl.Values)
		switch {
		case name == "Due" || name == "Expire":
			for j, v := range values {
				date, ok := parseDate(v, f.dateDayBeforeMonth)
				if !ok {
					msgs = append(msgs, Message{CodeInvalidDateFormat, fmt.Sprintf("Invalid date format for %s: %s", fl.Name, v)})
					continue
				}
				values[j] = date
			}
		case lower == "attachment" || lower == "attachments":
			for _, v := range values {
				if problem := attachmentProblem(v); problem != "" {
					msgs = append(msgs, Message{CodeInvalidAttachment, problem})
				}
			}
		}
		out = append(out, Field{name, values})
	}
	return out, msgs
}

// attachmentProblem checks "filename=<name>:content=<base64>" (seed 003): a valid
// Linux file name of 1 to 255 bytes and base64 content.
func attachmentProblem(v string) string {
	rest, ok := strings.CutPrefix(v, "filename=")
	name, content, ok2 := strings.Cut(rest, ":content=")
	switch {
	case !ok || !ok2:
		return "Attachment must read filename=<name>:content=<base64>"
	case name == "" || len(name) > 255 || name == "." || name == ".." || strings.ContainsAny(name, "/\x00"):
		return fmt.Sprintf("Invalid attachment file name %q", name)
	}
	if _, err := base64.StdEncoding.DecodeString(content); err != nil {
		return fmt.Sprintf("Attachment %s: content is not base64", name)
	}
	return ""
}
