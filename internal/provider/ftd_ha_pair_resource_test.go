package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

// ftdPair is a netops_ftd_ha_pair of the fixture's two units, devices fw_a and fw_b.
const ftdPair = `
resource "netops_ftd_ha_pair" "p" {
  primary_device          = "fw_a"
  secondary_device        = "fw_b"
  failover_interface      = "GigabitEthernet0/7"
  failover_name           = "failover-link"
  primary_failover_ipv4   = "192.168.77.1"
  secondary_failover_ipv4 = "192.168.77.2"
  netmask                 = "24"
  shared_key              = "Ftd#HA-Key-8824"
}
`

// The whole pair from one resource: both units configured, the primary then the
// secondary joined, active/standby in sync; import by the two device names; after a
// failover the pair plans nothing and shows the new roles; with a unit's device unmanaged
// its state is kept, nothing is sent to it and a change fails at plan time; destroy breaks
// the pair.
func TestAccFTDHAPair(t *testing.T) {
	f := newFTDFixture(t)
	config := f.fleetProvider("", "true") + ftdPair
	var callsB int
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if s := f.pair.HAStatus(ftdmock.Primary); s.NodeState != ftdmock.NodeSingle {
				return fmt.Errorf("after destroy the primary is %s, want a single node", s.NodeState)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("netops_ftd_ha_pair.p", "id", "fw_a/fw_b"),
					resource.TestCheckResourceAttr("netops_ftd_ha_pair.p", "active_device", "fw_a"),
					resource.TestCheckResourceAttr("netops_ftd_ha_pair.p", "standby_device", "fw_b"),
					resource.TestCheckResourceAttr("netops_ftd_ha_pair.p", "config_status", "IN_SYNC"),
					resource.TestCheckResourceAttrSet("netops_ftd_ha_pair.p", "secondary_join_job_id"),
					func(*terraform.State) error { return f.checkFormed() },
					func(*terraform.State) error {
						for unit, want := range map[ftdmock.Unit]string{ftdmock.Primary: "HA_PRIMARY", ftdmock.Secondary: "HA_SECONDARY"} {
							if got := f.pair.HAConfiguration(unit).NodeRole; got != want {
								return fmt.Errorf("unit %v has node role %q, want %q", unit, got, want)
							}
						}
						return nil
					},
				),
			},
			{
				ResourceName:            "netops_ftd_ha_pair.p",
				ImportState:             true,
				ImportStateId:           "fw_a/fw_b",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"shared_key", "timeouts"},
			},
			{
				// The primary fails and the secondary takes over: operational state, no plan.
				PreConfig: func() {
					if err := f.pair.FailUnit(ftdmock.Primary); err != nil {
						t.Fatal(err)
					}
				},
				RefreshState: true,
				Check:        resource.TestCheckResourceAttr("netops_ftd_ha_pair.p", "active_device", "fw_b"),
			},
			{
				// fw_b frozen: the refresh keeps the pair's state and sends fw_b nothing.
				PreConfig: func() { callsB = len(f.secondary.Calls()) },
				Config:    f.fleetProvider("", "false") + ftdPair,
				PlanOnly:  true,
			},
			{
				Config:      f.fleetProvider("", "false") + strings.Replace(ftdPair, `"failover-link"`, `"failover-new"`, 1),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)FTD device not managed.*device "fw_b"`),
			},
			{
				PreConfig: func() {
					if n := len(f.secondary.Calls()) - callsB; n != 0 {
						t.Errorf("the unmanaged unit received %d requests", n)
					}
				},
				Config:      f.fleetProvider("", "true") + regexp.MustCompile(`"fw_b"`).ReplaceAllString(ftdPair, `"fw_a"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Same device for both units`),
			},
			{Config: config, PlanOnly: true},
		},
	})
}
