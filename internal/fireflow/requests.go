package fireflow

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// ObjectRequest is the body of POST /request/object (seeds/002).
type ObjectRequest struct {
	Template         string         `json:"template"`
	Subject          string         `json:"subject,omitempty"`
	Description      string         `json:"description,omitempty"`
	Requestor        string         `json:"requestor,omitempty"`
	Owner            string         `json:"owner,omitempty"`
	Priority         string         `json:"priority,omitempty"`
	Due              string         `json:"due,omitempty"`
	Expire           string         `json:"expire,omitempty"`
	ExternalID       string         `json:"externalId,omitempty"`
	RefersTo         string         `json:"refersTo,omitempty"`
	ReferredBy       string         `json:"referredBy,omitempty"`
	CustomFields     []Field        `json:"customFields,omitempty"`
	Devices          []string       `json:"devices,omitempty"`
	ObjectContainers []int64        `json:"objectContainers,omitempty"`
	RequestedActions []ObjectAction `json:"requestedActions"`
	// ObjectContainerLevel is highest, lowest or automatic; automatic goes out as
	// "Automatic", the spelling of every example of seeds/002 (its table writes the
	// values in lower case, so highest and lowest go out as they are).
	ObjectContainerLevel string `json:"objectContainerLevel,omitempty"`
}

// LevelAutomatic is the object container level as seeds/002's examples send it.
const LevelAutomatic = "Automatic"

// wireLevel spells a container level the way the seed does.
func wireLevel(level string) string {
	if strings.EqualFold(level, "automatic") {
		return LevelAutomatic
	}
	return level
}

// ObjectAction is one requested object action.
type ObjectAction struct {
	Action string `json:"action"`
	Name   string `json:"name"`
	Type   string `json:"type"`
	// IsGroup goes out as a JSON boolean, as seeds/002 sends it for groups and
	// non-groups alike; nil leaves it out (only create needs it).
	IsGroup *bool    `json:"isGroup,omitempty"`
	Values  []string `json:"values,omitempty"`
}

// Field is a named list of values; FireFlow names fields by "name" or "key".
type Field struct {
	Name   string   `json:"name,omitempty"`
	Key    string   `json:"key,omitempty"`
	Values []string `json:"values"`
}

// Label is the field's name, whichever spelling FireFlow used.
func (f Field) Label() string {
	if f.Name != "" {
		return f.Name
	}
	return f.Key
}

// RuleRemovalRequest is the body of POST /change-requests/rule-removal (seeds/003).
type RuleRemovalRequest struct {
	Template       string       `json:"template"`
	Fields         []Field      `json:"fields"`
	RequestActions []RuleAction `json:"requestActions"`
}

// RuleAction removes or disables one rule.
type RuleAction struct {
	Action string `json:"action"`
	RuleID string `json:"ruleId"`
}

// Created is what a create answers; Created.ID is the change request id.
type Created struct {
	ID          int64
	RedirectURL string
}

// UnmarshalJSON accepts changeRequestId/changeRequestID and redirectUrl/redirectURL,
// with the id as a number or a string.
func (c *Created) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	for k, v := range raw {
		switch strings.ToLower(k) {
		case "changerequestid":
			id, err := parseID(v)
			if err != nil {
				return err
			}
			c.ID = id
		case "redirecturl":
			if err := json.Unmarshal(v, &c.RedirectURL); err != nil {
				return err
			}
		}
	}
	if c.ID == 0 {
		return fmt.Errorf("FireFlow answered no change request id: %s", b)
	}
	return nil
}

func parseID(v json.RawMessage) (int64, error) {
	s := strings.Trim(string(v), `"`)
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("FireFlow answered a change request id that is not a number: %s", v)
	}
	return id, nil
}

// CreateObjectRequest opens an object change request. The POST is never repeated unless
// FireFlow provably did not receive it.
func (c *Client) CreateObjectRequest(ctx context.Context, r *ObjectRequest) (*Created, error) {
	body := *r
	body.ObjectContainerLevel = wireLevel(r.ObjectContainerLevel)
	var out Created
	if err := c.call(ctx, http.MethodPost, "/request/object", &body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateRuleRemovalRequest opens a rule removal change request.
func (c *Client) CreateRuleRemovalRequest(ctx context.Context, r *RuleRemovalRequest) (*Created, error) {
	var out Created
	if err := c.call(ctx, http.MethodPost, "/change-requests/rule-removal", r, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
