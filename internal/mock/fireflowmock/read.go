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
	// Traffic is the lines of a traffic request in the traffic read shape: the guide
	// shows no read of them, so the mock serves them as they were sent, items under "name".
	Traffic []TrafficLine `json:"traffic,omitempty"`
	// OriginalTraffic and PlannedTraffic are the lines in the original read shape.
	OriginalTraffic []valueLine `json:"originalTraffic,omitempty"`
	PlannedTraffic  []valueLine `json:"plannedTraffic,omitempty"`
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
// the id of another kind, is CHANGE_REQUEST_NOT_FOUND (400, or the traffic setting).
func (f *FireFlow) readChangeRequest(w http.ResponseWriter, k Kind, idText string) {
	id, err := strconv.Atoi(idText)
	cr, ok := f.Ticket(id)
	if err != nil || !ok || cr.Kind != k {
		f.notFound(w, k, idText)
		return
	}
	f.mu.Lock()
	t := f.tickets[id]
	var fields []Field
	if t != nil {
		fields = f.readFields(t)
	}
	shape := f.behaviour.ReadShape
	f.mu.Unlock()
	if t == nil { // removed since the snapshot
		f.notFound(w, k, idText)
		return
	}
	view := changeRequestView{ID: cr.ID, Fields: fields, SubChangeRequests: cr.SubChangeRequests}
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
		if shape == ReadShapeOriginal {
			messages = []Message{} // as in the captured read
		}
		switch {
		case cr.TrafficRequest == nil:
		case shape == ReadShapeOriginal:
			view.OriginalTraffic = originalTraffic(cr.TrafficRequest.Traffic)
			view.PlannedTraffic = plannedTraffic(cr.TrafficRequest.Traffic)
		default:
			view.Traffic = servedTraffic(cr.TrafficRequest.Traffic)
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
