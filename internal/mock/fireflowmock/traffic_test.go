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

type testTrafficCR struct {
	testCR
	Traffic []struct {
		Source struct {
			Items []map[string]any `json:"items"`
		} `json:"source"`
		Action string `json:"action"`
	} `json:"traffic"`
}

func (f *fixture) readTraffic(t *testing.T, id int, s string) testTrafficCR {
	t.Helper()
	ans := f.do(t, http.MethodGet, ChangeRequestPath(KindTraffic, id), "", "", s)
	var cr testTrafficCR
	if ans.status != 200 || json.Unmarshal(ans.env.Data, &cr) != nil {
		t.Fatalf("read %d: %d %s", id, ans.status, ans.raw)
	}
	return cr
}

func TestTrafficCreateParentAndChildren(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	id := f.create(t, TrafficCreatePath, GuideTrafficExample, s)
	cr := f.readTraffic(t, id, s)
	if len(cr.SubChangeRequests) != 2 || !slices.Equal(cr.field("Subject"), []string{"open https"}) ||
		!slices.Equal(cr.field("Change Request Description"), []string{"web tier"}) || !slices.Equal(cr.field("Devices"), []string{"FW_101", "FW_102"}) ||
		!slices.Equal(cr.field("status"), []string{"open"}) {
		t.Fatalf("parent %+v", cr)
	}
	if len(cr.Traffic) != 1 || cr.Traffic[0].Action != "Allow" || cr.Traffic[0].Source.Items[0]["name"] != "1.1.1.0/24" {
		t.Fatalf("traffic %+v", cr.Traffic)
	}
	for i, child := range cr.SubChangeRequests {
		c := f.readTraffic(t, child, s)
		if !slices.Equal(c.field("Devices"), []string{[]string{"FW_101", "FW_102"}[i]}) || c.SubChangeRequests != nil {
			t.Fatalf("child %d: %+v", child, c)
		}
	}
	// Without devices the request is planned on the devices in the path.
	id = f.create(t, TrafficCreatePath, strings.Replace(GuideTrafficExample, `{"name": "devices", "values": ["FW_101", "FW_102"]}`, `{"name": "Owner", "values": ["a"]}`, 1), s)
	if snap, _ := f.ff.Ticket(id); len(snap.SubChangeRequests) != 2 || snap.TrafficRequest == nil {
		t.Fatalf("request without devices: %+v", snap)
	}
}

func TestTrafficItemKeys(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	// Either form by default; reads serve "name".
	f.create(t, TrafficCreatePath, SwaggerTrafficExample, s)
	id := f.create(t, TrafficCreatePath, GuideTrafficExample, s)
	if item := f.readTraffic(t, id, s).Traffic[0].Source.Items[0]; item["name"] != "1.1.1.0/24" || item["address"] != nil {
		t.Fatalf("read %v", item)
	}

	f.ff.SetTrafficItemKey(ItemKeySwagger)
	f.create(t, TrafficCreatePath, SwaggerTrafficExample, s)
	// The guide's form: a literal address under "name" is looked up as an object, and a
	// service under "name" is missing its key.
	expectFailure(t, f.post(t, TrafficCreatePath, GuideTrafficExample, s), 400,
		[]string{CodeObjectNotFound, CodeObjectNotFound, CodeMandatoryFieldMissing, CodeMandatoryFieldMissing},
		"Cannot find object 1.1.1.0/24 in source.items[0] (traffic line 1)", "Cannot find object 2.2.2.2-2.2.2.150", "service of service.items[0]", "service of service.items[1]")
	for name, tc := range map[string]struct{ from, to, code, text string }{
		"object under address": {`{"name": "host_object"}`, `{"address": "host_object"}`, CodeInvalidFieldValue, `Invalid address host_object in source.items[1] (traffic line 1): an object goes under "name"`},
		"user under address":   {`{"name": "user1"}`, `{"address": "user1"}`, CodeMandatoryFieldMissing, "name of user.items[0]"},
	} {
		t.Run(name, func(t *testing.T) {
			expectFailure(t, f.post(t, TrafficCreatePath, strings.Replace(SwaggerTrafficExample, tc.from, tc.to, 1), s), 400, []string{tc.code}, tc.text)
		})
	}
	// The keywords any and all go under "address", as the captured create sent them.
	f.create(t, TrafficCreatePath, strings.Replace(SwaggerTrafficExample, `{"address": "1.1.1.0/24"}`, `{"address": "all"}`, 1), s)
}

func TestTrafficRefusals(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	line := func(src, svc, action string) string {
		return `{"template":"` + TrafficTemplate + `","traffic":[{"source":{"items":[{"name":"` + src + `"}]},"destination":{"items":[{"name":"10.0.0.1"}]},` +
			`"service":{"items":[{"name":"` + svc + `"}]},"action":"` + action + `"}]}`
	}
	for name, tc := range map[string]struct {
		body  string
		codes []string
		text  string
	}{
		"no traffic":       {`{"template":"` + TrafficTemplate + `"}`, []string{CodeMandatoryFieldMissing}, "traffic"},
		"object template":  {strings.Replace(GuideTrafficExample, TrafficTemplate, ObjectTemplate, 1), []string{CodeTemplateNotFound}, "not a template for traffic"},
		"bad action":       {line("10.1.1.1", "https", "Permit"), []string{CodeInvalidFieldValue}, "Invalid action Permit (traffic line 1)"},
		"bad address":      {line("10.1.1.300", "https", "Allow"), []string{CodeInvalidFieldValue}, "Invalid address 10.1.1.300"},
		"bad range":        {line("10.1.1.9-10.1.1.1", "https", "Allow"), []string{CodeInvalidFieldValue}, "Invalid address"},
		"bad service":      {line("10.1.1.1", "tcp/99999x", "Allow"), []string{CodeInvalidFieldValue}, "Invalid service tcp/99999x"},
		"IPv6 on IPv4":     {strings.Replace(line("2001:db8::1", "https", "Allow"), "10.0.0.1", "2001:db8::2", 1), []string{CodeIPv6NotSupported}, TrafficTemplateIPv6},
		"mixed families":   {line("2001:db8::1", "https", "Allow"), []string{CodeMixedIPVersions}, "mixes IPv4 and IPv6"},
		"unknown device":   {strings.Replace(GuideTrafficExample, `"FW_102"]`, `"FW_9"]`, 1), []string{CodeDevicesNotFound}, "Cannot find devices: FW_9"},
		"bad due date":     {strings.Replace(GuideTrafficExample, `{"key": "subject", "values": ["open https"]}`, `{"key": "Due", "values": ["31/12/2026"]}`, 1), []string{CodeInvalidDateFormat}, "31/12/2026"},
		"missing services": {strings.Replace(line("10.1.1.1", "https", "Allow"), `"service":{"items":[{"name":"https"}]},`, "", 1), []string{CodeMandatoryFieldMissing}, "service (traffic line 1)"},
	} {
		t.Run(name, func(t *testing.T) {
			expectFailure(t, f.post(t, TrafficCreatePath, tc.body, s), 400, tc.codes, tc.text)
		})
	}
	// IPv6 on the IPv6 template is accepted.
	f.create(t, TrafficCreatePath, strings.Replace(strings.Replace(line("2001:db8::1", "https", "Allow"), "10.0.0.1", "2001:db8::2", 1), TrafficTemplate, TrafficTemplateIPv6, 1), s)
	if n := f.ff.TicketCount(); n != 3 {
		t.Fatalf("%d tickets, want the 3 of the one accepted request", n)
	}
}

func TestActiveChange(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	id := f.create(t, TrafficCreatePath, GuideTrafficExample, s)
	snap, _ := f.ff.Ticket(id)
	child := snap.SubChangeRequests[0]
	status := func(id int) (a struct {
		ID     int    `json:"changeRequestId"`
		Status string `json:"activeChangeStatus"`
		Result string `json:"result"`
	}) {
		t.Helper()
		ans := f.do(t, http.MethodGet, ActiveChangePath(id), "", "", s)
		if ans.status != 200 || json.Unmarshal(ans.env.Data, &a) != nil {
			t.Fatalf("status: %d %s", ans.status, ans.raw)
		}
		return a
	}
	if a := status(child); a.Status != ActiveChangeNotStarted || a.ID != child {
		t.Fatalf("before the trigger: %+v", a)
	}
	expectFailure(t, f.post(t, ActiveChangeCalculatePath(id), "", s), 400, []string{CodeNotSubChangeRequest}, "is a parent change request")
	expectFailure(t, f.post(t, ActiveChangeCalculatePath(99999), "", s), 400, []string{CodeChangeRequestNotFound})

	f.ff.SetActiveChange(ActiveChangeSucceeds, time.Minute)
	ans := f.post(t, ActiveChangeCalculatePath(child), "", s)
	if ans.status != 200 || string(ans.env.Data) != `"Trigger ActiveChange for change request `+strconv.Itoa(child)+` has finished successfully"` {
		t.Fatalf("calculate: %d %s", ans.status, ans.raw)
	}
	if a := status(child); a.Status != ActiveChangeInProgress {
		t.Fatalf("during: %+v", a)
	}
	f.clock.Advance(time.Minute)
	if a := status(child); a.Status != ActiveChangeSucceed || !strings.Contains(a.Result, "Device FW_101: 1 rule added") {
		t.Fatalf("after: %+v", a)
	}

	f.ff.SetActiveChange(ActiveChangeFails, 0)
	other := snap.SubChangeRequests[1]
	if a := status(other); a.Status != "Not Started" {
		t.Fatalf("before its trigger: %+v", a)
	}
	f.post(t, ActiveChangeCalculatePath(other), "", s)
	if a := status(other); a.Status != ActiveChangeFailed || !strings.Contains(a.Result, "Device FW_102: policy installation failed") {
		t.Fatalf("failed run: %+v", a)
	}
	if snap, _ := f.ff.Ticket(other); snap.ActiveChange == nil || snap.ActiveChange.Triggers != 1 {
		t.Fatalf("snapshot %+v", snap.ActiveChange)
	}
}
