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
	token        string // cluster node token, the key of /upgrades nodes
	ticket       *joinTicket
	readyAt      time.Time // when STARTING ends
	fullVersion  string
	trustsMaster bool
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

func (n *node) bootstrapAsMaster(r *realm) {
	n.master = n
	n.realm = r
	n.token = newUUID()
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

// lookup finds a node by listener host:port or by cluster node token. Callers hold c.mu.
func (c *Cluster) lookup(ref string) *node {
	for _, n := range c.nodes {
		if n.host == ref || (n.token != "" && n.token == ref) {
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
