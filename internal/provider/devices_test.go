package provider

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// fleetProvider is one provider block naming both units of the fixture as devices fw_a and
// fw_b, sharing the block's credentials; managedB sets fw_b's managed.
func (f *ftdFixture) fleetProvider(host, managedB string) string {
	hostLine := ""
	if host != "" {
		hostLine = fmt.Sprintf("    host        = %q\n", host)
	}
	return fmt.Sprintf(`
provider "netops" {
  retry {
    min_backoff = "50ms"
    max_backoff = "200ms"
  }
  ftd {
%s    username    = %q
    password    = %q
    ca_cert_pem = %s
    devices = {
      fw_a = { host = %q }
      fw_b = { host = %q, managed = %s }
    }
  }
}
`, hostLine, ftdmock.Username, ftdmock.Password, heredoc(string(testAuthority(f.t).CertPEM())), f.primary.Host(), f.secondary.Host(), managedB)
}

// fleetConfigurations configures each unit's HA configuration with for_each over devices.
func fleetConfigurations(failoverName string) string {
	return fmt.Sprintf(`
locals {
  roles = { fw_a = "HA_PRIMARY", fw_b = "HA_SECONDARY" }
}

resource "netops_ftd_ha_configuration" "unit" {
  for_each                = local.roles
  device                  = each.key
  node_role               = each.value
  failover_interface      = "GigabitEthernet0/7"
  failover_name           = %q
  primary_failover_ipv4   = "192.168.77.1"
  secondary_failover_ipv4 = "192.168.77.2"
  netmask                 = "24"
  shared_key              = "Ftd#HA-Key-8824"
}

data "netops_ftd_ha_status" "b" {
  device     = "fw_b"
  depends_on = [netops_ftd_ha_configuration.unit]
}
`, failoverName)
}

// One provider block, both units as devices, for_each over them: each unit gets its own
// configuration; an unknown device fails at plan time naming
// the known ones; with managed = false a device receives nothing, its state is kept and a
// change to it fails at plan time; a unit moved from the block's host to the device of the
// same address is updated in place, not replaced.
func TestAccFTDDevices_fleet(t *testing.T) {
	f := newFTDFixture(t)
	managed := f.fleetProvider("", "true")
	frozen := f.fleetProvider("", "false")
	var callsB int
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: managed + fleetConfigurations("failover-link"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(`netops_ftd_ha_configuration.unit["fw_a"]`, tfjsonpath.New("device"), knownvalue.StringExact("fw_a")),
					statecheck.ExpectKnownValue(`netops_ftd_ha_configuration.unit["fw_b"]`, tfjsonpath.New("node_role"), knownvalue.StringExact("HA_SECONDARY")),
					statecheck.ExpectKnownValue("data.netops_ftd_ha_status.b", tfjsonpath.New("device"), knownvalue.StringExact("fw_b")),
					mockCheck(func() error {
						for unit, want := range map[ftdmock.Unit]string{ftdmock.Primary: "HA_PRIMARY", ftdmock.Secondary: "HA_SECONDARY"} {
							if got := f.pair.HAConfiguration(unit).NodeRole; got != want {
								return fmt.Errorf("the mock's unit %v has node role %q, want %q", unit, got, want)
							}
						}
						return nil
					}),
				},
			},
			{
				Config:      managed + `data "netops_ftd_ha_status" "x" { device = "fw_c" }`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Unknown FTD device.*no device "fw_c".*"fw_a", "fw_b"`),
			},
			{
				// fw_b frozen: the refresh keeps its state and sends it nothing.
				PreConfig: func() { callsB = len(f.secondary.Calls()) },
				Config:    frozen + fleetConfigurations("failover-link"),
				PlanOnly:  true,
			},
			{
				Config:      frozen + fleetConfigurations("failover-new"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)FTD device not managed.*device "fw_b".*managed = false`),
			},
			{
				// terraform-plugin-testing cannot read for_each instances from the state
				// after the last step: destroy them here.
				PreConfig: func() {
					if n := len(f.secondary.Calls()) - callsB; n != 0 {
						t.Errorf("the unmanaged unit received %d requests", n)
					}
				},
				Config: managed,
			},
		},
	})
}

// A unit moved from the block's host to a device of the same address keeps its object:
// the plan updates device in place, sending nothing; a device of another address
// replaces it; an import names the device.
func TestAccFTDDevices_moveToDevice(t *testing.T) {
	f := newFTDFixture(t)
	onHost := f.fleetProvider(f.primary.Host(), "true") + `
resource "netops_ftd_ha_configuration" "a" {
  node_role               = "HA_PRIMARY"
  failover_interface      = "GigabitEthernet0/7"
  failover_name           = "failover-link"
  primary_failover_ipv4   = "192.168.77.1"
  secondary_failover_ipv4 = "192.168.77.2"
  netmask                 = "24"
  shared_key              = "Ftd#HA-Key-8824"
%s}
`
	var puts int
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: fmt.Sprintf(onHost, "")},
			{
				PreConfig: func() { puts = countMethod(f.primary.Calls(), http.MethodPut) },
				Config:    fmt.Sprintf(onHost, `  device = "fw_a"`+"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("netops_ftd_ha_configuration.a", plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					if n := countMethod(f.primary.Calls(), http.MethodPut) - puts; n != 0 {
						return fmt.Errorf("renaming the unit sent %d PUTs", n)
					}
					return nil
				},
			},
			{
				Config: fmt.Sprintf(onHost, `  device = "fw_b"`+"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("netops_ftd_ha_configuration.a", plancheck.ResourceActionDestroyBeforeCreate),
				}},
			},
			{
				ResourceName: "netops_ftd_ha_configuration.a",
				ImportState:  true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return "fw_b/" + s.RootModule().Resources["netops_ftd_ha_configuration.a"].Primary.ID, nil
				},
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"shared_key"},
			},
		},
	})
}

// countMethod counts the calls of one method.
func countMethod(calls []mock.Call, method string) int {
	n := 0
	for _, c := range calls {
		if c.Method == method {
			n++
		}
	}
	return n
}

// mockCheck is a state check that asserts what a mock holds.
type mockCheck func() error

func (c mockCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = c()
}

// Members of two Log Insight clusters from one provider block: each member names its
// cluster's master as a device, and each master approves only its own node.
func TestAccLogInsightDevices_twoClusters(t *testing.T) {
	one, two := newLIFixture(t), newLIFixture(t)
	config := fmt.Sprintf(`
provider "netops" {
  retry {
    min_backoff = "50ms"
    max_backoff = "200ms"
  }
  loginsight {
    username    = %q
    password    = %q
    ca_cert_pem = %s
    devices = {
      one = { host = %q }
      two = { host = %q }
    }
  }
}

locals {
  members = { one = %q, two = %q }
}

resource "netops_loginsight_cluster_member" "node" {
  for_each  = local.members
  device    = each.key
  node_host = each.value
}

data "netops_loginsight_cluster" "two" {
  device     = "two"
  depends_on = [netops_loginsight_cluster_member.node]
}
`, loginsightmock.AdminUser, loginsightmock.AdminPassword, heredoc(string(testAuthority(t).CertPEM())),
		one.master.Host(), two.master.Host(), one.nodes[0].Host(), two.nodes[0].Host())
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(`netops_loginsight_cluster_member.node["one"]`, tfjsonpath.New("status"), knownvalue.StringExact("Connected")),
					statecheck.ExpectKnownValue(`netops_loginsight_cluster_member.node["two"]`, tfjsonpath.New("device"), knownvalue.StringExact("two")),
					statecheck.ExpectKnownValue("data.netops_loginsight_cluster.two", tfjsonpath.New("nodes"), knownvalue.ListSizeExact(2)),
					mockCheck(func() error {
						for name, f := range map[string]*liFixture{"one": one, "two": two} {
							if n := len(f.cluster.Members()); n != 2 {
								return fmt.Errorf("cluster %s has %d nodes, want its master and its own member", name, n)
							}
						}
						return nil
					}),
				},
			},
			{
				// terraform-plugin-testing cannot read for_each instances from the state
				// after the last step: forget them here (Log Insight cannot remove a node).
				Config: strings.SplitN(config, "locals {", 2)[0],
			},
		},
	})
}

// One appliance of a fleet that refuses the login fails only the objects on it: the
// other unit's configuration is written in the same apply, and nothing the refused login
// left behind reaches it.
func TestAccFTDDevices_oneUnitRefusesLogin(t *testing.T) {
	f := newFTDFixture(t)
	provider := strings.Replace(f.fleetProvider("", "true"), "fw_b = { host = ", `fw_b = { password = "not-the-password", host = `, 1)
	config := provider + strings.Replace(replaceProviderRef(ftdConfiguration("a", "fw_a", "HA_PRIMARY")), "resource \"netops_ftd_ha_configuration\" \"a\" {\n",
		"resource \"netops_ftd_ha_configuration\" \"a\" {\n  device = \"fw_a\"\n", 1) +
		strings.Replace(replaceProviderRef(ftdConfiguration("b", "fw_b", "HA_SECONDARY")), "resource \"netops_ftd_ha_configuration\" \"b\" {\n",
			"resource \"netops_ftd_ha_configuration\" \"b\" {\n  device = \"fw_b\"\n", 1)
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: regexp.MustCompile(`(?s)with netops_ftd_ha_configuration\.b,`),
		}},
	})
	if got := f.pair.HAConfiguration(ftdmock.Primary).NodeRole; got != "HA_PRIMARY" {
		t.Errorf("the unit that accepted its login was not configured: node role %q", got)
	}
	if got := f.pair.HAConfiguration(ftdmock.Secondary).NodeRole; got != "" {
		t.Errorf("the unit that refused the login holds node role %q", got)
	}
}

// frozenSites is one provider block naming a FireFlow server, an SBC pair and a Log
// Insight master as devices, each with managed set to managed.
func frozenSites(t *testing.T, ff *ffFixture, sbc *sbcFixture, li *liFixture, managed string) string {
	ca := heredoc(string(testAuthority(t).CertPEM()))
	return fmt.Sprintf(`
provider "netops" {
  retry {
    min_backoff = "50ms"
    max_backoff = "200ms"
  }
  fireflow {
    username    = %q
    password    = %q
    ca_cert_pem = %s
    devices     = { ff = { host = %q, managed = %s } }
  }
  sbc {
    username    = %q
    password    = %q
    ca_cert_pem = %s
    devices     = { pair = { host = %q, peer_host = %q, managed = %s } }
  }
  loginsight {
    username    = %q
    password    = %q
    ca_cert_pem = %s
    devices     = { li = { host = %q, managed = %s } }
  }
}
`, fireflowmock.Username, fireflowmock.Password, ca, ff.srv.Host(), managed,
		sbcmock.AdminUser, sbcmock.AdminPassword, ca, sbc.a.Host(), sbc.b.Host(), managed,
		loginsightmock.AdminUser, loginsightmock.AdminPassword, ca, li.master.Host(), managed)
}

// A FireFlow server (named by server), an SBC pair and a Log Insight master as devices of
// one provider block: each type works on its device and imports as <device>/<id>; frozen
// with managed = false, a refresh keeps every state and sends nothing, and a change to any
// of them fails at plan time naming its device.
func TestAccDevices_frozenSites(t *testing.T) {
	ff, sbc, li := newFFFixture(t), newSBCFixture(t, sbcmock.Options{}), newLIFixture(t)
	objects := func(subject, reason string) string {
		return strings.Replace(ffRuleRemoval, `  subject  = "test55"`, "  server   = \"ff\"\n  subject  = "+fmt.Sprintf("%q", subject), 1) +
			strings.Replace(sbcSwitchoverConfig("sbc-a", reason), "resource \"netops_sbc_switchover\" \"test\" {\n", "resource \"netops_sbc_switchover\" \"test\" {\n  device          = \"pair\"\n", 1) +
			liMemberConfig("one", li.nodes[0].Host(), `  device    = "li"`)
	}
	config := frozenSites(t, ff, sbc, li, "true") + objects("test55", "x")
	frozen := frozenSites(t, ff, sbc, li, "false")
	requests := func() int {
		return len(ff.srv.Calls()) + sbc.requests() + len(li.master.Calls()) + len(li.nodes[0].Calls())
	}
	var before int
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("netops_fireflow_rule_removal_request.rules", "server", "ff"),
					resource.TestCheckResourceAttr("netops_sbc_switchover.test", "new_active", "sbc-b"),
					resource.TestCheckResourceAttr("netops_loginsight_cluster_member.one", "status", "Connected"),
				),
			},
			{
				ResourceName: "netops_fireflow_rule_removal_request.rules",
				ImportState:  true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return "ff/" + s.RootModule().Resources["netops_fireflow_rule_removal_request.rules"].Primary.ID, nil
				},
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"due", "fields", "attachment"}, // as the type's own import case
			},
			{
				PreConfig: func() { before = requests() },
				Config:    frozen + objects("test55", "x"),
				PlanOnly:  true,
			},
			{
				Config:      frozen + objects("another subject", "y"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)device not managed.*device "ff".*device not managed.*device "pair"|(?s)device not managed.*device "pair".*device not managed.*device "ff"`),
			},
			{
				PreConfig: func() {
					if n := requests() - before; n != 0 {
						t.Errorf("the unmanaged appliances received %d requests", n)
					}
				},
				Config: config,
			},
		},
	})
}
