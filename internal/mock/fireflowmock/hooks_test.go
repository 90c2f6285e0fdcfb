package fireflowmock

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// hook calls a /_mock/ hook and decodes a 200 answer into out (when not nil).
func (f *fixture) hook(t *testing.T, method, path, body string, out any) int {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, f.srv.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode == http.StatusOK && out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: %q: %v", method, path, raw, err)
		}
	}
	return resp.StatusCode
}

func TestStatusHookShowsOnLaterRead(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	id := f.create(t, ObjectCreatePath, seedCreate, s) // parent 1001, children 1002 and 1003
	base := "/_mock/tickets/" + strconv.Itoa(id)

	for _, want := range Workflow()[1:] {
		f.clock.Advance(time.Minute)
		var cr struct {
			Status string `json:"status"`
		}
		if code := f.hook(t, "POST", base+"/advance", "", &cr); code != 200 || cr.Status != want {
			t.Fatalf("advance: %d %q, want %q", code, cr.Status, want)
		}
		for _, read := range []int{id, 1002, 1003} {
			if got := f.read(t, KindObject, read, s).field("status"); !slices.Equal(got, []string{want}) {
				t.Fatalf("status of %d = %v, want %s", read, got, want)
			}
		}
	}
	if got := f.read(t, KindObject, id, s).field("LastUpdated"); !slices.Equal(got, []string{"2024-05-01 08:05:00"}) {
		t.Errorf("LastUpdated %v", got)
	}
	if code := f.hook(t, "POST", base+"/advance", "", nil); code != http.StatusConflict {
		t.Errorf("advance past resolved: %d", code)
	}

	// A child alone, then rejection of the parent through the status hook.
	if err := f.ff.SetStatus(1003, StatusCheck); err != nil {
		t.Fatal(err)
	}
	if got := f.read(t, KindObject, 1002, s).field("status"); got[0] != StatusResolved {
		t.Errorf("sibling moved: %v", got)
	}
	if code := f.hook(t, "POST", base+"/status", `{"status":"rejected"}`, nil); code != 200 {
		t.Fatalf("status hook: %d", code)
	}
	for _, read := range []int{id, 1002, 1003} {
		if got := f.read(t, KindObject, read, s).field("status"); got[0] != StatusRejected {
			t.Errorf("status of %d = %v after rejection", read, got)
		}
	}
	for _, bad := range []struct{ path, body string }{{base + "/status", `{}`}, {base + "/status", `{"state":"x"}`}} {
		if code := f.hook(t, "POST", bad.path, bad.body, nil); code != 400 {
			t.Errorf("%s %s: %d", bad.path, bad.body, code)
		}
	}
	if code := f.hook(t, "POST", "/_mock/tickets/9999/advance", "", nil); code != 404 {
		t.Errorf("unknown ticket: %d", code)
	}
	if _, err := f.ff.AdvanceStatus(id); err == nil {
		t.Error("advanced a rejected ticket")
	}
}

func TestTicketHooks(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	id := f.create(t, ObjectCreatePath, seedAddToGroup, s)
	var list []ChangeRequest
	if code := f.hook(t, "GET", "/_mock/tickets", "", &list); code != 200 || len(list) != 3 || list[0].ID != id || list[1].Parent != id || list[0].ObjectRequest == nil ||
		list[0].ObjectRequest.ExternalID != "123a" || !slices.Equal(list[2].Devices, []string{DeviceFW102}) {
		t.Fatalf("tickets: %d %+v", code, list)
	}
	var one ChangeRequest
	if code := f.hook(t, "GET", "/_mock/tickets/"+strconv.Itoa(id), "", &one); code != 200 || one.ID != id || !slices.Equal(one.SubChangeRequests, []int{id + 1, id + 2}) {
		t.Fatalf("one ticket: %d %+v", code, one)
	}
	// Deleting through the mock stands for an administrator's database change.
	if code := f.hook(t, "DELETE", "/_mock/tickets/"+strconv.Itoa(id), "", nil); code != 204 {
		t.Fatalf("delete: %d", code)
	}
	expectFailure(t, f.do(t, "GET", ChangeRequestPath(KindObject, id), "", "", s), 400, []string{"CHANGE_REQUEST_NOT_FOUND"})
	if f.ff.TicketCount() != 2 {
		t.Errorf("%d tickets left", f.ff.TicketCount())
	}
	if n := len(f.srv.Calls()); n != 3 {
		t.Errorf("%d calls logged, want login, create and one read only (hooks are not logged)", n)
	}
}

func TestStateHook(t *testing.T) {
	f := newFixture(t)
	f.login(t)
	var st stateView
	if code := f.hook(t, "GET", "/_mock/state", "", &st); code != 200 || st.Logins != 1 || len(st.Sessions) != 1 || time.Duration(st.SessionLifetime) != 30*time.Minute ||
		st.NextID != 1001 || st.LoginFailureStatus != 200 || st.FailMode != "before" {
		t.Fatalf("state %d %+v", code, st)
	}
	body := `{"session_lifetime":"2s","login_failure_status":403,"date_day_before_month":true,"fail_creates":2,"fail_mode":"after","auto_advance":"1m"}`
	if code := f.hook(t, "POST", "/_mock/state", body, &st); code != 200 || time.Duration(st.SessionLifetime) != 2*time.Second || st.LoginFailureStatus != 403 ||
		!st.DateDayBeforeMonth || st.FailCreates != 2 || st.FailMode != "after" || time.Duration(st.AutoAdvance) != time.Minute {
		t.Fatalf("after POST %d %+v", code, st)
	}
	if code := f.hook(t, "POST", "/_mock/state", `{"fail_creates":1}`, &st); code != 200 || st.FailCreates != 1 || st.FailMode != "after" {
		t.Fatalf("fail_creates alone %d %+v", code, st)
	}
	if st.TrafficItemKey != "" || st.ReadShape != "" || st.ActiveChangeRoutes != "" || st.StatusDelay != 0 || st.NotFoundStatus != 400 || st.ActiveChangeDenied ||
		st.ActiveChangeOutcome != "succeed" || st.ActiveChangeDuration != 0 {
		t.Fatalf("traffic defaults %+v", st)
	}
	body = `{"traffic_item_key":"swagger","active_change_outcome":"fail","active_change_duration":"3s","active_change_denied":true}`
	if code := f.hook(t, "POST", "/_mock/state", body, &st); code != 200 || st.TrafficItemKey != "swagger" || st.ActiveChangeOutcome != "fail" ||
		time.Duration(st.ActiveChangeDuration) != 3*time.Second || st.FailCreates != 1 || !st.ActiveChangeDenied {
		t.Fatalf("traffic knobs %d %+v", code, st)
	}
	// A preset, then single settings over it.
	body = `{"behaviour":"real","read_shape":"","status_delay":"1h"}`
	if code := f.hook(t, "POST", "/_mock/state", body, &st); code != 200 || st.TrafficItemKey != "swagger" || st.ReadShape != "" || st.ActiveChangeRoutes != "work-order" ||
		time.Duration(st.StatusDelay) != time.Hour || st.NotFoundStatus != 500 {
		t.Fatalf("behaviour knobs %d %+v", code, st)
	}
	body = `{"behaviour":"guide","read_shape":"original","active_change_routes":"both","not_found_status":500,"active_change_denied":false}`
	if code := f.hook(t, "POST", "/_mock/state", body, &st); code != 200 || st.TrafficItemKey != "" || st.ReadShape != "original" || st.ActiveChangeRoutes != "both" ||
		st.StatusDelay != 0 || st.NotFoundStatus != 500 || st.ActiveChangeDenied {
		t.Fatalf("behaviour knobs %d %+v", code, st)
	}
	expectFailure(t, f.post(t, AuthenticatePath, `{"username":"x","password":"y"}`, ""), 403, []string{"authentication.failure"})

	s := f.login(t)
	f.clock.Advance(2 * time.Second)
	expectFailure(t, f.post(t, ObjectCreatePath, seedReplace, s), 403, []string{"EXPIRED_SESSION_KEY"})

	s = f.login(t)
	if code := f.hook(t, "POST", "/_mock/expire-sessions", "", nil); code != 204 {
		t.Fatalf("expire-sessions: %d", code)
	}
	expectFailure(t, f.post(t, ObjectCreatePath, seedReplace, s), 403, []string{"EXPIRED_SESSION_KEY"})

	for _, bad := range []string{`{"sesion_lifetime":"1s"}`, `{"fail_mode":"during"}`, `{"login_failure_status":7}`, `{"fail_creates":-1}`, `{"auto_advance":"soon"}`,
		`{"traffic_item_key":"address"}`, `{"active_change_outcome":"maybe"}`, `{"active_change_duration":"-1s"}`, `{"behaviour":"lab"}`, `{"read_shape":"planned"}`,
		`{"active_change_routes":"work-orders"}`, `{"status_delay":"-1s"}`, `{"not_found_status":404}`} {
		if code := f.hook(t, "POST", "/_mock/state", bad, nil); code != 400 {
			t.Errorf("%s: %d", bad, code)
		}
	}
	if code := f.hook(t, "GET", "/_mock/nothing", "", nil); code != 404 {
		t.Errorf("unknown hook: %d", code)
	}
}

func TestInventoryHook(t *testing.T) {
	f := newFixture(t)
	var inv inventoryView
	if code := f.hook(t, "GET", "/_mock/inventory", "", &inv); code != 200 || len(inv.Templates) != 4 || len(inv.Devices) != 4 {
		t.Fatalf("inventory %d %+v", code, inv)
	}
	byName := map[string]deviceView{}
	for _, d := range inv.Devices {
		byName[d.Name] = d
	}
	if !byName[DeviceZoneBased].ZoneBased || !slices.Equal(byName[DeviceOritGW2].Rules, []string{RuleA, RuleB}) ||
		len(byName[DeviceFW101].Objects) != 8 || len(byName[DeviceFW102].Objects) != 3 {
		t.Fatalf("devices %+v", byName)
	}
}

func TestAutoAdvance(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	f.ff.SetAutoAdvance(10 * time.Second)
	id := f.create(t, RuleRemovalPath, twoRules, s)
	f.clock.Advance(25 * time.Second)
	if got := f.read(t, KindRuleRemoval, id, s).field("status"); got[0] != StatusImplementationPlan {
		t.Fatalf("after 25s: %v", got)
	}
	f.clock.Advance(time.Hour)
	if cr, _ := f.ff.Ticket(id); cr.Status != StatusResolved {
		t.Fatalf("after an hour: %s", cr.Status)
	}
}
