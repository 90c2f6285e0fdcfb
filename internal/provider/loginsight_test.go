package provider

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
)

// liFixture is a Log Insight master with two unbootstrapped nodes.
type liFixture struct {
	t       *testing.T
	cluster *loginsightmock.Cluster
	master  *mock.Server
	nodes   []*mock.Server
}

func newLIFixture(t *testing.T) *liFixture {
	t.Helper()
	c := loginsightmock.NewCluster(loginsightmock.Options{StartDelay: 300 * time.Millisecond})
	master, nodes, err := c.Serve(testAuthority(t), "", "", "")
	if err != nil {
		t.Fatalf("starting the Log Insight mock: %v", err)
	}
	t.Cleanup(c.Close)
	return &liFixture{t: t, cluster: c, master: master, nodes: nodes}
}

func (f *liFixture) provider() string { return providerWith(f.block()) }

// block is the provider's loginsight block for the master.
func (f *liFixture) block() string {
	return fmt.Sprintf(`
  loginsight {
    host        = %q
    username    = %q
    password    = %q
    ca_cert_pem = %s
  }
`, f.master.Host(), loginsightmock.AdminUser, loginsightmock.AdminPassword, heredoc(string(testAuthority(f.t).CertPEM())))
}

func liMemberConfig(name, nodeHost, extra string) string {
	return fmt.Sprintf(`
resource "netops_loginsight_cluster_member" %q {
  node_host = %q
%s
}
`, name, nodeHost, extra)
}

// members lists the tokens of the master's cluster, master excluded.
func (f *liFixture) workerTokens() []string {
	var out []string
	for _, n := range f.cluster.Members() {
		if !n.Master {
			out = append(out, n.Token)
		}
	}
	return out
}

func (f *liFixture) approvals() int { return len(f.cluster.Approvals()) }

func (f *liFixture) joinPosts() int {
	n := 0
	for _, s := range f.nodes {
		n += s.CountCalls(http.MethodPost, "/api/v2/deployment/join")
	}
	return n
}
