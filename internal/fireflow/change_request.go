package fireflow

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// Kind is the family of a change request, as its read path names it.
type Kind string

// Kinds of change request.
const (
	KindObject      Kind = "object"
	KindRuleRemoval Kind = "rule-removal"
	KindTraffic     Kind = "traffic"
)

// ChangeRequest is a read change request. Status and most attributes are fields.
type ChangeRequest struct {
	ID                       int64
	Fields                   []Field
	SubChangeRequests        []int64
	OriginalRequestedActions []map[string]any
	// Traffic holds the lines of a traffic change request as they were requested, when
	// the read shows them: "originalTraffic" (real appliances, fireflow.md section 9), or
	// "traffic" where a release answers that.
	Traffic []TrafficLine
	// PlannedTraffic is FireFlow's normalisation of the lines ("plannedTraffic": any
	// becomes a range, a service name its ports): for showing only, never compared with
	// what was requested.
	PlannedTraffic []TrafficLine
}

// UnmarshalJSON accepts the id as a number or a string, under id or changeRequestId.
func (cr *ChangeRequest) UnmarshalJSON(b []byte) error {
	var raw struct {
		ID                       json.RawMessage   `json:"id"`
		ChangeRequestID          json.RawMessage   `json:"changeRequestId"`
		ChangeRequestIDUpper     json.RawMessage   `json:"changeRequestID"`
		Fields                   []Field           `json:"fields"`
		SubChangeRequests        []json.RawMessage `json:"subChangeRequests"`
		OriginalRequestedActions []map[string]any  `json:"originalRequestedActions"`
		Traffic                  []TrafficLine     `json:"traffic"`
		OriginalTraffic          []TrafficLine     `json:"originalTraffic"`
		PlannedTraffic           []TrafficLine     `json:"plannedTraffic"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	for _, v := range []json.RawMessage{raw.ID, raw.ChangeRequestID, raw.ChangeRequestIDUpper} {
		if len(v) > 0 && string(v) != "null" {
			id, err := parseID(v)
			if err != nil {
				return err
			}
			cr.ID = id
			break
		}
	}
	for _, v := range raw.SubChangeRequests {
		id, err := parseID(v)
		if err != nil {
			return err
		}
		cr.SubChangeRequests = append(cr.SubChangeRequests, id)
	}
	cr.Fields = raw.Fields
	cr.OriginalRequestedActions = raw.OriginalRequestedActions
	cr.Traffic = raw.OriginalTraffic
	if cr.Traffic == nil {
		cr.Traffic = raw.Traffic
	}
	cr.PlannedTraffic = raw.PlannedTraffic
	return nil
}

// Field returns the values of the field named name (case-insensitive).
func (cr *ChangeRequest) Field(name string) ([]string, bool) {
	for _, f := range cr.Fields {
		if strings.EqualFold(f.Label(), name) {
			return f.Values, true
		}
	}
	return nil, false
}

// FirstField returns the first value of the first of names present.
func (cr *ChangeRequest) FirstField(names ...string) string {
	for _, n := range names {
		if v, ok := cr.Field(n); ok && len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

// Status is the workflow status, kept by FireFlow in the field "status"; known is false
// when the read has no such field (right after a create, fireflow.md section 9: "not
// known yet", not an error). Statuses are workflow-defined: any value is passed on.
func (cr *ChangeRequest) Status() (status string, known bool) {
	v, ok := cr.Field("status")
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// GetChangeRequest reads a change request of the given kind. FireFlow's definitive
// "gone", CHANGE_REQUEST_NOT_FOUND, is transport.IsNotFound.
func (c *Client) GetChangeRequest(ctx context.Context, kind Kind, id int64) (*ChangeRequest, error) {
	var cr ChangeRequest
	err := c.call(ctx, http.MethodGet, fmt.Sprintf("/change-requests/%s/%d", kind, id), nil, &cr)
	if transport.IsNotFound(err) {
		return nil, fmt.Errorf("change request not found: %s change request %d (%w)", kind, id, err)
	}
	if err != nil {
		return nil, err
	}
	if cr.ID == 0 {
		cr.ID = id
	}
	return &cr, nil
}

// TicketURL is the web page of a change request.
func (c *Client) TicketURL(id int64) string {
	return fmt.Sprintf("%s/FireFlow/Ticket/Display.html?id=%d", c.baseURL, id)
}
