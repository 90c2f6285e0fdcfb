package fireflowmock

import (
	"maps"
	"net/http"
	"slices"
)

// templateView is one entry of GET /templates, as the captured list shows it
// (fireflow.md section 9).
type templateView struct {
	ID          int    `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Type        string `json:"type"`
	Enabled     bool   `json:"enabled"`
}

// templateTypes are the type words of the list: "Traffic Change" is the captured one;
// the others are the mock's own.
var templateTypes = map[Kind]string{KindTraffic: "Traffic Change", KindObject: "Object Change", KindRuleRemoval: "Rule Removal"}

// listTemplates answers GET /templates: every template, by name.
func (f *FireFlow) listTemplates(w http.ResponseWriter, _ *http.Request) {
	f.mu.Lock()
	out := make([]templateView, 0, len(f.templates))
	for _, name := range slices.Sorted(maps.Keys(f.templates)) {
		t := f.templates[name]
		out = append(out, templateView{ID: t.ID, Name: t.Name, Description: "Create a " + templateTypes[t.Kind] + " request", Type: templateTypes[t.Kind], Enabled: !t.Disabled})
	}
	f.mu.Unlock()
	writeSuccess(w, []Message{}, out)
}
