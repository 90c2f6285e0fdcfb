package loginsightmock

import (
	"errors"
	"fmt"
)

// NodeInfo is what tests can see of one node.
type NodeInfo struct {
	Name         string `json:"name"`
	Host         string `json:"host"` // listener host:port
	State        State  `json:"state"`
	Bootstrapped bool   `json:"bootstrapped"`
	Master       bool   `json:"master"`                 // bootstrapped by new (or served so)
	Member       bool   `json:"member"`                 // listed by /upgrades and /cluster/nodes
	MasterHost   string `json:"master_host,omitempty"`  // listener of its cluster's master
	Token        string `json:"token,omitempty"`        // clusterNode.token of the approval, kept after removal
	UpgradesKey  string `json:"upgrades_key,omitempty"` // key in /upgrades nodes (= Token unless ids are distinct)
	NodeID       string `json:"node_id,omitempty"`      // id in /cluster/nodes (= Token unless ids are distinct)
	Address      string `json:"address"`                // the address the cluster knows it by (its listener's)
	WorkerToken  string `json:"worker_token,omitempty"` // of the pending join request
	Version      string `json:"version"`
	FullVersion  string `json:"full_version"`
	TrustsMaster bool   `json:"trusts_master"` // false: join answers 495 unless acceptCert is true
	// TimeReference and NTPServers are the time settings of the node's cluster (of the
	// node itself before it belongs to one), as PUT /time/config left them.
	TimeReference string   `json:"time_reference,omitempty"`
	NTPServers    []string `json:"ntp_servers,omitempty"`
}

func (n *node) info() NodeInfo {
	in := NodeInfo{
		Name:         n.name,
		Host:         n.host,
		State:        n.state,
		Bootstrapped: n.bootstrapped(),
		Master:       n.isMaster(),
		Member:       n.member(),
		Token:        n.token,
		UpgradesKey:  n.upgradesKey,
		NodeID:       n.nodeID,
		Address:      n.ip,
		Version:      n.version(),
		FullVersion:  n.fullVersion,
		TrustsMaster: n.trustsMaster,
	}
	time := n
	if n.master != nil {
		in.MasterHost = n.master.host
		time = n.master
	}
	in.TimeReference, in.NTPServers = time.timeReference, append([]string(nil), time.ntpServers...)
	if n.ticket != nil {
		in.WorkerToken = n.ticket.workerToken
	}
	return in
}

// Node returns the node served at host (listener host:port) or with that
// cluster node token.
func (c *Cluster) Node(ref string) (NodeInfo, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settle()
	n := c.lookup(ref)
	if n == nil {
		return NodeInfo{}, false
	}
	return n.info(), true
}

// Nodes returns every node in the order served, the master first.
func (c *Cluster) Nodes() []NodeInfo {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settle()
	out := make([]NodeInfo, 0, len(c.nodes))
	for _, n := range c.nodes {
		out = append(out, n.info())
	}
	return out
}

// Members returns the membership of the served master's cluster, master first:
// what its /upgrades and /cluster/nodes list.
func (c *Cluster) Members() []NodeInfo {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settle()
	if len(c.nodes) == 0 {
		return nil
	}
	var out []NodeInfo
	for _, n := range c.members(c.nodes[0]) {
		out = append(out, n.info())
	}
	return out
}

// RemoveNode removes a worker from its cluster as the UI would: it leaves the
// membership, stays bootstrapped (state REMOVED) and cannot join again
// (loginsight.md section 4). ref is a listener host:port or a node token.
func (c *Cluster) RemoveNode(ref string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settle()
	n := c.lookup(ref)
	switch {
	case n == nil:
		return fmt.Errorf("no node %q", ref)
	case n.isMaster():
		return fmt.Errorf("node %s is the master; the UI removes only workers", n.host)
	case !n.member():
		return fmt.Errorf("node %s is not a cluster member (state %s)", n.host, n.state)
	}
	n.state = StateRemoved
	n.master = nil
	return nil
}

// SetTrustsMaster sets whether the node at ref trusts the master's certificate;
// when it does not, join answers 495 unless acceptCert is true. Default true.
func (c *Cluster) SetTrustsMaster(ref string, trusts bool) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.lookup(ref)
	if n == nil {
		return fmt.Errorf("no node %q", ref)
	}
	n.trustsMaster = trusts
	return nil
}

// SetFullVersion sets the build the node at ref reports, e.g. "8.18.1-24100000";
// version is the part before the dash.
func (c *Cluster) SetFullVersion(ref, fullVersion string) error {
	if fullVersion == "" {
		return errors.New("full version is empty")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.lookup(ref)
	if n == nil {
		return fmt.Errorf("no node %q", ref)
	}
	n.fullVersion = fullVersion
	return nil
}

// SetDistinctIDs chooses whether nodes approved (or bootstrapped) from now on get
// three different ids: approve's clusterNode.token, their /upgrades nodes key and
// their /cluster/nodes id. Off by default: the notes infer one value.
func (c *Cluster) SetDistinctIDs(on bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.distinctIDs = on
}

// SetRepeatJoinSameTicket chooses the undocumented answer to a repeated join
// while the first awaits approval: 409 (default) or 200 with the same ticket.
func (c *Cluster) SetRepeatJoinSameTicket(on bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.repeatJoinSameTicket = on
}
