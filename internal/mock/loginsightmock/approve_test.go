package loginsightmock

import (
	"testing"
	"time"
)

func TestApprove(t *testing.T) {
	f := newFixture(t)
	session := f.login(t, f.master)
	tk := f.join(t, f.nodes[0])
	a := f.approve(t, session, tk, true)
	cn := a.ClusterNode
	if a.MasterHostname != "li-master" || cn == nil || !uuidPattern.MatchString(cn.Token) || cn.Token == tk.WorkerToken ||
		cn.Hostname != "127.0.0.1" || cn.Status != "Connected" || cn.FullVersion != DefaultFullVersion {
		t.Fatalf("approve answer: %+v %+v", a, cn)
	}
	n := f.node(t, f.nodes[0])
	if n.State != StateStarting || !n.Bootstrapped || !n.Member || n.Token != cn.Token || n.WorkerToken != "" || n.MasterHost != f.master.Host() {
		t.Fatalf("node after approve: %+v", n)
	}
	f.clock.Advance(2 * time.Second)
	if n := f.node(t, f.nodes[0]); n.State != StateRunning {
		t.Fatalf("state after the start delay: %s", n.State)
	}
	if byToken, ok := f.cluster.Node(cn.Token); !ok || byToken.Host != f.nodes[0].Host() {
		t.Fatalf("lookup by token: %+v", byToken)
	}
	got := f.cluster.Approvals()
	if len(got) != 1 || got[0] != (Approval{WorkerAddress: "127.0.0.1", WorkerPort: 16520, WorkerToken: tk.WorkerToken, Approved: true, Status: 200}) {
		t.Fatalf("approvals: %+v", got)
	}
	// The master's session works on the new member.
	if ans := f.do(t, f.nodes[0], "GET", "/api/v2/upgrades", "", bearer(session)); ans.status != 200 {
		t.Fatalf("master session on the worker: %d", ans.status)
	}
}

func TestApproveDenied(t *testing.T) {
	f := newFixture(t)
	session := f.login(t, f.master)
	a := f.approve(t, session, f.join(t, f.nodes[0]), false)
	if a.MasterHostname != "li-master" || a.ClusterNode != nil {
		t.Fatalf("denial answer: %+v", a)
	}
	if n := f.node(t, f.nodes[0]); n.State != StateUnbootstrapped || n.Member || n.Token != "" {
		t.Fatalf("node after denial: %+v", n)
	}
	if len(f.cluster.Members()) != 1 {
		t.Error("a denied node became a member")
	}
	f.addWorker(t, session, f.nodes[0]) // it may ask again
	if got := f.cluster.Approvals(); len(got) != 2 || got[0].Approved || !got[1].Approved {
		t.Fatalf("approvals: %+v", got)
	}
}

func TestApproveRefused(t *testing.T) {
	f := newFixture(t)
	session := f.login(t, f.master)
	tk := f.join(t, f.nodes[0])
	approve := func(body string, header map[string][]string) answer {
		return f.do(t, f.master, "POST", "/api/v2/deployment/approve", body, header)
	}
	expectBare(t, approve(approveBody(tk, true), nil), 401, "Invalid session ID", false)

	forged := tk
	forged.WorkerToken = "0ae94cb9-550a-4c01-85b9-3b7095e92321"
	e := expectError(t, approve(approveBody(forged, true), bearer(session)), 403, "DEPLOYMENT_ERROR", "Cannot approve worker membership")
	if e.ErrorDetails["errorCode"] != "UNKNOWN_WORKER_TOKEN" {
		t.Errorf("details: %v", e.ErrorDetails)
	}
	for _, bad := range []ticket{
		{WorkerAddress: "10.0.0.124", WorkerPort: 16520, WorkerToken: tk.WorkerToken},
		{WorkerAddress: "127.0.0.1", WorkerPort: 16521, WorkerToken: tk.WorkerToken},
	} {
		e := expectError(t, approve(approveBody(bad, true), bearer(session)), 403, "DEPLOYMENT_ERROR", "Cannot approve worker membership")
		if e.ErrorDetails["errorCode"] != "WORKER_MISMATCH" {
			t.Errorf("details: %v", e.ErrorDetails)
		}
	}
	expectError(t, approve(`{"workerAddress":"127.0.0.1","workerPort":16520,"workerToken":"`+tk.WorkerToken+`"}`, bearer(session)), 400, "JSON_FORMAT_ERROR", "Invalid request body.")

	if n := f.node(t, f.nodes[0]); n.State != StateJoinRequested {
		t.Fatalf("a refused approve changed the node: %s", n.State)
	}
	f.approve(t, session, tk, true)
	expectError(t, approve(approveBody(tk, true), bearer(session)), 403, "DEPLOYMENT_ERROR", "Cannot approve worker membership")

	// Only the master approves.
	f.clock.Advance(2 * time.Second)
	tk2 := f.join(t, f.nodes[1])
	e = expectError(t, f.do(t, f.nodes[0], "POST", "/api/v2/deployment/approve", approveBody(tk2, true), bearer(session)), 403, "DEPLOYMENT_ERROR", "Cannot approve")
	if e.ErrorDetails["errorCode"] != "NOT_MASTER" {
		t.Errorf("details: %v", e.ErrorDetails)
	}

	f.cluster.ExpireSessions()
	expectBare(t, approve(approveBody(tk2, true), bearer(session)), 440, "Login Timeout", false)
	if n := f.node(t, f.nodes[1]); n.State != StateJoinRequested {
		t.Fatalf("state %s", n.State)
	}
	statuses := []int{}
	for _, a := range f.cluster.Approvals() {
		statuses = append(statuses, a.Status)
	}
	// The unauthenticated ones are not recorded, nor the one the spec check refused.
	if len(statuses) != 6 || statuses[0] != 403 || statuses[3] != 200 || statuses[5] != 403 {
		t.Errorf("recorded statuses %v", statuses)
	}
	if r := f.cluster.SpecRefusals(); len(r) != 1 || r[0].Path != "/api/v2/deployment/approve" || r[0].Problems[0] != "approved is required" {
		t.Errorf("spec refusals %+v", r)
	}
}
