package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

// The configuration of one unit, alone: written with one PUT, updated in place, imported.
func TestAccFTDHAConfiguration_singleUnit(t *testing.T) {
	f := newFTDFixture(t)
	config := f.providers() + ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY")
	puts := func() int { return countPaths(f.primary.Calls(), http.MethodPut, "") }
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("netops_ftd_ha_configuration.fw_a", "node_role", "HA_PRIMARY"),
					resource.TestCheckResourceAttr("netops_ftd_ha_configuration.fw_a", "failover_name", "failover-link"),
					func(*terraform.State) error {
						cfg := f.pair.HAConfiguration(ftdmock.Primary)
						if cfg.NodeRole != "HA_PRIMARY" || cfg.FailoverName != "failover-link" || cfg.SharedKey != "Ftd#HA-Key-8824" {
							return fmt.Errorf("mock configuration %+v", cfg)
						}
						if n := puts(); n != 1 {
							return fmt.Errorf("%d PUTs to the primary, want 1", n)
						}
						if n := len(f.secondary.Calls()); n != 0 {
							return fmt.Errorf("the secondary saw %d requests", n)
						}
						return nil
					},
				),
			},
			{
				Config: strings.Replace(config, `"failover-link"`, `"ha-link-2"`, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("netops_ftd_ha_configuration.fw_a", plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					if cfg := f.pair.HAConfiguration(ftdmock.Primary); cfg.FailoverName != "ha-link-2" {
						return fmt.Errorf("failover name on the unit: %q", cfg.FailoverName)
					}
					if n := puts(); n != 2 {
						return fmt.Errorf("%d PUTs to the primary, want 2", n)
					}
					return nil
				},
			},
			{
				ResourceName:            "netops_ftd_ha_configuration.fw_a",
				ImportState:             true,
				ImportStateId:           "default",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"shared_key", "version"},
			},
		},
	})
}
