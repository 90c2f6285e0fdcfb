package fireflowmock

import (
	"slices"
	"strconv"
	"testing"
)

func TestReadChangeRequestNotFound(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	obj := f.create(t, ObjectCreatePath, seedReplace, s)
	rr := f.create(t, RuleRemovalPath, twoRules, s)
	cases := []struct {
		path, id string
	}{
		{ChangeRequestPath(KindObject, 6354), "6354"},
		{ChangeRequestPath(KindRuleRemoval, obj), strconv.Itoa(obj)},
		{ChangeRequestPath(KindObject, rr), strconv.Itoa(rr)},
		{ChangeRequestPath(KindTraffic, obj), strconv.Itoa(obj)},
		{"/FireFlow/api/change-requests/object/abc", "abc"},
	}
	for _, tc := range cases {
		expectFailure(t, f.do(t, "GET", tc.path, "", "", s), 400, []string{"CHANGE_REQUEST_NOT_FOUND"}, "Change request "+tc.id+" not found")
	}
}

func TestReadMessagesAndTraffic(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	obj := f.create(t, ObjectCreatePath, seedReplace, s)
	ans := f.do(t, "GET", ChangeRequestPath(KindObject, obj), "", "", s)
	if ans.env.Messages == nil || len(ans.env.Messages) != 0 {
		t.Fatalf("object read messages: %s", ans.raw)
	}

	id := f.ff.AddTrafficChangeRequest("open port 443", DeviceFW101)
	ans = f.do(t, "GET", ChangeRequestPath(KindTraffic, id), "", "", s)
	if ans.status != 200 || len(ans.env.Messages) != 1 || ans.env.Messages[0].Code != "success" {
		t.Fatalf("traffic read: %s", ans.raw)
	}
	cr := f.read(t, KindTraffic, id, s)
	if cr.ID != id || !slices.Equal(cr.field("Subject"), []string{"open port 443"}) || !slices.Equal(cr.field("Ticket Template Name"), []string{TrafficTemplate}) ||
		cr.OriginalRequestedActions != nil {
		t.Fatalf("traffic %+v", cr)
	}
	expectFailure(t, f.do(t, "GET", ChangeRequestPath(KindObject, id), "", "", s), 400, []string{"CHANGE_REQUEST_NOT_FOUND"})
}

func TestNoDeleteOrEditRoutes(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	id := f.create(t, ObjectCreatePath, seedReplace, s)
	for _, method := range []string{"DELETE", "PUT", "POST"} {
		expectFailure(t, f.do(t, method, ChangeRequestPath(KindObject, id), "application/json", "{}", s), 405, []string{CodeMethodNotAllowed})
	}
	expectFailure(t, f.do(t, "GET", ObjectCreatePath, "", "", s), 405, []string{CodeMethodNotAllowed})
	expectFailure(t, f.do(t, "GET", AuthenticatePath, "", "", ""), 405, []string{CodeMethodNotAllowed})
	for _, path := range []string{"/FireFlow/api/change-requests/cancel/1", "/FireFlow/api/nothing", "/FireFlow/REST/1.0/ticket/1/edit", "/FireFlow/api/change-requests/object/1/status"} {
		expectFailure(t, f.do(t, "POST", path, "application/json", "{}", s), 404, []string{CodeNotFound})
	}
	if cr, ok := f.ff.Ticket(id); !ok || cr.Status != StatusOpen || f.ff.TicketCount() != 1 {
		t.Fatalf("ticket after the refused calls: %+v", cr)
	}
}
