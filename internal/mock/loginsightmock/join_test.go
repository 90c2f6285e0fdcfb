package loginsightmock

import (
	"regexp"
	"strconv"
	"testing"
)

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestJoin(t *testing.T) {
	f := newFixture(t)
	ans := f.do(t, f.nodes[0], "POST", "/api/v2/deployment/join", f.joinBody(""), nil)
	if ans.status != 200 || ans.contentType != "application/json" {
		t.Fatalf("join: %d %q %s", ans.status, ans.contentType, ans.raw)
	}
	tk := decode[ticket](t, ans)
	if tk.MasterAddress != "127.0.0.1" || tk.MasterUIPort != 80 || tk.WorkerAddress != "127.0.0.1" || tk.WorkerPort != 16520 || !uuidPattern.MatchString(tk.WorkerToken) {
		t.Fatalf("ticket: %s", ans.raw)
	}
	n := f.node(t, f.nodes[0])
	if n.State != StateJoinRequested || n.WorkerToken != tk.WorkerToken || n.Bootstrapped || n.Member || n.Token != "" {
		t.Fatalf("node after join: %+v", n)
	}
	if len(f.cluster.Members()) != 1 {
		t.Error("a join request alone made a member")
	}
	// The master can be named by its host name, without a port.
	if ans := f.do(t, f.nodes[1], "POST", "/api/v1/deployment/join", `{"masterFQDN":"li-master"}`, nil); ans.status != 200 {
		t.Fatalf("join by host name: %d %s", ans.status, ans.raw)
	}
}

func TestJoinBadBody(t *testing.T) {
	f := newFixture(t)
	for _, body := range []string{
		``,
		`[{}]`, // the seed's curl sample
		`{}`,
		`{"masterFQDN":""}`,
		`{"masterFQDN":"127.0.0.1","masterPort":0}`,
		`{"masterFQDN":"127.0.0.1","masterPort":65536}`,
		`{"masterFQDN":"127.0.0.1","masterPort":"9543"}`,
		`{"masterFQDN":"127.0.0.1","acceptCert":"yes"}`,
	} {
		e := expectError(t, f.do(t, f.nodes[0], "POST", "/api/v2/deployment/join", body, nil), 400, "JSON_FORMAT_ERROR", "Invalid request body.")
		if e.ErrorDetails["reason"] == "" {
			t.Errorf("%s: no reason", body)
		}
	}
	if n := f.node(t, f.nodes[0]); n.State != StateUnbootstrapped {
		t.Fatalf("state %s", n.State)
	}
}

func TestJoinBootstrappedNode(t *testing.T) {
	f := newFixture(t)
	const text = "This call isn't allowed after the Operations for Logs server is bootstrapped"
	e := expectError(t, f.do(t, f.master, "POST", "/api/v2/deployment/join", f.joinBody(""), nil), 409, "", text)
	if e.ErrorMessage != text || e.ErrorDetails != nil {
		t.Errorf("409 body: %+v", e)
	}
	expectError(t, f.do(t, f.master, "POST", "/api/v1/deployment/join", f.joinBody(""), nil), 403, "", "after the Log Insight server is bootstrapped")

	first := f.join(t, f.nodes[0])
	expectError(t, f.do(t, f.nodes[0], "POST", "/api/v2/deployment/join", f.joinBody(""), nil), 409, "", text)
	f.cluster.SetRepeatJoinSameTicket(true)
	if again := f.join(t, f.nodes[0]); again != first {
		t.Fatalf("repeated join: %+v, want %+v", again, first)
	}

	f.addWorker(t, f.login(t, f.master), f.nodes[1])
	expectError(t, f.do(t, f.nodes[1], "POST", "/api/v2/deployment/join", f.joinBody(""), nil), 409, "", text)
}

func TestJoinUnknownMaster(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name, body, code string
	}{
		{"unknown host", `{"masterFQDN":"li-99.example.com"}`, "MASTER_UNREACHABLE"},
		{"host:port as FQDN", `{"masterFQDN":"` + f.master.Host() + `"}`, "MASTER_UNREACHABLE"},
		{"wrong port", `{"masterFQDN":"127.0.0.1","masterPort":1}`, "MASTER_UNREACHABLE"},
		{"unbootstrapped node", `{"masterFQDN":"127.0.0.1","masterPort":` + strconv.Itoa(port(f.nodes[1])) + `}`, "NOT_A_MASTER"},
		{"itself", `{"masterFQDN":"127.0.0.1","masterPort":` + strconv.Itoa(port(f.nodes[0])) + `}`, "MASTER_IS_SELF"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := expectError(t, f.do(t, f.nodes[0], "POST", "/api/v2/deployment/join", tc.body, nil), 403, "DEPLOYMENT_ERROR", "Error joining deployment")
			if e.ErrorDetails["errorCode"] != tc.code || e.ErrorDetails["reason"] == "" {
				t.Errorf("details: %v", e.ErrorDetails)
			}
		})
	}
	if n := f.node(t, f.nodes[0]); n.State != StateUnbootstrapped {
		t.Fatalf("state %s", n.State)
	}
}

func TestJoinUntrustedCertificate(t *testing.T) {
	f := newFixture(t)
	if !f.node(t, f.nodes[0]).TrustsMaster {
		t.Fatal("nodes should trust the master by default")
	}
	if err := f.cluster.SetTrustsMaster(f.nodes[0].Host(), false); err != nil {
		t.Fatal(err)
	}
	for _, extra := range []string{``, `,"acceptCert":false`} {
		e := expectError(t, f.do(t, f.nodes[0], "POST", "/api/v2/deployment/join", f.joinBody(extra), nil), 495, "SSL_CERTIFICATE_ERROR", "Error certificate")
		if e.ErrorDetails["reason"] == "" || e.ErrorDetails["errorCode"] == "" {
			t.Errorf("details: %v", e.ErrorDetails)
		}
	}
	if n := f.node(t, f.nodes[0]); n.State != StateUnbootstrapped {
		t.Fatalf("state after 495: %s", n.State)
	}
	ans := f.do(t, f.nodes[0], "POST", "/api/v2/deployment/join", f.joinBody(`,"acceptCert":true`), nil)
	if ans.status != 200 || f.node(t, f.nodes[0]).State != StateJoinRequested {
		t.Fatalf("join accepting the certificate: %d %s", ans.status, ans.raw)
	}
	// The other node was not touched by the knob.
	f.join(t, f.nodes[1])
	if err := f.cluster.SetTrustsMaster("127.0.0.1:1", false); err == nil {
		t.Error("unknown node accepted")
	}
}
