package loginsightmock

import (
	"net"
	"strconv"
	"strings"
	"time"
)

// State is where a node stands in the deployment (loginsight.md section 7).
type State string

// Node states.
const (
	StateUnbootstrapped State = "UNBOOTSTRAPPED"
	StateJoinRequested  State = "JOIN_REQUESTED"
	StateStarting       State = "STARTING"
	StateRunning        State = "RUNNING"
	StateRemoved        State = "REMOVED"
)

type node struct {
	name string
	host string // listener host:port
	ip   string
	port int

	state        State
	master       *node  // master of the cluster it belongs to (itself for a master); nil otherwise
	realm        *realm // users and sessions it accepts; nil before bootstrap
	token        string // clusterNode.token of the approval
	upgradesKey  string // key of the node in /upgrades nodes; token unless ids are distinct
	nodeID       string // id of the node in /cluster/nodes; token unless ids are distinct
	ticket       *joinTicket
	readyAt      time.Time // when STARTING ends
	fullVersion  string
	trustsMaster bool

	timeReference string   // of a master: the cluster's time source
	ntpServers    []string // of a master, with NTP_SERVER
}

// joinTicket is what a join handed out and approve must present.
type joinTicket struct {
	workerToken string
	master      *node
}

func (n *node) setAddress(host string) {
	n.host = host
	ip, port, _ := net.SplitHostPort(host)
	n.ip = ip
	n.port, _ = strconv.Atoi(port)
}

// bootstrapAsMaster makes n the master of a new cluster. Its time comes from the ESX
// host until PUT /time/config: the notes give no default, so that one is the mock's own.
func (n *node) bootstrapAsMaster(r *realm, distinct bool) {
	n.master = n
	n.realm = r
	n.assignIDs(distinct)
	n.timeReference, n.ntpServers = TimeESXHost, nil
}

// assignIDs gives the node its cluster identity. The notes infer that approve's
// clusterNode.token, the /upgrades nodes key and the /cluster/nodes id are one value
// (loginsight.md section 3, [I]); with distinct set they are three different ones.
func (n *node) assignIDs(distinct bool) {
	n.token = newUUID()
	n.upgradesKey, n.nodeID = n.token, n.token
	if distinct {
		n.upgradesKey, n.nodeID = newUUID(), newUUID()
	}
}

// hasID reports whether ref is one of the node's cluster ids.
func (n *node) hasID(ref string) bool {
	return n.token != "" && (ref == n.token || ref == n.upgradesKey || ref == n.nodeID)
}

// bootstrapped reports whether deployment/new or an approved join happened;
// removal does not undo it (loginsight.md section 4).
func (n *node) bootstrapped() bool {
	switch n.state {
	case StateStarting, StateRunning, StateRemoved:
		return true
	}
	return false
}

// started reports whether the node serves sessions and protected calls.
func (n *node) started() bool {
	return n.state == StateRunning || n.state == StateRemoved
}

func (n *node) isMaster() bool { return n.master == n }

func (n *node) member() bool {
	return n.master != nil && (n.state == StateStarting || n.state == StateRunning)
}

func (n *node) version() string {
	v, _, _ := strings.Cut(n.fullVersion, "-")
	return v
}

// settle moves STARTING nodes whose delay has passed to RUNNING. Callers hold c.mu.
func (c *Cluster) settle() {
	now := c.clock.Now()
	for _, n := range c.nodes {
		if n.state == StateStarting && !now.Before(n.readyAt) {
			n.state = StateRunning
		}
	}
}

// members lists the nodes of n's cluster, master first; a node that belongs to
// no cluster sees only itself. Callers hold c.mu.
func (c *Cluster) members(n *node) []*node {
	if n.master == nil {
		return []*node{n}
	}
	var out []*node
	for _, m := range c.nodes {
		if m.master == n.master && m.member() {
			out = append(out, m)
		}
	}
	return out
}

// lookup finds a node by listener host:port or by any of its cluster ids. Callers hold c.mu.
func (c *Cluster) lookup(ref string) *node {
	for _, n := range c.nodes {
		if n.host == ref || n.hasID(ref) {
			return n
		}
	}
	return nil
}

// findMaster resolves the masterFQDN and masterPort of a join to a node. Every
// listener is on 127.0.0.1, so the port tells the nodes apart; without a port
// the first node with that name or address is taken. Callers hold c.mu.
func (c *Cluster) findMaster(fqdn string, port int) *node {
	for _, n := range c.nodes {
		nameMatches := strings.EqualFold(fqdn, n.name) || fqdn == n.ip || strings.EqualFold(fqdn, "localhost")
		if nameMatches && (port == 0 || port == n.port) {
			return n
		}
	}
	return nil
}
