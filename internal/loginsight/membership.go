package loginsight

import (
	"context"
	"net/http"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// NodeVersion is an entry of the upgrades `nodes` map.
type NodeVersion struct {
	Version     string `json:"version"`
	FullVersion string `json:"fullVersion"`
}

// Upgrades is GET /upgrades: the cluster's version and its nodes keyed by node token.
type Upgrades struct {
	Version     string                 `json:"version"`
	FullVersion string                 `json:"fullVersion"`
	Stable      bool                   `json:"stable"`
	Nodes       map[string]NodeVersion `json:"nodes"`
}

// Upgrades reads the cluster's version and membership from the master.
func (c *Client) Upgrades(ctx context.Context) (*Upgrades, error) {
	var u Upgrades
	// Without its nodes map the answer says nothing about membership: never read it as empty.
	if err := c.call(ctx, transport.Call{Method: http.MethodGet, Path: "/upgrades", Out: &u}, "nodes"); err != nil {
		return nil, err
	}
	return &u, nil
}

// NodeDetail is an entry of the undocumented GET /cluster/nodes.
type NodeDetail struct {
	ID        string `json:"id"`
	Token     string `json:"token"`
	IP        string `json:"ip"`
	Hostname  string `json:"hostname"`
	Status    string `json:"status"`
	IsPrimary bool   `json:"isPrimary"`
}

// Key is the node's token, under whichever name the master used.
func (n NodeDetail) Key() string {
	if n.Token != "" {
		return n.Token
	}
	return n.ID
}

// ClusterNodes reads GET /cluster/nodes, which is undocumented: a master that does not
// serve it answers 404, reported as ok == false rather than an error.
func (c *Client) ClusterNodes(ctx context.Context) (nodes []NodeDetail, ok bool, err error) {
	var out struct {
		Nodes []NodeDetail `json:"nodes"`
	}
	_, err = c.send(ctx, transport.Call{Method: http.MethodGet, Path: "/cluster/nodes", Out: &out}, false, "nodes")
	if transport.IsNotFound(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return out.Nodes, true, nil
}
