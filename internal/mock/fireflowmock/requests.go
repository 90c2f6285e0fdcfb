package fireflowmock

import (
	"encoding/json"
	"errors"
	"strings"
)

// ObjectRequest is the body of POST /request/object as the mock parsed it
// (seed 002).
type ObjectRequest struct {
	Template             string         `json:"template"`
	Subject              string         `json:"subject,omitempty"`
	Description          string         `json:"description,omitempty"`
	Requestor            string         `json:"requestor,omitempty"`
	Owner                string         `json:"owner,omitempty"`
	Priority             string         `json:"priority,omitempty"`
	Due                  string         `json:"due,omitempty"`
	Expire               string         `json:"expire,omitempty"`
	ExternalID           string         `json:"externalId,omitempty"`
	RefersTo             string         `json:"refersTo,omitempty"`
	ReferredBy           string         `json:"referredBy,omitempty"`
	CustomFields         []Field        `json:"customFields,omitempty"`
	Devices              []string       `json:"devices,omitempty"`
	ObjectContainers     []int          `json:"objectContainers,omitempty"`
	ObjectContainerLevel string         `json:"objectContainerLevel,omitempty"`
	RequestedActions     []ObjectAction `json:"requestedActions"`
}

// ObjectAction is one entry of requestedActions.
type ObjectAction struct {
	Action           string   `json:"action"`
	Name             string   `json:"name"`
	Type             string   `json:"type"`
	IsGroup          *bool    `json:"isGroup,omitempty"` // sent as a JSON boolean or one of IsGroupStrings
	Values           []string `json:"values,omitempty"`  // also read from the older "content"
	Devices          []string `json:"devices,omitempty"`
	ObjectContainers []int    `json:"objectContainers,omitempty"`
	LineOrder        int      `json:"lineOrder,omitempty"`

	// badIsGroup is an isGroup string outside IsGroupStrings, refused by validation.
	badIsGroup string
}

// IsGroupStrings are the isGroup strings seed 002 shows: "True" and "False" in its
// table, "false" in its first example (the other examples send JSON booleans). No
// other spelling ("true", "TRUE", "yes") appears, so none is accepted.
var IsGroupStrings = map[string]bool{"True": true, "False": false, "false": false}

// UnmarshalJSON accepts isGroup as a string or a boolean and values under
// "values" or "content".
func (a *ObjectAction) UnmarshalJSON(b []byte) error {
	type plain ObjectAction
	aux := struct {
		*plain
		IsGroup json.RawMessage `json:"isGroup"`
		Content []string        `json:"content"`
	}{plain: (*plain)(a)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	if a.Values == nil {
		a.Values = aux.Content
	}
	if len(aux.IsGroup) == 0 || string(aux.IsGroup) == "null" {
		return nil
	}
	var v bool
	if err := json.Unmarshal(aux.IsGroup, &v); err != nil {
		var s string
		if err := json.Unmarshal(aux.IsGroup, &s); err != nil {
			return errors.New("isGroup must be a boolean or a string")
		}
		b, ok := IsGroupStrings[s]
		if !ok {
			a.badIsGroup = s
			return nil
		}
		v = b
	}
	a.IsGroup = &v
	return nil
}

// Field is a named list of values: a request's customFields or fields entry
// (named by "name" or "key"), or a field of a read change request.
type Field struct {
	Name   string   `json:"name"`
	Values []string `json:"values"`
}

// UnmarshalJSON accepts the name under "name" or "key", and values as a list
// or a single string.
func (f *Field) UnmarshalJSON(b []byte) error {
	var aux struct {
		Name   string          `json:"name"`
		Key    string          `json:"key"`
		Values json.RawMessage `json:"values"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	f.Name = aux.Name
	if f.Name == "" {
		f.Name = aux.Key
	}
	f.Values = nil
	if len(aux.Values) == 0 || string(aux.Values) == "null" {
		return nil
	}
	if err := json.Unmarshal(aux.Values, &f.Values); err != nil {
		var one string
		if err := json.Unmarshal(aux.Values, &one); err != nil {
			return errors.New("values must be a list of strings or a string")
		}
		f.Values = []string{one}
	}
	return nil
}

// RuleRemovalRequest is the body of POST /change-requests/rule-removal as the
// mock parsed it (seed 003).
type RuleRemovalRequest struct {
	Template       string       `json:"template"`
	Fields         []Field      `json:"fields"`
	RequestActions []RuleAction `json:"requestActions"`
}

// RuleAction is one entry of requestActions.
type RuleAction struct {
	Action string `json:"action"` // remove, disable or automatic; sent as a string or a one-element list
	RuleID string `json:"ruleId"`
}

// UnmarshalJSON accepts action as a string or a list of strings (the
// documentation types it "Array").
func (a *RuleAction) UnmarshalJSON(b []byte) error {
	var aux struct {
		Action json.RawMessage `json:"action"`
		RuleID string          `json:"ruleId"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	a.RuleID = aux.RuleID
	a.Action = ""
	if len(aux.Action) == 0 || string(aux.Action) == "null" {
		return nil
	}
	if err := json.Unmarshal(aux.Action, &a.Action); err == nil {
		return nil
	}
	var list []string
	if err := json.Unmarshal(aux.Action, &list); err != nil {
		return errors.New("action must be a string or a list of strings")
	}
	a.Action = strings.Join(list, ",")
	return nil
}

// field returns the values of the first field named name (case-insensitive).
func field(fields []Field, name string) ([]string, bool) {
	for _, f := range fields {
		if strings.EqualFold(f.Name, name) {
			return f.Values, true
		}
	}
	return nil, false
}
