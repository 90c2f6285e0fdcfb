package fireflowmock

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The read of a traffic request on a real appliance: originalTraffic as requested and
// plannedTraffic normalised, items keyed "value", the captured fields only, no status
// until the delay has passed or the status moved.
func TestRealApplianceRead(t *testing.T) {
	f := newFixture(t)
	f.ff.SetBehaviour(RealAppliance)
	s := f.login(t)
	body := strings.Replace(SwaggerTrafficExample, `{"key": "subject", "values": ["open https"]}`,
		`{"key": "subject", "values": ["open https"]}, {"key": "Owner", "values": ["netops"]}`, 1)
	body = strings.Replace(body, `"user":        {"items": [{"name": "user1"}]},`, "", 1)
	id := f.create(t, TrafficCreatePath, body, s)
	ans := f.do(t, http.MethodGet, ChangeRequestPath(KindTraffic, id), "", "", s)
	var data struct {
		testCR
		Traffic         json.RawMessage `json:"traffic"`
		OriginalTraffic []struct {
			Source, Service, User struct {
				Items []map[string]string `json:"items"`
			}
			Action string `json:"action"`
		} `json:"originalTraffic"`
		PlannedTraffic []struct {
			Source, Service struct {
				Items []map[string]string `json:"items"`
			}
		} `json:"plannedTraffic"`
	}
	if ans.status != 200 || len(ans.env.Messages) != 0 || json.Unmarshal(ans.env.Data, &data) != nil {
		t.Fatalf("read: %d %s", ans.status, ans.raw)
	}
	var names []string
	for _, fl := range data.Fields {
		names = append(names, fl.Name)
	}
	if strings.Join(names, ",") != "Creator,Owner,LastUpdated" || data.Traffic != nil || len(data.SubChangeRequests) != 2 {
		t.Fatalf("fields %v, traffic %s: %s", names, data.Traffic, ans.raw)
	}
	o, p := data.OriginalTraffic, data.PlannedTraffic
	if len(o) != 1 || len(p) != 1 || o[0].Action != "Allow" ||
		!slices.Equal(values(o[0].Source.Items), []string{"1.1.1.0/24", "host_object"}) || !slices.Equal(values(o[0].User.Items), []string{"any"}) ||
		!slices.Equal(values(p[0].Source.Items), []string{"1.1.1.0-1.1.1.255", "host_object"}) || !slices.Equal(values(p[0].Service.Items), []string{"tcp/443", "tcp/8080"}) {
		t.Fatalf("lines %s", ans.raw)
	}
	// The status appears once the delay has passed, or at once when the status moves.
	f.clock.Advance(RealAppliance.StatusDelay)
	if cr := f.read(t, KindTraffic, id, s); !slices.Equal(cr.field("status"), []string{"open"}) {
		t.Fatalf("after the delay: %+v", cr)
	}
	other := f.create(t, TrafficCreatePath, body, s)
	if err := f.ff.SetStatus(other, "approve"); err != nil {
		t.Fatal(err)
	}
	if cr := f.read(t, KindTraffic, other, s); !slices.Equal(cr.field("status"), []string{"approve"}) {
		t.Fatalf("after a status change: %+v", cr)
	}
	// Unknown ids answer 500 with the not-found code; other kinds keep 400.
	for _, path := range []string{ChangeRequestPath(KindTraffic, 4242), ActiveChangePath(4242), WorkOrderResultPath(4242)} {
		if strings.Contains(path, "active-change") {
			f.ff.SetBehaviour(Behaviour{ActiveChangeRoutes: RoutesActiveChange, NotFoundStatus: 500})
		}
		expectFailure(t, f.do(t, http.MethodGet, path, "", "", s), 500, []string{CodeChangeRequestNotFound}, "Change request 4242 not found")
		f.ff.SetBehaviour(RealAppliance)
	}
	expectFailure(t, f.do(t, http.MethodGet, ChangeRequestPath(KindObject, 4242), "", "", s), 400, []string{CodeChangeRequestNotFound})
	// The snapshot keeps every field, whatever a read shows.
	if snap, _ := f.ff.Ticket(id); !slices.Equal(fieldValues(snap.Fields, "Subject"), []string{"open https"}) || snap.Status != StatusOpen {
		t.Fatalf("snapshot %+v", snap)
	}
}

func values(items []map[string]string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		if len(it) != 1 || it["value"] == "" {
			return append(out, "not keyed value")
		}
		out = append(out, it["value"])
	}
	return out
}

// Each spelling of the ActiveChange routes is served only where the setting says so;
// the other answers 404 and runs nothing.
func TestActiveChangeRoutes(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	id := f.create(t, TrafficCreatePath, GuideTrafficExample, s)
	snap, _ := f.ff.Ticket(id)
	child := snap.SubChangeRequests[0]
	triggers := func() int {
		c, _ := f.ff.Ticket(child)
		if c.ActiveChange == nil {
			return 0
		}
		return c.ActiveChange.Triggers
	}
	for _, tc := range []struct {
		routes               Routes
		calculate, implement int
	}{
		{RoutesActiveChange, 200, 404},
		{RoutesWorkOrder, 404, 200},
		{RoutesBoth, 200, 200},
	} {
		f.ff.SetBehaviour(Behaviour{ActiveChangeRoutes: tc.routes})
		before := triggers()
		want := before
		for _, route := range []struct {
			trigger, result string
			status          int
		}{
			{ActiveChangeCalculatePath(child), ActiveChangePath(child), tc.calculate},
			{WorkOrderImplementPath(child), WorkOrderResultPath(child), tc.implement},
		} {
			ans := f.post(t, route.trigger, "", s)
			if ans.status != route.status {
				t.Fatalf("%q: %s answered %d %s", tc.routes, route.trigger, ans.status, ans.raw)
			}
			if route.status == 404 {
				expectFailure(t, ans, 404, []string{CodeNotFound})
				expectFailure(t, f.do(t, http.MethodGet, route.result, "", "", s), 404, []string{CodeNotFound})
				continue
			}
			want++
			if ans := f.do(t, http.MethodGet, route.result, "", "", s); ans.status != 200 || !strings.Contains(string(ans.env.Data), `"activeChangeStatus": "Succeed"`) {
				t.Fatalf("%s: %d %s", route.result, ans.status, ans.raw)
			}
		}
		if got := triggers(); got != want {
			t.Fatalf("%q: %d triggers, want %d", tc.routes, got-before, want-before)
		}
	}

	// A trigger that fails inside HTTP 200; the status then reads Failed.
	f.ff.SetActiveChange(ActiveChangeTriggerFails, time.Minute)
	ans := f.post(t, ActiveChangeCalculatePath(child), "", s)
	if ans.status != 200 || ans.env.Status != "Success" || string(ans.env.Data) != `"ActiveChange operation has finished with status failure."` {
		t.Fatalf("failed trigger: %d %s", ans.status, ans.raw)
	}
	if ans := f.do(t, http.MethodGet, ActiveChangePath(child), "", "", s); !strings.Contains(string(ans.env.Data), `"activeChangeStatus": "Failed"`) {
		t.Fatalf("status after a failed trigger: %s", ans.raw)
	}

	// Without the rights: 403 NO_PERMISSIONS on both routes; nothing runs.
	f.ff.SetActiveChangePermission(false)
	before := triggers()
	expectFailure(t, f.post(t, ActiveChangeCalculatePath(child), "", s), 403, []string{CodeNoPermissions}, "no permission to run ActiveChange")
	expectFailure(t, f.do(t, http.MethodGet, ActiveChangePath(child), "", "", s), 403, []string{CodeNoPermissions})
	if triggers() != before {
		t.Fatal("a refused trigger ran")
	}
}

func TestTemplatesList(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	f.ff.AddTemplate(Template{Name: "190: Verbatim Rule Addition", Kind: KindTraffic, Disabled: true})
	ans := f.do(t, http.MethodGet, TemplatesPath, "", "", s)
	var list []struct {
		ID          int    `json:"id"`
		Name        string `json:"name"`
		Description string `json:"description"`
		Type        string `json:"type"`
		Enabled     bool   `json:"enabled"`
	}
	if ans.status != 200 || json.Unmarshal(ans.env.Data, &list) != nil || len(list) != 5 {
		t.Fatalf("templates: %d %s", ans.status, ans.raw)
	}
	byName := map[string]string{}
	for _, tpl := range list {
		if tpl.ID == 0 || tpl.Description == "" {
			t.Errorf("template %+v", tpl)
		}
		byName[tpl.Name] = tpl.Type + " " + strconv.FormatBool(tpl.Enabled)
	}
	if byName[TrafficTemplate] != "Traffic Change true" || byName["190: Verbatim Rule Addition"] != "Traffic Change false" || byName[RuleRemovalTemplate] != "Rule Removal true" {
		t.Fatalf("templates %v", byName)
	}
	expectFailure(t, f.post(t, TrafficCreatePath, strings.Replace(GuideTrafficExample, TrafficTemplate, "190: Verbatim Rule Addition", 1), s), 400,
		[]string{CodeTemplateNotFound}, "Template is disabled")
	expectFailure(t, f.do(t, http.MethodGet, TemplatesPath, "", "", ""), 403, []string{CodeInvalidSessionKey})
}

func TestUpdateTrafficFields(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	id := f.create(t, TrafficCreatePath, strings.Replace(GuideTrafficExample, `{"key": "subject", "values": ["open https"]}`,
		`{"key": "subject", "values": ["open https"]}, {"key": "Business Justification", "values": ["release 42"]}`, 1), s)
	put := func(body string) answer {
		return f.do(t, http.MethodPut, TrafficFieldsPath(id), "application/json", body, s)
	}
	ans := put(`[{"key": "business justification", "values": ["release 43"]}, {"name": "Ticket Reference", "values": ["a", "b"]}]`)
	if ans.status != 200 || ans.env.Status != "Success" {
		t.Fatalf("update: %d %s", ans.status, ans.raw)
	}
	snap, _ := f.ff.Ticket(id)
	child, _ := f.ff.Ticket(snap.SubChangeRequests[0])
	if !slices.Equal(fieldValues(snap.Fields, "Business Justification"), []string{"release 43"}) || !slices.Equal(fieldValues(snap.Fields, "Ticket Reference"), []string{"a", "b"}) ||
		!slices.Equal(fieldValues(child.Fields, "Business Justification"), []string{"release 42"}) {
		t.Fatalf("fields after the update: parent %v, child %v", snap.Fields, child.Fields)
	}
	for name, tc := range map[string]struct {
		body   string
		status int
		codes  []string
	}{
		"object body":  {`{"key": "x", "values": []}`, 400, []string{CodeBadJSONFormat}},
		"empty list":   {`[]`, 400, []string{CodeMandatoryFieldMissing}},
		"no key":       {`[{"values": ["x"]}]`, 400, []string{CodeMandatoryFieldMissing}},
		"status field": {`[{"key": "status", "values": ["resolved"]}]`, 400, []string{CodeInvalidFieldValue}},
		"bad date":     {`[{"key": "Due", "values": ["31/12/2026"]}]`, 400, []string{CodeInvalidDateFormat}},
	} {
		t.Run(name, func(t *testing.T) { expectFailure(t, put(tc.body), tc.status, tc.codes) })
	}
	expectFailure(t, f.do(t, http.MethodPut, TrafficFieldsPath(4242), "application/json", `[{"key":"a","values":["b"]}]`, s), 400, []string{CodeChangeRequestNotFound})
	f.ff.SetBehaviour(RealAppliance)
	expectFailure(t, f.do(t, http.MethodPut, TrafficFieldsPath(4242), "application/json", `[{"key":"a","values":["b"]}]`, s), 500, []string{CodeChangeRequestNotFound})
}
