package loginsight_test

import (
	"net/http"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

const clusterNodesPath = "/api/v2/cluster/nodes"

func TestClusterNodes_served(t *testing.T) {
	f := newLICluster(t)
	nodes, ok, err := f.masterClient(t).ClusterNodes(t.Context())
	if err != nil || !ok {
		t.Fatalf("ok %v, err %v", ok, err)
	}
	master := f.cluster.Members()[0]
	if len(nodes) != 1 || nodes[0].Key() != master.Token || !nodes[0].IsPrimary || nodes[0].IP != "127.0.0.1" {
		t.Errorf("nodes %+v, want the master %s", nodes, master.Token)
	}
}

// The endpoint is undocumented: a master answering 404 reports ok == false
// without an error; any other refusal is an error.
func TestClusterNodes_notServed(t *testing.T) {
	f := newLICluster(t)
	c := f.masterClient(t)
	f.master.Inject(mock.Fault{Method: http.MethodGet, Path: clusterNodesPath, Status: http.StatusNotFound, ContentType: "text/plain", Body: "Not Found"})
	nodes, ok, err := c.ClusterNodes(t.Context())
	if err != nil || ok || nodes != nil {
		t.Fatalf("nodes %+v, ok %v, err %v", nodes, ok, err)
	}
	if n := f.master.CountCalls("GET", clusterNodesPath); n != 1 {
		t.Errorf("%d calls", n)
	}

	f.master.Inject(mock.Fault{Method: http.MethodGet, Path: clusterNodesPath, Status: http.StatusInternalServerError, ContentType: "application/json", Body: `{"errorMessage":"boom"}`})
	_, ok, err = c.ClusterNodes(t.Context())
	if ok || transport.StatusOf(err) != http.StatusInternalServerError {
		t.Errorf("ok %v, err %v", ok, err)
	}
}
