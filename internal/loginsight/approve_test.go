package loginsight_test

import (
	"testing"

	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
)

func TestApprove_workerBecomesMember(t *testing.T) {
	f := newLICluster(t)
	node := f.nodeClient(t, f.nodes[0])
	tk, err := node.Join(t.Context(), f.joinMaster(t))
	if err != nil {
		t.Fatal(err)
	}
	if tk.WorkerAddress != "127.0.0.1" || tk.WorkerPort != loginsightmock.WorkerPort || tk.WorkerToken == "" {
		t.Fatalf("ticket %+v", tk)
	}
	master := f.masterClient(t)
	a, err := master.Approve(t.Context(), tk, true)
	if err != nil {
		t.Fatal(err)
	}
	if a.MasterHostname != "li-master" || a.ClusterNode.Token == "" || a.ClusterNode.Hostname != tk.WorkerAddress {
		t.Errorf("approval %+v", a)
	}
	held := f.cluster.Approvals()
	if len(held) != 1 || held[0].WorkerToken != tk.WorkerToken || !held[0].Approved || held[0].WorkerPort != tk.WorkerPort || held[0].Status != 200 {
		t.Errorf("mock approvals %+v", held)
	}
	n, _ := f.cluster.Node(f.nodes[0].Host())
	if !n.Member || n.Token != a.ClusterNode.Token {
		t.Errorf("mock node %+v", n)
	}

	u, err := master.Upgrades(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := u.Nodes[a.ClusterNode.Token]; !ok || v.FullVersion != loginsightmock.DefaultFullVersion || len(u.Nodes) != 2 {
		t.Errorf("upgrades nodes %+v", u.Nodes)
	}
	// The new node's calls need no session.
	if node.Logins() != 0 || f.nodes[0].CountCalls("POST", sessionsPath) != 0 {
		t.Errorf("node client logged in %d times", node.Logins())
	}
}
