// Package loginsightmock is a stateful fake of the VMware Log Insight (VCF
// Operations for Logs) deployment and session API: one TLS listener per node,
// every node sharing one Cluster (see vendor-apis/loginsight.md). The master is
// bootstrapped when served; the other nodes start unbootstrapped.
package loginsightmock

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Credentials of the user the served master was bootstrapped with.
const (
	AdminUser     = "admin"
	AdminPassword = "Li#Admin-5826!"
	AuthProvider  = "Local"
)

// WorkerPort is the Thrift port every join ticket names (loginsight.md section 1).
const WorkerPort = 16520

// DefaultFullVersion is the build every node reports unless told otherwise.
const DefaultFullVersion = "8.18.0-24029231"

// Options configure a Cluster; zero values take the defaults.
type Options struct {
	Clock       mock.Clock    // default mock.RealClock{}
	SessionTTL  time.Duration // lifetime of sessions; default 1800s, the product's default
	StartDelay  time.Duration // STARTING to RUNNING after approve or new; default 2s
	WaitTimeout time.Duration // longest hold of one waitUntilStarted call; default 30s
	FullVersion string        // default DefaultFullVersion
	// DistinctIDs gives every node three different ids: approve's clusterNode.token,
	// its /upgrades nodes key and its /cluster/nodes id (the notes infer they are one).
	DistinctIDs bool
	// Release is the release every node runs: "" for one with the v2 API of VMware's
	// spec (8.x to 9.0), Release91 for VCF 9.1, where that API is gone.
	Release string
	// SpecOnly makes the nodes serve only what VMware's v2 spec declares: the
	// undocumented GET /cluster/nodes answers 404.
	SpecOnly bool
	// EmptyObjectAnswers makes deployment/new and waitUntilStarted answer {} (as
	// pyloginsight's mock does) instead of the empty body the spec declares.
	EmptyObjectAnswers bool
	// UnreachableNTPServers are the NTP servers POST /time/test reports failing.
	UnreachableNTPServers []string
}

// Cluster is the state every node listener shares. All methods are safe for
// concurrent use.
type Cluster struct {
	mu      sync.Mutex
	clock   mock.Clock
	nodes   []*node
	servers []*mock.Server

	sessions      map[string]*session
	sessionTTL    time.Duration
	expiredStatus int
	expireAfter   int // expire all sessions once this many more authenticated requests pass; 0 = off
	logins        int
	loginFailures int

	startDelay           time.Duration
	waitTimeout          time.Duration
	waitFailures         int
	waitFailMode         FailMode
	waitCalls            int
	holding              int
	repeatJoinSameTicket bool
	approvals            []Approval
	fullVersion          string
	distinctIDs          bool
	timeConfigs          int
	timeTests            int
	bootstraps           int
	release              string
	specOnlyNodes        bool
	emptyObjectAnswers   bool
	unreachableNTP       []string
	specRefusals         []SpecRefusal
}

// NewCluster returns a cluster with no node yet; Serve creates the nodes.
func NewCluster(opts Options) *Cluster {
	c := &Cluster{
		clock:         opts.Clock,
		sessions:      map[string]*session{},
		sessionTTL:    opts.SessionTTL,
		expiredStatus: 440,
		startDelay:    opts.StartDelay,
		waitTimeout:   opts.WaitTimeout,
		waitFailMode:  FailStatus500,
		fullVersion:   opts.FullVersion,
		distinctIDs:   opts.DistinctIDs,

		release:            opts.Release,
		specOnlyNodes:      opts.SpecOnly,
		emptyObjectAnswers: opts.EmptyObjectAnswers,
		unreachableNTP:     append([]string(nil), opts.UnreachableNTPServers...),
	}
	if c.clock == nil {
		c.clock = mock.RealClock{}
	}
	if c.sessionTTL <= 0 {
		c.sessionTTL = 1800 * time.Second
	}
	if c.startDelay <= 0 {
		c.startDelay = 2 * time.Second
	}
	if c.waitTimeout <= 0 {
		c.waitTimeout = 30 * time.Second
	}
	if c.fullVersion == "" {
		c.fullVersion = DefaultFullVersion
	}
	return c
}

// Serve starts the bootstrapped master on masterAddr and one unbootstrapped node
// per nodeAddrs entry ("" = a random loopback port); with no nodeAddrs it starts
// two nodes on random ports. A node's address in the cluster is its listener's, so
// nodes served on distinct loopback addresses (127.0.0.2:0, 127.0.0.3:0) can be told
// apart by address. It may be called once.
func (c *Cluster) Serve(ca *mock.Authority, masterAddr string, nodeAddrs ...string) (master *mock.Server, nodes []*mock.Server, err error) {
	c.mu.Lock()
	served := len(c.nodes) > 0
	c.mu.Unlock()
	if served {
		return nil, nil, errors.New("loginsightmock: Serve called twice")
	}
	if len(nodeAddrs) == 0 {
		nodeAddrs = []string{"", ""}
	}
	defer func() {
		if err != nil {
			c.Close()
		}
	}()
	master, err = c.serveNode(ca, "li-master", masterAddr, true)
	if err != nil {
		return nil, nil, err
	}
	for i, addr := range nodeAddrs {
		s, err := c.serveNode(ca, fmt.Sprintf("li-node-%d", i+1), addr, false)
		if err != nil {
			return nil, nil, err
		}
		nodes = append(nodes, s)
	}
	return master, nodes, nil
}

func (c *Cluster) serveNode(ca *mock.Authority, name, addr string, bootstrapped bool) (*mock.Server, error) {
	n := &node{name: name, state: StateUnbootstrapped, fullVersion: c.fullVersion, trustsMaster: true}
	if bootstrapped {
		n.bootstrapAsMaster(newRealm(AdminUser, AdminPassword), c.distinctIDs)
		n.state = StateRunning
	}
	s, err := ca.Serve(name, nodeHandler{c: c, n: n}.router(), addr)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	n.setAddress(s.Host())
	c.nodes = append(c.nodes, n)
	c.servers = append(c.servers, s)
	return s, nil
}

// Close stops every listener.
func (c *Cluster) Close() {
	c.mu.Lock()
	servers := c.servers
	c.servers = nil
	c.mu.Unlock()
	for _, s := range servers {
		s.Close()
	}
}
