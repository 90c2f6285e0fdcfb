package fireflowmock

import (
	"net/http"
	"strconv"
	"strings"
)

// changeRequestView is the data of GET /change-requests/{kind}/{id}
// (fireflow.md section 5); status is one of the fields.
type changeRequestView struct {
	ID                       int     `json:"id"`
	Fields                   []Field `json:"fields"`
	SubChangeRequests        []int   `json:"subChangeRequests,omitempty"` // present only on a parent
	OriginalRequestedActions any     `json:"originalRequestedActions,omitempty"`
	// Traffic is the lines of a traffic request; the guide shows no read of them, so
	// the mock serves them as they were sent, items under the item key setting.
	Traffic []TrafficLine `json:"traffic,omitempty"`
}

type objectActionView struct {
	ObjectName      string `json:"objectName"`
	RequestedAction string `json:"requestedAction"`
	Values          string `json:"values"` // the documentation types it String: comma-joined
	ObjectType      string `json:"objectType"`
}

type ruleActionView struct {
	RuleID string `json:"ruleId"`
	Action string `json:"action"`
}

// readChangeRequest answers one change request of kind k; an unknown id, or
// the id of another kind, is 400 CHANGE_REQUEST_NOT_FOUND.
func (f *FireFlow) readChangeRequest(w http.ResponseWriter, k Kind, idText string) {
	id, err := strconv.Atoi(idText)
	cr, ok := f.Ticket(id)
	if err != nil || !ok || cr.Kind != k {
		writeFailure(w, http.StatusBadRequest, Message{CodeChangeRequestNotFound, "Change request " + idText + " not found"})
		return
	}
	view := changeRequestView{ID: cr.ID, Fields: cr.Fields, SubChangeRequests: cr.SubChangeRequests}
	messages := []Message{}
	switch k {
	case KindObject:
		actions := make([]objectActionView, 0, len(cr.ObjectActions))
		for _, a := range cr.ObjectActions {
			actions = append(actions, objectActionView{
				ObjectName:      a.Name,
				RequestedAction: a.Action,
				Values:          strings.Join(a.Values, ","),
				ObjectType:      capitalize(a.Type),
			})
		}
		view.OriginalRequestedActions = actions
	case KindRuleRemoval:
		actions := make([]ruleActionView, 0, len(cr.RuleActions))
		for _, a := range cr.RuleActions {
			actions = append(actions, ruleActionView{RuleID: a.RuleID, Action: a.Action})
		}
		view.OriginalRequestedActions = actions
	case KindTraffic:
		messages = successMessages // the traffic read keeps the older success entry
		if cr.TrafficRequest != nil {
			f.mu.Lock()
			view.Traffic = f.servedTraffic(cr.TrafficRequest.Traffic)
			f.mu.Unlock()
		}
	}
	writeSuccess(w, messages, view)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
