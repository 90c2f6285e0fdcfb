package loginsightmock

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

type stateAnswer struct {
	SessionTTL            mock.Duration `json:"session_ttl"`
	ExpiredStatus         int           `json:"expired_status"`
	ExpireSessionsAfter   int           `json:"expire_sessions_after"`
	StartDelay            mock.Duration `json:"start_delay"`
	WaitTimeout           mock.Duration `json:"wait_timeout"`
	WaitFailures          int           `json:"wait_failures"`
	WaitFailMode          string        `json:"wait_fail_mode"`
	RepeatJoinSameTicket  bool          `json:"repeat_join_same_ticket"`
	Release               string        `json:"release"`
	SpecOnly              bool          `json:"spec_only"`
	EmptyObjectAnswers    bool          `json:"empty_object_answers"`
	UnreachableNTPServers []string      `json:"unreachable_ntp_servers"`
	TimeConfigs           int           `json:"time_configs"`
	TimeTests             int           `json:"time_tests"`
	SpecRefusals          []SpecRefusal `json:"spec_refusals"`
	Logins                int           `json:"logins"`
	LoginFailures         int           `json:"login_failures"`
	LiveSessions          int           `json:"live_sessions"`
	WaitUntilStartedCalls int           `json:"wait_until_started_calls"`
	HeldWaits             int           `json:"held_waits"`
	Approvals             []Approval    `json:"approvals"`
	Members               []string      `json:"members"`
	Nodes                 []struct {
		Name         string `json:"name"`
		Host         string `json:"host"`
		State        string `json:"state"`
		Bootstrapped bool   `json:"bootstrapped"`
		Member       bool   `json:"member"`
		Token        string `json:"token"`
		FullVersion  string `json:"full_version"`
		TrustsMaster bool   `json:"trusts_master"`
	} `json:"nodes"`
}

func (f *fixture) hook(t *testing.T, s *mock.Server, method, path, body string) (int, stateAnswer) {
	t.Helper()
	ans := f.do(t, s, method, path, body, nil)
	var st stateAnswer
	if ans.status == 200 {
		if err := json.Unmarshal([]byte(ans.raw), &st); err != nil {
			t.Fatalf("%s: %q: %v", path, ans.raw, err)
		}
	}
	return ans.status, st
}

func TestStateHook(t *testing.T) {
	f := newFixture(t)
	code, st := f.hook(t, f.master, "GET", "/_mock/state", "")
	if code != 200 || time.Duration(st.SessionTTL) != 1800*time.Second || st.ExpiredStatus != 440 || time.Duration(st.StartDelay) != 2*time.Second ||
		time.Duration(st.WaitTimeout) != 30*time.Second || st.WaitFailMode != "500" || len(st.Nodes) != 3 || len(st.Members) != 1 {
		t.Fatalf("initial state %d: %+v", code, st)
	}
	if m := st.Nodes[0]; m.Name != "li-master" || m.State != "RUNNING" || !m.Bootstrapped || !m.Member || m.Token != st.Members[0] {
		t.Fatalf("master: %+v", m)
	}
	if n := st.Nodes[1]; n.Name != "li-node-1" || n.State != "UNBOOTSTRAPPED" || n.Bootstrapped || !n.TrustsMaster || n.Host != f.nodes[0].Host() {
		t.Fatalf("node 1: %+v", n)
	}

	code, st = f.hook(t, f.master, "POST", "/_mock/state", `{"node":"`+f.nodes[0].Host()+`","trusts_master":false,"full_version":"9.0.0-1",
		"session_ttl":"1m","expired_status":401,"start_delay":"500ms","wait_timeout":"5s","wait_failures":1,"wait_fail_mode":"drop","repeat_join_same_ticket":true}`)
	if code != 200 || st.Nodes[1].TrustsMaster || st.Nodes[1].FullVersion != "9.0.0-1" || !st.Nodes[2].TrustsMaster || time.Duration(st.SessionTTL) != time.Minute ||
		st.ExpiredStatus != 401 || time.Duration(st.StartDelay) != 500*time.Millisecond || time.Duration(st.WaitTimeout) != 5*time.Second ||
		st.WaitFailures != 1 || st.WaitFailMode != "drop" || !st.RepeatJoinSameTicket {
		t.Fatalf("after POST %d: %+v", code, st)
	}
	expectError(t, f.do(t, f.nodes[0], "POST", "/api/v2/deployment/join", f.joinBody(""), nil), 495, "SSL_CERTIFICATE_ERROR", "certificate")
	if _, err := f.send(t, f.nodes[0], "POST", waitPath, "", nil); err == nil {
		t.Error("wait_failures with drop did not drop")
	}
	id := f.login(t, f.master)
	f.clock.Advance(time.Minute)
	expectBare(t, f.do(t, f.master, "GET", "/api/v2/upgrades", "", bearer(id)), 401, "Invalid session ID", false)

	// Node-scoped knobs default to the receiving node.
	if code, st = f.hook(t, f.nodes[1], "POST", "/_mock/state", `{"trusts_master":false}`); code != 200 || st.Nodes[2].TrustsMaster {
		t.Fatalf("knob on the receiving node %d: %+v", code, st)
	}

	for _, bad := range []string{
		`{"sesion_ttl":"1m"}`,
		`{"expired_status":404}`,
		`{"wait_fail_mode":"slow"}`,
		`{"node":"127.0.0.1:1","trusts_master":true}`,
		`{"start_delay":"soon"}`,
		`{"wait_failures":-1}`,
		`{"full_version":""}`,
		`{"expired_status":440,"session_ttl":"-1s"}`,
	} {
		if code, _ := f.hook(t, f.master, "POST", "/_mock/state", bad); code != 400 {
			t.Errorf("%s: %d", bad, code)
		}
	}
	if _, st = f.hook(t, f.master, "GET", "/_mock/state", ""); st.ExpiredStatus != 401 {
		t.Error("a refused knob body changed the state")
	}
	if code, _ := f.hook(t, f.master, "GET", "/_mock/nothing", ""); code != 404 {
		t.Errorf("unknown hook: %d", code)
	}
	for _, c := range f.master.Calls() {
		if strings.HasPrefix(c.Path, "/_mock/") {
			t.Errorf("hook call logged: %s", c.Path)
		}
	}
}

func TestExpireSessionsHooks(t *testing.T) {
	f := newFixture(t)
	id := f.login(t, f.master)
	if ans := f.do(t, f.master, "POST", "/_mock/expire-sessions", "", nil); ans.status != 204 {
		t.Fatalf("expire-sessions: %d", ans.status)
	}
	expectBare(t, f.do(t, f.master, "GET", "/api/v2/upgrades", "", bearer(id)), 440, "Login Timeout", false)

	id = f.login(t, f.master)
	if code, st := f.hook(t, f.master, "POST", "/_mock/state", `{"expire_sessions_after":1}`); code != 200 || st.ExpireSessionsAfter != 1 || st.Logins != 2 || st.LiveSessions != 1 {
		t.Fatalf("expire_sessions_after: %d %+v", code, st)
	}
	if ans := f.do(t, f.master, "GET", "/api/v2/upgrades", "", bearer(id)); ans.status != 200 {
		t.Fatalf("first request: %d", ans.status)
	}
	expectBare(t, f.do(t, f.master, "GET", "/api/v2/upgrades", "", bearer(id)), 440, "Login Timeout", false)
}

func TestRemoveNodeHook(t *testing.T) {
	f := newFixture(t)
	session := f.login(t, f.master)
	token := f.addWorker(t, session, f.nodes[0])
	other := f.addWorker(t, session, f.nodes[1])

	code, st := f.hook(t, f.master, "POST", "/_mock/remove-node", `{"node":"`+f.nodes[0].Host()+`"}`)
	if code != 200 || len(st.Members) != 2 || st.Nodes[1].State != "REMOVED" || !st.Nodes[1].Bootstrapped || st.Nodes[1].Member {
		t.Fatalf("remove-node %d: %+v", code, st)
	}
	ups := decode[upgradesAnswer](t, f.do(t, f.master, "GET", "/api/v2/upgrades", "", bearer(session)))
	if _, ok := ups.Nodes[token]; ok || len(ups.Nodes) != 2 {
		t.Fatalf("upgrades after removal: %+v", ups)
	}
	if _, ok := ups.Nodes[other]; !ok {
		t.Fatal("the other worker went too")
	}
	if ans := f.do(t, f.master, "GET", "/api/v2/cluster/nodes/"+token, "", bearer(session)); ans.status != 404 {
		t.Fatalf("cluster/nodes/{token} after removal: %d", ans.status)
	}
	if nodes := decode[struct{ Nodes []networkAnswer }](t, f.do(t, f.master, "GET", "/api/v2/cluster/nodes", "", bearer(session))).Nodes; len(nodes) != 2 {
		t.Fatalf("cluster/nodes after removal: %+v", nodes)
	}
	// A removed node cannot join again.
	expectError(t, f.do(t, f.nodes[0], "POST", "/api/v2/deployment/join", f.joinBody(""), nil), 409, "", "bootstrapped")
	if n := f.node(t, f.nodes[0]); n.Token != token || n.State != StateRemoved {
		t.Fatalf("removed node: %+v", n)
	}

	// By token through the Go API; the master and non-members cannot be removed.
	if err := f.cluster.RemoveNode(other); err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{`{"node":"` + f.master.Host() + `"}`, `{}`, `{"node":"` + f.nodes[0].Host() + `"}`, `{"node":"nope"}`} {
		if code, _ := f.hook(t, f.master, "POST", "/_mock/remove-node", body); code != 400 {
			t.Errorf("%s: %d", body, code)
		}
	}
	if len(f.cluster.Members()) != 1 {
		t.Fatalf("members: %+v", f.cluster.Members())
	}
}
