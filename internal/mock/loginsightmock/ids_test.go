package loginsightmock

import (
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Under DistinctIDs the approval's clusterNode.token, the /upgrades nodes key and the
// /cluster/nodes id of a node are three different values.
func TestDistinctIDs(t *testing.T) {
	clock := mock.NewFakeClock(time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC))
	f := newFixtureWith(t, Options{Clock: clock, DistinctIDs: true}, clock)
	session := f.login(t, f.master)
	a := f.approve(t, session, f.join(t, f.nodes[0]), true)
	token := a.ClusterNode.Token
	n := f.node(t, f.nodes[0])
	if n.Token != token || n.UpgradesKey == token || n.NodeID == token || n.UpgradesKey == n.NodeID || n.Address != "127.0.0.1" {
		t.Fatalf("node ids: %+v", n)
	}
	up := decode[struct {
		Nodes map[string]any `json:"nodes"`
	}](t, f.do(t, f.master, "GET", "/api/v2/upgrades", "", bearer(session)))
	if _, ok := up.Nodes[token]; ok {
		t.Errorf("/upgrades is keyed by the approval token: %v", up.Nodes)
	}
	if _, ok := up.Nodes[n.UpgradesKey]; !ok {
		t.Errorf("/upgrades lacks %s: %v", n.UpgradesKey, up.Nodes)
	}
	cn := decode[struct {
		Nodes []struct{ ID, IP string } `json:"nodes"`
	}](t, f.do(t, f.master, "GET", "/api/v2/cluster/nodes", "", bearer(session)))
	var ids []string
	for _, e := range cn.Nodes {
		ids = append(ids, e.ID)
	}
	if len(ids) != 2 || (ids[0] != n.NodeID && ids[1] != n.NodeID) || ids[0] == token || ids[1] == token {
		t.Errorf("/cluster/nodes ids %v, want %s and no approval token", ids, n.NodeID)
	}
	if ans := f.do(t, f.master, "GET", "/api/v2/cluster/nodes/"+n.NodeID, "", bearer(session)); ans.status != 200 {
		t.Errorf("GET cluster/nodes/{id}: %d", ans.status)
	}
	for _, ref := range []string{token, n.UpgradesKey, n.NodeID} {
		if got, ok := f.cluster.Node(ref); !ok || got.Host != f.nodes[0].Host() {
			t.Errorf("Node(%s) = %+v", ref, got)
		}
	}
	if err := f.cluster.RemoveNode(token); err != nil || len(f.cluster.Members()) != 1 {
		t.Fatalf("removal by token: %v, members %+v", err, f.cluster.Members())
	}
}

// The knob turns the setting on for later approvals; by default the three are one.
func TestDistinctIDsKnob(t *testing.T) {
	f := newFixture(t)
	session := f.login(t, f.master)
	f.approve(t, session, f.join(t, f.nodes[0]), true)
	if n := f.node(t, f.nodes[0]); n.UpgradesKey != n.Token || n.NodeID != n.Token {
		t.Fatalf("default ids differ: %+v", n)
	}
	if ans := f.do(t, f.master, "POST", "/_mock/state", `{"distinct_ids":true}`, nil); ans.status != 200 {
		t.Fatalf("knob: %d %s", ans.status, ans.raw)
	}
	f.approve(t, session, f.join(t, f.nodes[1]), true)
	if n := f.node(t, f.nodes[1]); n.UpgradesKey == n.Token || n.NodeID == n.Token {
		t.Fatalf("ids after the knob: %+v", n)
	}
}
