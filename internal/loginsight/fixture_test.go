package loginsight_test

import (
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/loginsight"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// liCluster is a bootstrapped master and two new nodes on loopback TLS
// listeners; nodes start 100 ms after approval.
type liCluster struct {
	cluster *loginsightmock.Cluster
	master  *mock.Server
	nodes   []*mock.Server
	ca      *mock.Authority
	// specRefusalsSent counts the requests a test sends knowing the spec refuses them.
	specRefusalsSent int
}

func newLICluster(t *testing.T) *liCluster {
	t.Helper()
	return newLIClusterWith(t, loginsightmock.Options{StartDelay: 100 * time.Millisecond})
}

// newLIClusterWith serves a cluster made with opts.
func newLIClusterWith(t *testing.T, opts loginsightmock.Options) *liCluster {
	t.Helper()
	ca, err := mock.NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	cluster := loginsightmock.NewCluster(opts)
	master, nodes, err := cluster.Serve(ca, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cluster.Close)
	f := &liCluster{cluster: cluster, master: master, nodes: nodes, ca: ca}
	// Every request the client makes is one VMware's v2 spec declares, but for those a
	// test sends on purpose to see the refusal.
	t.Cleanup(func() {
		for _, r := range cluster.SpecRefusals()[min(f.specRefusalsSent, len(cluster.SpecRefusals())):] {
			t.Errorf("the mock refused %s %s (%d) under the v2 spec: %s", r.Method, r.Path, r.Status, strings.Join(r.Problems, "; "))
		}
	})
	return f
}

func (f *liCluster) config(s *mock.Server) loginsight.Config {
	return loginsight.Config{
		BaseURL:   s.URL(),
		CACertPEM: string(f.ca.CertPEM()),
		Transport: transport.Config{Retry: transport.Retry{Attempts: 2, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}},
		Polling:   transport.Polling{Min: 10 * time.Millisecond, Max: 50 * time.Millisecond},
	}
}

// masterClient logs in to the master as the admin, with the Local provider.
func (f *liCluster) masterClient(t *testing.T) *loginsight.Client {
	t.Helper()
	cfg := f.config(f.master)
	cfg.Username, cfg.Password, cfg.AuthProvider = loginsightmock.AdminUser, loginsightmock.AdminPassword, loginsightmock.AuthProvider
	return newClient(t, cfg)
}

// nodeClient talks to a new node without a session.
func (f *liCluster) nodeClient(t *testing.T, s *mock.Server) *loginsight.Client {
	t.Helper()
	return newClient(t, f.config(s))
}

// nodeClientOnClock talks to a new node and waits on clock: its sleeps advance it and
// its deadlines are measured on it.
func (f *liCluster) nodeClientOnClock(t *testing.T, s *mock.Server, clock *mock.FakeClock) *loginsight.Client {
	t.Helper()
	cfg := f.config(s)
	cfg.Polling = transport.DefaultPolling()
	cfg.Polling.Sleep, cfg.Polling.Now = clock.Sleep, clock.Now
	return newClient(t, cfg)
}

func newClient(t *testing.T, cfg loginsight.Config) *loginsight.Client {
	t.Helper()
	c, err := loginsight.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// joinMaster is the join request that names the served master.
func (f *liCluster) joinMaster(t *testing.T) loginsight.JoinRequest {
	t.Helper()
	host, port, err := net.SplitHostPort(f.master.Host())
	if err != nil {
		t.Fatal(err)
	}
	p, _ := strconv.Atoi(port)
	return loginsight.JoinRequest{MasterFQDN: host, MasterPort: p}
}

// refusal requires err to be a Log Insight refusal of status whose text holds every want.
func refusal(t *testing.T, err error, status int, want ...string) *loginsight.Error {
	t.Helper()
	var le *loginsight.Error
	if !errors.As(err, &le) {
		t.Fatalf("err = %v, want a *loginsight.Error", err)
	}
	if got := transport.StatusOf(err); got != status {
		t.Fatalf("status %d, want %d (%v)", got, status, err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%q lacks %q", err, w)
		}
	}
	return le
}

const (
	sessionsPath = "/api/v2/sessions"
	upgradesPath = "/api/v2/upgrades"
	joinPath     = "/api/v2/deployment/join"
	waitPath     = "/api/v2/deployment/waitUntilStarted"
)
