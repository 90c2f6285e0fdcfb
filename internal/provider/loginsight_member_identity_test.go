package provider

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
)

// When approve's clusterNode.token, the /upgrades key and the /cluster/nodes id differ,
// members are found by their address: create, refresh and import keep them, and only a
// node absent both ways is drift.
func TestAccLogInsightClusterMember_idMismatch(t *testing.T) {
	f := newLIFixtureWith(t, loginsightmock.Options{DistinctIDs: true})
	config := f.provider() + liMemberConfig("one", f.nodes[0].Host(), "") + liMemberConfig("two", f.nodes[1].Host(), "")
	one, two := "netops_loginsight_cluster_member.one", "netops_loginsight_cluster_member.two"
	// checkIDs asserts that state holds each node's approval token, which the cluster's reads do not use.
	checkIDs := func(s *terraform.State) error {
		for addr, host := range map[string]string{one: f.nodes[0].Host(), two: f.nodes[1].Host()} {
			n, ok := f.cluster.Node(host)
			id := s.RootModule().Resources[addr].Primary.ID
			switch {
			case !ok || !n.Member:
				return fmt.Errorf("mock: %s is not a member: %+v", host, n)
			case id != n.Token:
				return fmt.Errorf("%s: id %s, want the approval token %s", addr, id, n.Token)
			case n.UpgradesKey == n.Token || n.NodeID == n.Token:
				return fmt.Errorf("mock ids not distinct: %+v", n)
			}
		}
		return nil
	}
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkIDs,
					func(*terraform.State) error {
						if f.approvals() != 2 || f.joinPosts() != 2 {
							return fmt.Errorf("mock: %d approvals, %d joins; want 2 and 2", f.approvals(), f.joinPosts())
						}
						if f.master.CountCalls(http.MethodGet, "/api/v2/cluster/nodes") == 0 {
							return fmt.Errorf("the membership read never asked /cluster/nodes")
						}
						return nil
					},
					resource.TestCheckResourceAttr(one, "worker_address", "127.0.0.2"),
					resource.TestCheckResourceAttr(two, "worker_address", "127.0.0.3"),
					resource.TestCheckResourceAttr(one, "status", "Connected"),
				),
			},
			{
				// Refresh finds both by address: nothing to do.
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: checkIDs,
			},
			{
				ResourceName: one,
				ImportState:  true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return f.nodes[0].Host() + "," + s.RootModule().Resources[one].Primary.ID, nil
				},
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"master_fqdn", "master_address", "master_ui_port", "worker_port", "hostname", "status", "accept_cert", "timeouts"},
			},
			{
				// Removed in the UI: absent by token and by address, so one is recreated (and the
				// removed node's 409 stops the join); two stays.
				PreConfig: func() {
					if err := f.cluster.RemoveNode(f.nodes[0].Host()); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(one, plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(two, plancheck.ResourceActionNoop),
					},
				},
				ExpectError: errorLike(`The node is already bootstrapped`, `409`),
			},
		},
	})
	if f.approvals() != 2 {
		t.Fatalf("%d approvals, want 2: refresh and import must not approve again", f.approvals())
	}
}
