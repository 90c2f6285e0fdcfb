package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// A switchover is an event: whatever the pair does afterwards, the plan stays empty and
// refreshing sends nothing that could fail.
func TestAccReliability_switchoverOutOfBand(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{})
	config := f.provider(sbcBlock{}) + sbcSwitchoverConfig("sbc-a", "drift")
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, Check: f.checkSBC(sbcmock.UnitB, 1)},
			{
				PreConfig: func() {
					f.pair.SetOutOfService(sbcmock.UnitA, true)
					f.pair.SetHAConfigured(false)
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
