package loginsightmock

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// TestConcurrentJoins joins both nodes at once, each with its own login,
// approve and wait, as two resources of one apply would.
func TestConcurrentJoins(t *testing.T) {
	f := newFixtureWith(t, Options{StartDelay: 50 * time.Millisecond}, nil)
	var wg sync.WaitGroup
	tokens := make([]string, len(f.nodes))
	errs := make([]error, len(f.nodes))
	for i, node := range f.nodes {
		wg.Go(func() { tokens[i], errs[i] = f.joinFlow(t, node) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	members := f.cluster.Members()
	if len(members) != 3 || f.cluster.Logins() != 2 || len(f.cluster.Approvals()) != 2 {
		t.Fatalf("members %+v, logins %d", members, f.cluster.Logins())
	}
	for i, node := range f.nodes {
		if n := f.node(t, node); n.State != StateRunning || n.Token != tokens[i] {
			t.Errorf("node %d: %+v", i, n)
		}
	}
}

// joinFlow runs login, join, approve, wait and reads without failing the test
// from its goroutine.
func (f *fixture) joinFlow(t *testing.T, node *mock.Server) (string, error) {
	step := func(s *mock.Server, method, path, body, session string, out any) error {
		var header map[string][]string
		if session != "" {
			header = bearer(session)
		}
		ans, err := f.send(t, s, method, path, body, header)
		if err != nil {
			return err
		}
		if ans.status != 200 {
			return fmt.Errorf("%s %s: %d %s", method, path, ans.status, ans.raw)
		}
		if out == nil {
			return nil
		}
		return json.Unmarshal([]byte(ans.raw), out)
	}
	var l loginAnswer
	var tk ticket
	var a approval
	if err := step(f.master, "POST", "/api/v2/sessions", credentials(AdminUser, AdminPassword, "Local"), "", &l); err != nil {
		return "", err
	}
	if err := step(node, "POST", "/api/v2/deployment/join", f.joinBody(""), "", &tk); err != nil {
		return "", err
	}
	if err := step(f.master, "POST", "/api/v2/deployment/approve", approveBody(tk, true), l.SessionID, &a); err != nil {
		return "", err
	}
	if err := step(node, "POST", waitPath, "", "", nil); err != nil {
		return "", err
	}
	for range 3 {
		if err := step(f.master, "GET", "/api/v2/upgrades", "", l.SessionID, nil); err != nil {
			return "", err
		}
	}
	return a.ClusterNode.Token, nil
}
