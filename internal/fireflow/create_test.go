package fireflow_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
)

func boolp(b bool) *bool { return &b }

// The three object requests of the seed page (seeds/002; HCL versions in
// internal/provider/providers_test.go), each with what the mock must parse.
var seedObjectRequests = []struct {
	name    string
	req     fireflow.ObjectRequest
	parsed  fireflowmock.ObjectRequest
	tickets int // a multi-device request is a parent plus a child per device
}{
	{
		name: "create",
		req: fireflow.ObjectRequest{
			Template: fireflowmock.ObjectTemplate, Subject: "Create object request", Due: "2019-10-10", Owner: "admin", Priority: "5",
			CustomFields:         []fireflow.Field{{Key: "cf1", Values: []string{"cf value1", "cf value2"}}, {Key: "cf2", Values: []string{"cf2 value1", "cf2 value2"}}},
			Devices:              []string{"FW_101", "FW_102"},
			ObjectContainerLevel: "automatic",
			RequestedActions: []fireflow.ObjectAction{
				{Action: "create", Name: "networkObject1", Type: "network", IsGroup: boolp(false), Values: []string{"1.1.1.1"}},
				{Action: "create", Name: "serviceObject1", Type: "service", IsGroup: boolp(false), Values: []string{"tcp/12"}},
			},
		},
		parsed: fireflowmock.ObjectRequest{
			Template: fireflowmock.ObjectTemplate, Subject: "Create object request", Due: "2019-10-10 00:00:00", Owner: "admin", Priority: "5",
			CustomFields:         []fireflowmock.Field{{Name: "cf1", Values: []string{"cf value1", "cf value2"}}, {Name: "cf2", Values: []string{"cf2 value1", "cf2 value2"}}},
			Devices:              []string{"FW_101", "FW_102"},
			ObjectContainerLevel: "Automatic",
			RequestedActions: []fireflowmock.ObjectAction{
				{Action: "create", Name: "networkObject1", Type: "network", IsGroup: boolp(false), Values: []string{"1.1.1.1"}},
				{Action: "create", Name: "serviceObject1", Type: "service", IsGroup: boolp(false), Values: []string{"tcp/12"}},
			},
		},
		tickets: 3,
	},
	{
		name: "add to group",
		req: fireflow.ObjectRequest{
			Template: fireflowmock.ObjectTemplate, Subject: "Modify object request", Description: "adding objects to GR_Network_Devices", ExternalID: "123a",
			Devices: []string{"FW_101", "FW_102"}, ObjectContainerLevel: "automatic",
			RequestedActions: []fireflow.ObjectAction{
				{Action: "addObjectsToGroup", Name: "GR_Network_Devices", Type: "network", IsGroup: boolp(true), Values: []string{"Net_10.163.40.232_31", "HK_Cyberark_10.133.21.217"}},
			},
		},
		parsed: fireflowmock.ObjectRequest{
			Template: fireflowmock.ObjectTemplate, Subject: "Modify object request", Description: "adding objects to GR_Network_Devices", ExternalID: "123a",
			Devices: []string{"FW_101", "FW_102"}, ObjectContainerLevel: "Automatic",
			RequestedActions: []fireflowmock.ObjectAction{
				{Action: "addObjectsToGroup", Name: "GR_Network_Devices", Type: "network", IsGroup: boolp(true), Values: []string{"Net_10.163.40.232_31", "HK_Cyberark_10.133.21.217"}},
			},
		},
		tickets: 3,
	},
	{
		name: "several actions",
		req: fireflow.ObjectRequest{
			Template: fireflowmock.ObjectTemplate, Subject: "several actions", Devices: []string{"FW_101"}, ObjectContainerLevel: "automatic",
			RequestedActions: []fireflow.ObjectAction{
				{Action: "replaceContent", Name: "object2", Type: "network", IsGroup: boolp(false), Values: []string{"object2"}},
				{Action: "removeObjectsFromGroup", Name: "GP_Captical", Type: "network", IsGroup: boolp(true), Values: []string{"Net_211.72.241.0", "Net_61.219.22.0"}},
				{Action: "delete", Name: "Net_203.69.50.0", Type: "network"},
			},
		},
		parsed: fireflowmock.ObjectRequest{
			Template: fireflowmock.ObjectTemplate, Subject: "several actions", Devices: []string{"FW_101"}, ObjectContainerLevel: "Automatic",
			RequestedActions: []fireflowmock.ObjectAction{
				{Action: "replaceContent", Name: "object2", Type: "network", IsGroup: boolp(false), Values: []string{"object2"}},
				{Action: "removeObjectsFromGroup", Name: "GP_Captical", Type: "network", IsGroup: boolp(true), Values: []string{"Net_211.72.241.0", "Net_61.219.22.0"}},
				{Action: "delete", Name: "Net_203.69.50.0", Type: "network"},
			},
		},
		tickets: 1,
	},
}

func TestCreateObjectRequest_seedShapes(t *testing.T) {
	for _, tc := range seedObjectRequests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFFServer(t)
			c := f.client(t)
			created, err := c.CreateObjectRequest(t.Context(), &tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if created.ID != 1001 || created.RedirectURL != c.TicketURL(created.ID) || created.RedirectURL != f.srv.URL()+"/FireFlow/Ticket/Display.html?id=1001" {
				t.Errorf("created %+v", created)
			}
			held, ok := f.ff.Ticket(int(created.ID))
			if !ok || held.Kind != fireflowmock.KindObject || held.Status != fireflowmock.StatusOpen {
				t.Fatalf("mock ticket %+v", held)
			}
			if !reflect.DeepEqual(held.ObjectRequest, &tc.parsed) {
				t.Errorf("mock parsed\n%+v\nwant\n%+v", held.ObjectRequest, &tc.parsed)
			}
			if n := f.ff.TicketCount(); n != tc.tickets || len(held.SubChangeRequests) != max(tc.tickets-1, 0) {
				t.Errorf("%d tickets, children %v", n, held.SubChangeRequests)
			}
			if n := f.srv.CountCalls("POST", fireflowmock.ObjectCreatePath); n != 1 {
				t.Errorf("%d creates sent", n)
			}
		})
	}
}

// The rule removal of the seed page (seeds/003).
func TestCreateRuleRemovalRequest_seedShape(t *testing.T) {
	f := newFFServer(t)
	c := f.client(t)
	created, err := c.CreateRuleRemovalRequest(t.Context(), &fireflow.RuleRemovalRequest{
		Template: fireflowmock.RuleRemovalTemplate,
		Fields: []fireflow.Field{
			{Name: "subject", Values: []string{"test55"}},
			{Name: "Owner", Values: []string{"secops@example.com"}},
			{Name: "devices", Values: []string{fireflowmock.DeviceOritGW2}},
		},
		RequestActions: []fireflow.RuleAction{{Action: "remove", RuleID: fireflowmock.RuleA}, {Action: "remove", RuleID: fireflowmock.RuleB}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if created.ID == 0 || created.RedirectURL != c.TicketURL(created.ID) {
		t.Errorf("created %+v", created)
	}
	held, ok := f.ff.Ticket(int(created.ID))
	want := &fireflowmock.RuleRemovalRequest{
		Template: fireflowmock.RuleRemovalTemplate,
		Fields: []fireflowmock.Field{
			{Name: "subject", Values: []string{"test55"}},
			{Name: "Owner", Values: []string{"secops@example.com"}},
			{Name: "devices", Values: []string{fireflowmock.DeviceOritGW2}},
		},
		RequestActions: []fireflowmock.RuleAction{{Action: "remove", RuleID: fireflowmock.RuleA}, {Action: "remove", RuleID: fireflowmock.RuleB}},
	}
	if !ok || held.Kind != fireflowmock.KindRuleRemoval || !reflect.DeepEqual(held.RuleRemovalRequest, want) {
		t.Errorf("mock ticket %+v, parsed %+v", held, held.RuleRemovalRequest)
	}
	if f.ff.TicketCount() != 1 || f.srv.CountCalls("POST", fireflowmock.RuleRemovalPath) != 1 {
		t.Errorf("%d tickets", f.ff.TicketCount())
	}
}

// objectContainerLevel goes out as seeds/002 spells it: "Automatic" as in every example,
// highest and lowest in the lower case of its table; isGroup as a JSON boolean.
func TestCreateObjectRequest_wireSpellings(t *testing.T) {
	for level, want := range map[string]string{"automatic": `"objectContainerLevel":"Automatic"`, "lowest": `"objectContainerLevel":"lowest"`, "highest": `"objectContainerLevel":"highest"`} {
		t.Run(level, func(t *testing.T) {
			f := newFFServer(t)
			c := f.client(t)
			req := seedObjectRequests[0].req
			req.ObjectContainerLevel = level
			if _, err := c.CreateObjectRequest(t.Context(), &req); err != nil {
				t.Fatal(err)
			}
			var body string
			for _, call := range f.srv.Calls() {
				if call.Path == fireflowmock.ObjectCreatePath {
					body = call.Body
				}
			}
			if !strings.Contains(body, want) || !strings.Contains(body, `"isGroup":false`) {
				t.Fatalf("sent %s, want %s and a boolean isGroup", body, want)
			}
			if req.ObjectContainerLevel != level {
				t.Errorf("the caller's request was changed to %q", req.ObjectContainerLevel)
			}
		})
	}
}
