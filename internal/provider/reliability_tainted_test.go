package provider

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// checkTainted asserts the resource is in state, tainted, with its remote id.
func checkTainted(addr string, id *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok || !rs.Primary.Tainted || rs.Primary.ID == "" {
			return fmt.Errorf("%s: want a tainted resource with its remote id, got %+v", addr, rs)
		}
		*id = rs.Primary.ID
		return nil
	}
}

// A Log Insight node approved by the master whose start never completes: the resource is
// tainted with the node's token, and the next apply replaces it by adopting the member.
func TestAccReliability_loginsightStartNeverCompletes(t *testing.T) {
	clock := mock.NewFakeClock(time.Now())
	f := newLIFixtureWith(t, loginsightmock.Options{Clock: clock})
	config := f.provider() + liMemberConfig("one", f.nodes[0].Host(), `
  timeouts {
    create = "2m"
  }`)
	var token string
	cliTest(t, resource.TestCase{
		PreCheck: func() { testAccPreCheck(t) },
		// The start's wait runs on the mock clock: it times out after two minutes of that
		// clock, however long the machine takes to answer.
		ProtoV6ProviderFactories: clockedProviderFactories(clock),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					f.nodes[0].Inject(mock.Fault{Method: http.MethodPost, Path: "/api/v2/deployment/waitUntilStarted", Times: 1000, Status: http.StatusInternalServerError,
						Body: `{"errorMessage":"The operation failed due to an internal error."}`, ContentType: "application/json"})
				},
				Config:      config,
				ExpectError: errorLike(`Log Insight node did not start`, `saved in the state`, `tainted`),
			},
			{
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check:              checkTainted("netops_loginsight_cluster_member.one", &token),
			},
			{
				PreConfig: f.nodes[0].ClearFaults,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("netops_loginsight_cluster_member.one", plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(s *terraform.State) error {
					if got := s.RootModule().Resources["netops_loginsight_cluster_member.one"].Primary.ID; got != token {
						return fmt.Errorf("the replacement holds token %s, want the adopted member %s", got, token)
					}
					return nil
				},
			},
		},
	})
	if n := len(f.workerTokens()); n != 1 || f.approvals() != 1 {
		t.Fatalf("mock: %d workers, %d approvals; want the one node approved once", n, f.approvals())
	}
}

// A switchover the SBC accepts but never carries out: tainted with its id; once the pair
// works again, the next apply replaces it with one more switchover.
func TestAccReliability_switchoverNeverSwapsThenReplaced(t *testing.T) {
	clock := mock.NewFakeClock(time.Now())
	f := newSBCFixture(t, sbcmock.Options{Clock: clock})
	f.pair.SetNeverSwap(true)
	config := f.provider(sbcBlock{}) + `
resource "netops_sbc_switchover" "test" {
  expected_active = "sbc-a"
  timeouts {
    create = "2m"
  }
}
`
	var id string
	cliTest(t, resource.TestCase{
		PreCheck: func() { testAccPreCheck(t) },
		// The swap's wait runs on the mock clock, as the mock's swap does.
		ProtoV6ProviderFactories: clockedProviderFactories(clock),
		Steps: []resource.TestStep{
			{Config: config, ExpectError: errorLike(`SBC switchover accepted but not verified`)},
			{
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkTainted("netops_sbc_switchover.test", &id),
					resource.TestCheckResourceAttr("netops_sbc_switchover.test", "previous_active", "sbc-a"),
					resource.TestCheckNoResourceAttr("netops_sbc_switchover.test", "new_active"),
				),
			},
			{
				PreConfig: func() { f.pair.SetNeverSwap(false) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("netops_sbc_switchover.test", plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					f.checkSBC(sbcmock.UnitB, 2),
					resource.TestCheckResourceAttr("netops_sbc_switchover.test", "new_active", "sbc-b"),
				),
			},
		},
	})
}
