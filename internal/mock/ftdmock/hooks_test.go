package ftdmock

import (
	"encoding/json"
	"testing"
	"time"
)

func (f *fixture) hook(t *testing.T, u Unit, method, name, body string) (int, stateView) {
	t.Helper()
	var b any
	if body != "" {
		b = body
	}
	ans := f.do(t, u, method, "/_mock/"+name, "", b)
	var st stateView
	if ans.status == 200 {
		if err := json.Unmarshal([]byte(ans.raw), &st); err != nil {
			t.Fatalf("%s: %q: %v", name, ans.raw, err)
		}
	}
	return ans.status, st
}

func TestStateHook(t *testing.T) {
	f := newFixture(t)
	code, st := f.hook(t, Primary, "GET", "state", "")
	if code != 200 || st.Formed || st.Active != nil || len(st.Units) != 2 || st.Units[1].HAStatus.NodeState != NodeSingle ||
		time.Duration(st.Timings.JobDeploying) != 30*time.Second || st.ExpiryStatus != 401 || time.Duration(st.AccessTokenLifetime) != 30*time.Minute {
		t.Fatalf("initial state %d: %+v", code, st)
	}

	code, st = f.hook(t, Secondary, "POST", "state", `{"job_queued":"100ms","job_deploying":"200ms","negotiation":"300ms","sync":"400ms","failover_delay":"1s",
		"access_token_lifetime":"1m","refresh_token_lifetime":"2m","expiry_status":408,"join_outage":{"duration":"2s","drop":true},"pending_changes":true}`)
	if code != 200 || time.Duration(st.Timings.Sync) != 400*time.Millisecond || time.Duration(st.Timings.FailoverDelay) != time.Second ||
		st.ExpiryStatus != 408 || !st.JoinOutage.Drop || time.Duration(st.JoinOutage.Duration) != 2*time.Second ||
		!st.Units[1].PendingChanges || st.Units[0].PendingChanges || time.Duration(st.RefreshTokenLifetime) != 2*time.Minute {
		t.Fatalf("after POST %d: %+v", code, st)
	}
	if got := f.pair.Timings(); got != (Timings{100 * time.Millisecond, 200 * time.Millisecond, 300 * time.Millisecond, 400 * time.Millisecond, time.Second}) {
		t.Fatalf("Timings: %+v", got)
	}
	if tok := f.login(t, Primary); tok.ExpiresIn != 60 || tok.RefreshExpiresIn != 120 {
		t.Fatalf("token lifetimes: %+v", tok)
	}
	if code, st = f.hook(t, Primary, "POST", "state", `{"unit":"secondary","pending_changes":false}`); code != 200 || st.Units[1].PendingChanges {
		t.Fatalf("unit knob: %d %+v", code, st)
	}
	for _, bad := range []string{`{"job_duration":"1s"}`, `{"unit":"tertiary"}`, `{"expiry_status":440}`, `{"sync":"soon"}`} {
		if code, _ := f.hook(t, Primary, "POST", "state", bad); code != 400 {
			t.Errorf("%s: %d", bad, code)
		}
	}
	if f.pair.ExpiryStatus() != 408 {
		t.Fatal("a refused knob body changed the expiry status")
	}
	if code, _ := f.hook(t, Primary, "GET", "nothing", ""); code != 404 {
		t.Errorf("unknown hook: %d", code)
	}
	// Hooks are not logged; the one token call is.
	if n := len(f.srv[Primary].Calls()) + len(f.srv[Secondary].Calls()); n != 1 {
		t.Errorf("%d calls logged", n)
	}
}

func TestFailNextHook(t *testing.T) {
	f := newFixture(t)
	code, st := f.hook(t, Primary, "POST", "fail-next", `{"unit":"secondary","op":"join","state":"DEPLOY_FAILED","status_messages":["boom"],"cli_error_message":"ERROR: boom"}`)
	if code != 200 || st.Units[1].FailNext[OpJoin].CLIErrorMessage != "ERROR: boom" || len(st.Units[0].FailNext) != 0 {
		t.Fatalf("fail-next %d: %+v", code, st)
	}
	for _, bad := range []string{`{"op":"join","state":"DEPLOYED"}`, `{"op":"reset","state":"DEPLOY_FAILED"}`, `{"op":"join","state":"DEPLOY_FAILED","extra":1}`} {
		if code, _ := f.hook(t, Primary, "POST", "fail-next", bad); code != 400 {
			t.Errorf("%s: %d", bad, code)
		}
	}
	ts := f.login(t, Secondary).AccessToken
	f.configure(t, Secondary, ts, RoleSecondary)
	j := f.postJob(t, Secondary, OpJoin, ts, nil)
	f.clock.Advance(jobTime)
	if got := f.job(t, Secondary, OpJoin, ts, j.ID); got.State != StateDeployFailed || got.StatusMessages[0] != "boom" {
		t.Fatalf("job: %+v", got)
	}
}

func TestFormPairAndBreakHooks(t *testing.T) {
	f := newFixture(t)
	code, st := f.hook(t, Secondary, "POST", "form-pair", "")
	if code != 200 || !st.Formed || st.Active == nil || *st.Active != "primary" ||
		st.Units[0].HAStatus != (HAStatus{RolePrimary, NodeActive, NodeStandby, ConfigInSync, HealthHealthy}) ||
		len(st.Units[1].Jobs) != 1 || st.Units[1].Jobs[0].State != StateDeployed || st.Units[1].HAConfiguration.SharedKey != FormPairSharedKey {
		t.Fatalf("form-pair %d: %+v", code, st)
	}
	if code, _ := f.hook(t, Primary, "POST", "form-pair", ""); code != 409 {
		t.Fatalf("second form-pair: %d", code)
	}
	// A formed pair answers like one over the API.
	tp := f.login(t, Primary).AccessToken
	expectStatus(t, f.status(t, Primary, tp), RolePrimary, NodeActive, NodeStandby, ConfigInSync, HealthHealthy)
	var cfg map[string]any
	id := f.pair.HAConfiguration(Primary).ID
	f.ok(t, Primary, "GET", api("devices/default/ha/configurations/"+id), tp, nil, &cfg)
	if cfg["failoverName"] != FormPairLinkName || cfg["sharedKey"] != "*********" {
		t.Fatalf("configuration: %v", cfg)
	}

	code, st = f.hook(t, Primary, "POST", "break", "")
	if code != 200 || st.Formed || st.OutsideBreaks != 1 || st.Units[0].HAStatus.NodeState != NodeSingle || st.Units[1].HAStatus.NodeState != NodeSingle {
		t.Fatalf("break %d: %+v", code, st)
	}
}

func TestExpireTokensHook(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Secondary)
	if ans := f.do(t, Primary, "POST", "/_mock/expire-tokens", "", `{"unit":"secondary","access_only":true}`); ans.status != 204 {
		t.Fatalf("expire-tokens: %d %s", ans.status, ans.raw)
	}
	expectError(t, f.do(t, Secondary, "GET", api("devices/default/interfaces"), tok.AccessToken, nil), 401, keyGeneral, "expired")
	ans, fresh := f.grant(t, Secondary, map[string]any{"grant_type": "refresh_token", "refresh_token": tok.RefreshToken})
	if ans.status != 200 {
		t.Fatalf("refresh: %d %s", ans.status, ans.raw)
	}
	if ans := f.do(t, Secondary, "POST", "/_mock/expire-tokens", "", nil); ans.status != 204 {
		t.Fatalf("expire-tokens: %d", ans.status)
	}
	if ans, _ := f.grant(t, Secondary, map[string]any{"grant_type": "refresh_token", "refresh_token": fresh.RefreshToken}); ans.status != 400 {
		t.Fatalf("refresh after full expiry: %d %s", ans.status, ans.raw)
	}
}
