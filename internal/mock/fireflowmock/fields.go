package fireflowmock

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// updateTrafficFields is PUT .../traffic/{id}/fields (fireflow.md section 9, "Update
// traffic change request's custom fields"): the body is a list of {key or name, values};
// each field named replaces the values of the request's field of that name (compared
// case-insensitively) or is added. Fields the workflow owns are refused, as are dates
// FireFlow cannot read. The answer's data is the mock's own words: no source shows it.
func (f *FireFlow) updateTrafficFields(w http.ResponseWriter, r *http.Request) {
	var fields []Field
	if _, ok := decodeBody(w, r, &fields); !ok {
		return
	}
	idText := r.PathValue("id")
	id, err := strconv.Atoi(idText)
	f.mu.Lock()
	t, ok := f.tickets[id]
	if err != nil || !ok || t.kind != KindTraffic {
		f.mu.Unlock()
		f.notFound(w, KindTraffic, idText)
		return
	}
	var msgs []Message
	if len(fields) == 0 {
		msgs = append(msgs, missing("fields"))
	}
	for i, fl := range fields {
		switch lower := strings.ToLower(fl.Name); {
		case fl.Name == "":
			msgs = append(msgs, missing(fmt.Sprintf("[%d].key", i)))
		case slices.Contains([]string{"status", "devices", "ticket template name", "creator", "lastupdated", "created"}, lower):
			msgs = append(msgs, invalid("Field %s cannot be updated", fl.Name))
		}
	}
	if len(msgs) == 0 {
		var checked []Field
		checked, msgs = f.ruleRemovalFields(fields)
		if len(msgs) == 0 {
			t.fields = slices.Clone(t.fields) // a parent and its children share the slice they were opened with
			for _, fl := range checked {
				i := slices.IndexFunc(t.fields, func(old Field) bool { return strings.EqualFold(old.Name, fl.Name) })
				if i < 0 {
					t.fields = append(t.fields, fl)
				} else {
					t.fields[i].Values = fl.Values
				}
			}
			t.lastUpdated = f.clock.Now()
		}
	}
	f.mu.Unlock()
	if len(msgs) > 0 {
		writeFailure(w, http.StatusBadRequest, msgs...)
		return
	}
	writeSuccess(w, []Message{}, "Fields of change request "+idText+" were updated")
}
