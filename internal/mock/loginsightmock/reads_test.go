package loginsightmock

import (
	"testing"
	"time"
)

type upgradesAnswer struct {
	Version     string `json:"version"`
	FullVersion string `json:"fullVersion"`
	Stable      bool   `json:"stable"`
	Nodes       map[string]struct {
		Version     string `json:"version"`
		FullVersion string `json:"fullVersion"`
	} `json:"nodes"`
}

type networkAnswer struct {
	ID         string `json:"id"`
	IP         string `json:"ip"`
	IsPrimary  bool   `json:"isPrimary"`
	DNSServers string `json:"dnsServers"`
	Gateway    string `json:"gateway"`
	Netmask    string `json:"netmask"`
}

func TestMembershipReads(t *testing.T) {
	f := newFixture(t)
	session := f.login(t, f.master)
	masterToken := f.node(t, f.master).Token
	ups := decode[upgradesAnswer](t, f.do(t, f.master, "GET", "/api/v2/upgrades", "", bearer(session)))
	if ups.Version != "8.18.0" || ups.FullVersion != DefaultFullVersion || !ups.Stable || len(ups.Nodes) != 1 || ups.Nodes[masterToken].FullVersion != DefaultFullVersion {
		t.Fatalf("lone master: %+v", ups)
	}

	a1 := f.approve(t, session, f.join(t, f.nodes[0]), true)
	a2 := f.approve(t, session, f.join(t, f.nodes[1]), true)
	ups = decode[upgradesAnswer](t, f.do(t, f.master, "GET", "/api/v2/upgrades", "", bearer(session)))
	if ups.Stable || len(ups.Nodes) != 3 {
		t.Fatalf("while the workers start: %+v", ups)
	}
	if err := f.cluster.SetFullVersion(f.nodes[1].Host(), "8.18.1-24100000"); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(2 * time.Second)
	for _, s := range append(f.nodes, f.master) { // every member answers for the cluster
		ups = decode[upgradesAnswer](t, f.do(t, s, "GET", "/api/v1/upgrades", "", bearer(session)))
		v := ups.Nodes[a2.ClusterNode.Token]
		if !ups.Stable || len(ups.Nodes) != 3 || ups.Nodes[a1.ClusterNode.Token].Version != "8.18.0" || v.Version != "8.18.1" || v.FullVersion != "8.18.1-24100000" {
			t.Fatalf("upgrades on %s: %+v", s.Host(), ups)
		}
	}

	nodes := decode[struct{ Nodes []networkAnswer }](t, f.do(t, f.master, "GET", "/api/v2/cluster/nodes", "", bearer(session))).Nodes
	if len(nodes) != 3 {
		t.Fatalf("cluster/nodes: %+v", nodes)
	}
	primaries := 0
	ids := map[string]bool{}
	for _, n := range nodes {
		ids[n.ID] = true
		if n.IsPrimary {
			primaries++
		}
		if n.IP != "127.0.0.1" || n.Netmask == "" || n.Gateway == "" || n.DNSServers == "" {
			t.Errorf("node %+v", n)
		}
	}
	if primaries != 1 || !nodes[0].IsPrimary || !ids[masterToken] || !ids[a1.ClusterNode.Token] || !ids[a2.ClusterNode.Token] {
		t.Fatalf("cluster/nodes: %+v", nodes)
	}

	one := f.do(t, f.master, "GET", "/api/v1/cluster/nodes/"+a1.ClusterNode.Token, "", bearer(session))
	if n := decode[networkAnswer](t, one); one.status != 200 || n.ID != a1.ClusterNode.Token || n.IsPrimary {
		t.Fatalf("cluster/nodes/{token}: %d %s", one.status, one.raw)
	}
	if ans := f.do(t, f.master, "GET", "/api/v2/cluster/nodes/"+a1.ClusterNode.Token[:8], "", bearer(session)); ans.status != 404 || ans.raw != "Not Found" {
		t.Fatalf("unknown token: %d %q", ans.status, ans.raw)
	}
	members := f.cluster.Members()
	if len(members) != 3 || members[0].Token != masterToken || members[1].Token != a1.ClusterNode.Token || members[2].Version != "8.18.1" {
		t.Fatalf("Members(): %+v", members)
	}
}

func TestRoutingAnswers(t *testing.T) {
	f := newFixture(t)
	session := bearer(f.login(t, f.master))
	cases := []struct {
		method, path string
		status       int
	}{
		{"GET", "/api/v2/nothing", 404},
		{"GET", "/api/v3/upgrades", 404},
		{"GET", "/upgrades", 404},
		{"GET", "/api/v1/deployment/token", 404}, // VCF 9.0 (v2) only
		{"GET", "/api/v2/deployment/join", 405},
		{"POST", "/api/v2/upgrades", 405},
		{"GET", "/api/v2/deployment/token", 200},
	}
	for _, tc := range cases {
		if ans := f.do(t, f.master, tc.method, tc.path, "", session); ans.status != tc.status {
			t.Errorf("%s %s: %d %s, want %d", tc.method, tc.path, ans.status, ans.raw, tc.status)
		}
	}
	// The token call needs no session and works before bootstrap.
	if tok := decode[struct{ Token string }](t, f.do(t, f.nodes[0], "GET", "/api/v2/deployment/token", "", nil)); tok.Token == "" {
		t.Error("no token")
	}
}
