package loginsightmock

import (
	"errors"
	"fmt"
)

// Bootstrap sets up the unbootstrapped node at ref (listener host:port) as the master of
// a new cluster whose admin is user, as an engineer would through the UI; the node
// starts after the start delay, as after POST /deployment/new.
func (c *Cluster) Bootstrap(ref, user, password string) error {
	if user == "" || password == "" {
		return errors.New("a user name and a password are needed")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.lookup(ref)
	if n == nil {
		return fmt.Errorf("no node %q", ref)
	}
	if !c.bootstrap(n, user, password) {
		return fmt.Errorf("node %s is already bootstrapped (state %s)", n.host, n.state)
	}
	return nil
}

// Bootstraps counts POST /deployment/new calls that bootstrapped a node.
func (c *Cluster) Bootstraps() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bootstraps
}
