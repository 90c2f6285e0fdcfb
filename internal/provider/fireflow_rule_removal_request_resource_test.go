package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
)

func TestAccFireFlowRuleRemovalRequest_twoRules(t *testing.T) {
	f := newFFFixture(t)
	config := f.provider() + ffRuleRemoval + `
data "netops_fireflow_change_request" "rules" {
  id   = netops_fireflow_rule_removal_request.rules.id
  kind = "rule-removal"
}
`
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if n := f.ff.TicketCount(); n != 1 {
				return fmt.Errorf("the mock holds %d tickets after destroy, want the 1 ticket left open", n)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					f.checkTicket("netops_fireflow_rule_removal_request.rules", func(cr fireflowmock.ChangeRequest) error {
						if cr.Template != ffRuleTemplate || len(cr.RuleActions) != 2 || cr.RuleActions[0].Action != "remove" ||
							strings.Join(cr.Devices, ",") != "Orit_GW2" || !strings.Contains(string(cr.Body), `"name":"devices","values":["Orit_GW2"]`) {
							return fmt.Errorf("the mock received %s", cr.Body)
						}
						return nil
					}),
					resource.TestCheckResourceAttr("netops_fireflow_rule_removal_request.rules", "status", "open"),
					resource.TestCheckResourceAttr("data.netops_fireflow_change_request.rules", "status", "open"),
					resource.TestCheckResourceAttr("data.netops_fireflow_change_request.rules", "fields.Owner.0", "secops@example.com"),
					resource.TestCheckResourceAttr("data.netops_fireflow_change_request.rules", "fields.Devices.0", "Orit_GW2"),
				),
			},
			{
				PreConfig: func() {
					for _, cr := range f.ff.Tickets() {
						if err := f.ff.SetStatus(cr.ID, fireflowmock.StatusRejected); err != nil {
							t.Fatal(err)
						}
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("netops_fireflow_rule_removal_request.rules", "status", "rejected"),
					resource.TestCheckResourceAttr("data.netops_fireflow_change_request.rules", "status", "rejected"),
				),
			},
			{
				ResourceName:            "netops_fireflow_rule_removal_request.rules",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"due", "fields", "attachment"},
			},
		},
	})
}

func TestAccFireFlowRuleRemovalRequest_goneFromFireFlow(t *testing.T) {
	f := newFFFixture(t)
	config := f.provider() + ffRuleRemoval
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				// A ticket FireFlow no longer finds (CHANGE_REQUEST_NOT_FOUND) leaves the state: the plan recreates it.
				PreConfig: func() {
					for _, cr := range f.ff.Tickets() {
						f.ff.DeleteTicket(cr.ID)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("netops_fireflow_rule_removal_request.rules", plancheck.ResourceActionCreate)},
				},
				Check: func(*terraform.State) error {
					if n := f.ff.TicketCount(); n != 1 {
						return fmt.Errorf("the mock holds %d tickets, want the 1 recreated", n)
					}
					return nil
				},
			},
		},
	})
}

func TestFireFlowRuleRemovalRequest_vendorErrors(t *testing.T) {
	t.Parallel()
	f := newFFFixture(t)
	rows := map[string]rowError{}
	for name, tc := range map[string]struct {
		config string
		want   []string
	}{
		"devices not found": {strings.Replace(ffRuleRemoval, `"Orit_GW2"`, `"GW_404"`, 1), []string{"FireFlow refused the rule removal change request", "DEVICES_NOT_FOUND: Cannot find devices: GW_404"}},
		"rules not found":   {strings.Replace(ffRuleRemoval, ffRuleB, "00000000-0000-0000-0000-000000000000", 1), []string{"00000000-0000-0000-0000-000000000000"}},
	} {
		rows[name] = rowError{tc.config, errorLike(tc.want...)}
	}
	expectRowApplyErrors(t, f.provider(), rows)
	if n := f.ff.TicketCount(); n != 0 {
		t.Fatalf("refused requests left %d tickets", n)
	}
}
