package loginsightmock

import (
	"net/http"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

type upgradesResponse struct {
	Version     string                 `json:"version"`
	FullVersion string                 `json:"fullVersion"`
	Stable      bool                   `json:"stable"`
	Nodes       map[string]nodeVersion `json:"nodes"`
}

type nodeVersion struct {
	Version     string `json:"version"`
	FullVersion string `json:"fullVersion"`
}

// upgrades answers GET /upgrades: the documented membership proxy, its nodes
// keyed by cluster node token (loginsight.md section 4). The cluster is not
// stable while a member is still starting.
func (h nodeHandler) upgrades(w http.ResponseWriter, _ *http.Request, _ request) {
	c := h.c
	c.mu.Lock()
	c.settle()
	members := c.members(h.n)
	head := members[0]
	resp := upgradesResponse{Version: head.version(), FullVersion: head.fullVersion, Stable: true, Nodes: map[string]nodeVersion{}}
	for _, m := range members {
		resp.Nodes[m.upgradesKey] = nodeVersion{Version: m.version(), FullVersion: m.fullVersion}
		if m.state == StateStarting {
			resp.Stable = false
		}
	}
	c.mu.Unlock()
	mock.WriteCompactJSON(w, http.StatusOK, resp)
}

// networkNode is an item of the undocumented GET /cluster/nodes, with the
// fields one client reports (loginsight.md section 4); id is the node token
// (another id under Options.DistinctIDs).
type networkNode struct {
	ID         string `json:"id"`
	IP         string `json:"ip"`
	IsPrimary  bool   `json:"isPrimary"`
	DNSServers string `json:"dnsServers"`
	Gateway    string `json:"gateway"`
	Netmask    string `json:"netmask"`
}

func (n *node) networkNode() networkNode {
	return networkNode{
		ID:         n.nodeID,
		IP:         n.ip,
		IsPrimary:  n.isMaster(),
		DNSServers: "127.0.0.53",
		Gateway:    "127.0.0.1",
		Netmask:    "255.0.0.0",
	}
}

func (c *Cluster) networkNodes(n *node) []networkNode {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settle()
	var out []networkNode
	for _, m := range c.members(n) {
		out = append(out, m.networkNode())
	}
	return out
}

// clusterNodes answers GET /cluster/nodes.
func (h nodeHandler) clusterNodes(w http.ResponseWriter, _ *http.Request, _ request) {
	mock.WriteCompactJSON(w, http.StatusOK, map[string][]networkNode{"nodes": h.c.networkNodes(h.n)})
}

// clusterNode answers GET /cluster/nodes/{nodeToken}; a token that is not a
// member gets the bare 404.
func (h nodeHandler) clusterNode(w http.ResponseWriter, _ *http.Request, rq request) {
	for _, m := range h.c.networkNodes(h.n) {
		if m.ID == rq.arg {
			mock.WriteCompactJSON(w, http.StatusOK, m)
			return
		}
	}
	mock.WriteText(w, http.StatusNotFound, msgNotFound)
}
