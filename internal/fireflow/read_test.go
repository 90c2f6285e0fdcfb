package fireflow_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

func TestGetChangeRequest_eachKind(t *testing.T) {
	f := newFFServer(t)
	c := f.client(t)
	obj, err := c.CreateObjectRequest(t.Context(), &seedObjectRequests[0].req)
	if err != nil {
		t.Fatal(err)
	}
	rr, err := c.CreateRuleRemovalRequest(t.Context(), &fireflow.RuleRemovalRequest{
		Template:       fireflowmock.RuleRemovalTemplate,
		Fields:         []fireflow.Field{{Name: "devices", Values: []string{fireflowmock.DeviceOritGW2}}},
		RequestActions: []fireflow.RuleAction{{Action: "automatic", RuleID: fireflowmock.RuleA}},
	})
	if err != nil {
		t.Fatal(err)
	}
	traffic := int64(f.ff.AddTrafficChangeRequest("open port 443", fireflowmock.DeviceFW102))

	for _, tc := range []struct {
		kind     fireflow.Kind
		id       int64
		devices  []string
		template string
		children int
	}{
		{fireflow.KindObject, obj.ID, []string{"FW_101", "FW_102"}, fireflowmock.ObjectTemplate, 2},
		{fireflow.KindRuleRemoval, rr.ID, []string{fireflowmock.DeviceOritGW2}, fireflowmock.RuleRemovalTemplate, 0},
		{fireflow.KindTraffic, traffic, []string{fireflowmock.DeviceFW102}, fireflowmock.TrafficTemplate, 0},
	} {
		cr, err := c.GetChangeRequest(t.Context(), tc.kind, tc.id)
		if err != nil {
			t.Fatalf("%s %d: %v", tc.kind, tc.id, err)
		}
		devices, _ := cr.Field("devices")
		if cr.ID != tc.id || statusOf(cr) != "open" || !slices.Equal(devices, tc.devices) ||
			cr.FirstField("Ticket Template Name") != tc.template || len(cr.SubChangeRequests) != tc.children {
			t.Errorf("%s: %+v", tc.kind, cr)
		}
	}
	// The seed device can disable rules, so automatic became disable.
	cr, _ := c.GetChangeRequest(t.Context(), fireflow.KindRuleRemoval, rr.ID)
	if len(cr.OriginalRequestedActions) != 1 || cr.OriginalRequestedActions[0]["action"] != "disable" || cr.OriginalRequestedActions[0]["ruleId"] != fireflowmock.RuleA {
		t.Errorf("rule removal actions %v", cr.OriginalRequestedActions)
	}
	if err := f.ff.SetStatus(int(obj.ID), fireflowmock.StatusImplement); err != nil {
		t.Fatal(err)
	}
	if cr, err := c.GetChangeRequest(t.Context(), fireflow.KindObject, obj.ID); err != nil || statusOf(cr) != fireflowmock.StatusImplement {
		t.Errorf("status after the mock moved it: %+v, %v", cr, err)
	}
}

// CHANGE_REQUEST_NOT_FOUND (an unknown id, or the id of another kind) is not found.
func TestGetChangeRequest_notFound(t *testing.T) {
	f := newFFServer(t)
	c := f.client(t)
	rr, err := c.CreateRuleRemovalRequest(t.Context(), &fireflow.RuleRemovalRequest{
		Template:       fireflowmock.RuleRemovalTemplate,
		Fields:         []fireflow.Field{{Name: "devices", Values: []string{fireflowmock.DeviceOritGW2}}},
		RequestActions: []fireflow.RuleAction{{Action: "remove", RuleID: fireflowmock.RuleB}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		kind fireflow.Kind
		id   int64
	}{
		{"wrong kind", fireflow.KindObject, rr.ID},
		{"unknown id", fireflow.KindRuleRemoval, 999999},
	} {
		cr, err := c.GetChangeRequest(t.Context(), tc.kind, tc.id)
		if cr != nil || !transport.IsNotFound(err) {
			t.Errorf("%s: %+v, %v", tc.name, cr, err)
			continue
		}
		_ = refusal(t, err, http.StatusBadRequest, "CHANGE_REQUEST_NOT_FOUND")
		if n := f.srv.CountCalls("GET", fireflowmock.ChangeRequestPath(fireflowmock.Kind(tc.kind), int(tc.id))); n != 1 {
			t.Errorf("%s: %d reads", tc.name, n)
		}
	}
	if _, ok := f.ff.Ticket(int(rr.ID)); !ok {
		t.Error("the rule removal request is gone")
	}
}
