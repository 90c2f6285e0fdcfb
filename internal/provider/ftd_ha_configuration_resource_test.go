package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

// ciscoSampleConfiguration is Cisco's HA sample (FTDAnsible samples/ftd_configuration/
// ha_join.yml): one interface carries the failover and the stateful failover link, under
// two names. statefulName "" leaves stateful_failover_name unset.
func ciscoSampleConfiguration(statefulName string) string {
	stateful := ""
	if statefulName != "" {
		stateful = fmt.Sprintf("  stateful_failover_name  = %q\n", statefulName)
	}
	return fmt.Sprintf(`
resource "netops_ftd_ha_configuration" "fw_a" {
  provider                = netops
  node_role               = "HA_PRIMARY"
  failover_interface      = "GigabitEthernet0/7"
  failover_name           = "failover-link"
%s  primary_failover_ipv4   = "192.168.10.1"
  secondary_failover_ipv4 = "192.168.10.2"
  netmask                 = "24"
}
`, stateful)
}

// lastHAConfigurationPut decodes the body of the last HA configuration PUT the unit received.
func lastHAConfigurationPut(srv *mock.Server) (map[string]any, error) {
	var body string
	for _, c := range srv.Calls() {
		if c.Method == http.MethodPut && strings.Contains(c.Path, "/devices/default/ha/configurations/") && c.Status == http.StatusOK {
			body = c.Body
		}
	}
	if body == "" {
		return nil, fmt.Errorf("no accepted HA configuration PUT")
	}
	var m map[string]any
	return m, json.Unmarshal([]byte(body), &m)
}

// checkSamplePut asserts the PUT had Cisco's shape: one interface, the given stateful
// name, the failover addresses on the stateful link too.
func checkSamplePut(f *ftdFixture, statefulName string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		put, err := lastHAConfigurationPut(f.primary)
		if err != nil {
			return err
		}
		link, _ := f.pair.InterfaceByHardwareName(ftdmock.Primary, "GigabitEthernet0/7")
		id := func(k string) any { m, _ := put[k].(map[string]any); return m["id"] }
		addr := func(k string) string {
			m, _ := put[k].(map[string]any)
			return fmt.Sprint(m["ipAddress"], "/", m["netmask"])
		}
		switch {
		case id("failoverInterface") != link.ID || id("statefulFailoverInterface") != link.ID:
			return fmt.Errorf("PUT links %v and %v, want both %s: %v", id("failoverInterface"), id("statefulFailoverInterface"), link.ID, put)
		case put["failoverName"] != "failover-link" || put["statefulFailoverName"] != statefulName:
			return fmt.Errorf("PUT names %v / %v, want failover-link / %s", put["failoverName"], put["statefulFailoverName"], statefulName)
		case addr("primaryStatefulFailoverIPv4") != "192.168.10.1/24" || addr("secondaryStatefulFailoverIPv4") != "192.168.10.2/24":
			return fmt.Errorf("PUT stateful addresses %s, %s", addr("primaryStatefulFailoverIPv4"), addr("secondaryStatefulFailoverIPv4"))
		}
		if got := f.pair.HAConfiguration(ftdmock.Primary).StatefulFailoverName; got != statefulName {
			return fmt.Errorf("mock holds statefulFailoverName %q", got)
		}
		return nil
	}
}

func TestAccFTDHAConfiguration_ciscoSample(t *testing.T) {
	f := newFTDFixture(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: f.providers() + ciscoSampleConfiguration("stateful-failover-link"),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkSamplePut(f, "stateful-failover-link"),
					resource.TestCheckResourceAttr("netops_ftd_ha_configuration.fw_a", "stateful_failover_name", "stateful-failover-link"),
					resource.TestCheckNoResourceAttr("netops_ftd_ha_configuration.fw_a", "stateful_failover_interface"),
				),
			},
			{
				Config:           f.providers() + ciscoSampleConfiguration("stateful-failover-link"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName:            "netops_ftd_ha_configuration.fw_a",
				ImportState:             true,
				ImportStateId:           "default",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"shared_key", "version"},
			},
			{
				// Without a name of its own the stateful link takes the failover link's, as before.
				Config: f.providers() + ciscoSampleConfiguration(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("netops_ftd_ha_configuration.fw_a", plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkSamplePut(f, "failover-link"),
					resource.TestCheckNoResourceAttr("netops_ftd_ha_configuration.fw_a", "stateful_failover_name"),
				),
			},
			{
				Config:           f.providers() + ciscoSampleConfiguration(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestAccFTDHAJoin_breakByRelease forms a pair and destroys it on an FDM 6.3 pair, which
// documents the break's clearIntfs query, and on 6.6 and 7.0, which document the
// interfaceOption body.
func TestAccFTDHAJoin_breakByRelease(t *testing.T) {
	for _, tc := range []struct {
		release     string
		query, body string
	}{
		{ftdmock.Release63, "clearIntfs=false", `{"type":"breakhastatus"}`},
		{ftdmock.Release66, "", `{"interfaceOption":"ENABLE_WITH_STANDBY_IP","type":"breakhastatus"}`},
		{ftdmock.Release70, "", `{"interfaceOption":"ENABLE_WITH_STANDBY_IP","type":"breakhastatus"}`},
	} {
		t.Run(tc.release, func(t *testing.T) {
			f := newFTDFixtureWith(t, ftdmock.Options{Release: tc.release})
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: ftdProviderFactories,
				CheckDestroy: func(*terraform.State) error {
					if err := f.checkSingle(); err != nil {
						return err
					}
					var breaks []mock.Call
					for _, srv := range []*mock.Server{f.primary, f.secondary} {
						for _, c := range srv.Calls() {
							if c.Method == http.MethodPost && strings.HasSuffix(c.Path, "/devices/default/action/ha/break") {
								breaks = append(breaks, c)
							}
						}
					}
					if len(breaks) != 1 || breaks[0].Path != "/api/fdm/latest/devices/default/action/ha/break" || breaks[0].RawQuery != tc.query || breaks[0].Body != tc.body {
						return fmt.Errorf("break requests %+v; want one with query %q and body %s", breaks, tc.query, tc.body)
					}
					for _, srv := range []*mock.Server{f.primary, f.secondary} {
						if n := srv.CountCalls(http.MethodGet, "/api/versions"); n == 0 {
							return fmt.Errorf("%s was never asked for its API versions", srv.Host())
						}
					}
					return nil
				},
				Steps: []resource.TestStep{{
					Config: f.providers() + ftdPairConfig(`  break_interface_option = "ENABLE_WITH_STANDBY_IP"`),
					Check:  func(*terraform.State) error { return f.checkFormed() },
				}},
			})
		})
	}
}

func TestAccFTDHAJoin_apiVersionNotOffered(t *testing.T) {
	f := newFTDFixtureWith(t, ftdmock.Options{Release: ftdmock.Release63})
	config := strings.Replace(f.providers(), "  ftd {\n", "  ftd {\n    api_version = \"v6\"\n", 1) + ciscoSampleConfiguration("")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: errorLike(`does not offer API version v6; it offers v1, v2`, `set ftd.api_version (NETOPS_FTD_API_VERSION)`),
		}},
	})
	if calls := f.primary.Calls(); len(calls) != 1 || calls[0].Path != "/api/versions" {
		t.Fatalf("calls %v, want only /api/versions", callPaths(calls))
	}
}
