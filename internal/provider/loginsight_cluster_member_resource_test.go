package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
)

func TestAccLogInsightClusterMember_twoNodes(t *testing.T) {
	f := newLIFixture(t)
	config := f.provider() + liMemberConfig("one", f.nodes[0].Host(), "") + liMemberConfig("two", f.nodes[1].Host(), "") + `
data "netops_loginsight_cluster" "c" {
  depends_on = [netops_loginsight_cluster_member.one, netops_loginsight_cluster_member.two]
}
`
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			// No API removes a node: destroy leaves both in the cluster.
			if n := len(f.workerTokens()); n != 2 {
				return fmt.Errorf("the cluster holds %d workers after destroy, want 2", n)
			}
			return noSpecRefusals(f)
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						if n := len(f.workerTokens()); n != 2 || f.approvals() != 2 {
							return fmt.Errorf("mock: %d workers, %d approvals; want 2 and 2", n, f.approvals())
						}
						return nil
					},
					resource.TestCheckTypeSetElemAttrPair("data.netops_loginsight_cluster.c", "nodes.*.token", "netops_loginsight_cluster_member.one", "id"),
					resource.TestCheckTypeSetElemAttrPair("data.netops_loginsight_cluster.c", "nodes.*.token", "netops_loginsight_cluster_member.two", "id"),
					resource.TestCheckResourceAttr("netops_loginsight_cluster_member.one", "worker_port", "16520"),
					resource.TestCheckResourceAttr("netops_loginsight_cluster_member.one", "status", "Connected"),
					resource.TestCheckResourceAttr("netops_loginsight_cluster_member.one", "master_fqdn", "127.0.0.1"),
					resource.TestCheckResourceAttr("netops_loginsight_cluster_member.one", "version", loginsightmock.DefaultFullVersion),
					resource.TestCheckResourceAttrSet("netops_loginsight_cluster_member.two", "id"),
					resource.TestCheckResourceAttr("data.netops_loginsight_cluster.c", "nodes.#", "3"),
					resource.TestCheckResourceAttr("data.netops_loginsight_cluster.c", "stable", "true"),
					resource.TestCheckResourceAttr("data.netops_loginsight_cluster.c", "full_version", loginsightmock.DefaultFullVersion),
				),
			},
			// The test framework's plans after each apply prove a re-apply plans nothing.
			{
				ResourceName: "netops_loginsight_cluster_member.one",
				ImportState:  true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return f.nodes[0].Host() + "," + s.RootModule().Resources["netops_loginsight_cluster_member.one"].Primary.ID, nil
				},
				ImportStateVerify: true,
				// The join's answer is not readable later; see the resource docs.
				ImportStateVerifyIgnore: []string{"master_fqdn", "master_address", "master_ui_port", "worker_port", "hostname", "status", "accept_cert", "timeouts"},
			},
		},
	})
	if f.joinPosts() != 2 {
		t.Fatalf("the nodes received %d join requests, want 2", f.joinPosts())
	}
}

func TestLogInsightClusterMember_untrustedCertificate(t *testing.T) {
	f := newLIFixture(t)
	if err := f.cluster.SetTrustsMaster(f.nodes[0].Host(), false); err != nil {
		t.Fatal(err)
	}
	t.Parallel()
	expectApplyError(t, f.provider()+liMemberConfig("one", f.nodes[0].Host(), ""),
		errorLike(`The new node does not trust the master's certificate`, `495`, `SSL_CERTIFICATE_ERROR`, `set accept_cert = true`))
	applyAndCheck(t, f.provider()+liMemberConfig("one", f.nodes[0].Host(), "  accept_cert = true"),
		resource.TestCheckResourceAttr("netops_loginsight_cluster_member.one", "accept_cert", "true"))
	if f.approvals() != 1 {
		t.Fatalf("%d approvals, want 1 (none for the refused join)", f.approvals())
	}
}

func TestAccLogInsightClusterMember_removedOutsideTerraform(t *testing.T) {
	f := newLIFixture(t)
	config := f.provider() + liMemberConfig("one", f.nodes[0].Host(), "")
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					if err := f.cluster.RemoveNode(f.nodes[0].Host()); err != nil {
						t.Fatal(err)
					}
				},
				Config:             config,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				// The removed node cannot rejoin: the recreate meets the device's 409.
				Config:      config,
				ExpectError: errorLike(`The node is already bootstrapped`, `409`, `terraform import`),
			},
		},
	})
}

func TestLogInsightClusterMember_sessionExpiresDuringCreate(t *testing.T) {
	f := newLIFixture(t)
	t.Parallel()
	// The session expires (440) right after the approval, before the membership read.
	f.cluster.ExpireSessionsAfter(1)
	applyAndCheck(t, f.provider()+liMemberConfig("one", f.nodes[0].Host(), ""), func(*terraform.State) error {
		// The create logs in once, and once more after the 440.
		if got := f.cluster.Logins(); got != 2 {
			return fmt.Errorf("%d logins, want 2 (create, one re-login after the 440)", got)
		}
		return nil
	})
}

func TestLogInsightClusterMember_waitUntilStartedRetried(t *testing.T) {
	f := newLIFixture(t)
	if err := f.cluster.FailWaitUntilStarted(2, loginsightmock.FailStatus500); err != nil {
		t.Fatal(err)
	}
	t.Parallel()
	applyAndCheck(t, f.provider()+liMemberConfig("one", f.nodes[0].Host(), ""), resource.TestCheckResourceAttr("netops_loginsight_cluster_member.one", "status", "Connected"))
	if got := f.cluster.WaitUntilStartedCalls(); got != 3 {
		t.Fatalf("%d waitUntilStarted calls, want 3 (two failures, then success)", got)
	}
}

func TestAccLogInsightClusterMember_planTimeValidation(t *testing.T) {
	t.Parallel()
	f := newLIFixture(t)
	rows := map[string]rowError{}
	for name, tc := range map[string]struct{ host, extra, want string }{
		"http node":   {"http://" + f.nodes[0].Host(), "", "uses plain http"},
		"node path":   {"https://" + f.nodes[0].Host() + "/api", "", "without path"},
		"bad port":    {"li-node:70000", "", `invalid port "70000"`},
		"master port": {f.nodes[0].Host(), "  master_port = 0", "master_port value must be between 1 and 65535"},
	} {
		rows[name] = rowError{liMemberConfig("one", tc.host, tc.extra), regexp.MustCompile(regexp.QuoteMeta(tc.want))}
	}
	expectRowErrors(t, f.provider(), rows)
	if n := len(f.master.Calls()) + len(f.nodes[0].Calls()); n != 0 {
		t.Fatalf("the mock received %d requests; validation must fail before any", n)
	}
}

func liMemberConfig(name, nodeHost, extra string) string {
	return fmt.Sprintf(`
resource "netops_loginsight_cluster_member" %q {
  node_host = %q
%s
}
`, name, nodeHost, extra)
}
