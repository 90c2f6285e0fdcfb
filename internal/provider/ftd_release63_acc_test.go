package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

// An FDM 6.3 pair lists only v1 and v2 in /api/versions and may not serve the latest
// path; its v2 spec declares no body for the join and the break. The flows run with
// api_version left at latest, on units that do and do not serve /api/fdm/latest, while
// the mock holds every v2 request to Cisco's published spec: configuration, join,
// status, import, then a break with clearIntfs at destroy, and the query.
var release63Cases = []struct {
	name   string
	latest bool
}{{"latest not served", false}, {"latest served", true}}

func newRelease63Fixture(t *testing.T, latest bool) *ftdFixture {
	return newFTDFixtureWith(t, ftdmock.Options{Release: ftdmock.Release63, LatestOn63: latest, Spec: true})
}

// checkSpokenV2 requires every request the units received to be GET /api/versions or
// under /api/fdm/v2/, and none to have been refused by the spec check (422).
func (f *ftdFixture) checkSpokenV2() error {
	for _, srv := range []*mock.Server{f.primary, f.secondary} {
		for _, c := range srv.Calls() {
			if c.Path != "/api/versions" && !strings.HasPrefix(c.Path, "/api/fdm/v2/") {
				return fmt.Errorf("%s received %s %s, outside the versions it lists", srv.Host(), c.Method, c.Path)
			}
			if c.Status == http.StatusUnprocessableEntity {
				return fmt.Errorf("%s refused %s %s?%s %s", srv.Host(), c.Method, c.Path, c.RawQuery, c.Body)
			}
		}
	}
	return nil
}

func TestAccFTDRelease63_flows(t *testing.T) {
	for _, tc := range release63Cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newRelease63Fixture(t, tc.latest)
			config := f.providers() + unnamedJoinsOn(ftdmock.Release63, ftdPairConfig(`  break_interface_option = "DISABLE_INTERFACES"`)) + `
data "netops_ftd_ha_status" "fw_a" {
  provider   = netops
  depends_on = [netops_ftd_ha_join.fw_b]
}
`
			cliTest(t, resource.TestCase{
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
					if len(breaks) != 1 || breaks[0].RawQuery != "clearIntfs=true" || breaks[0].Body != "" {
						return fmt.Errorf("break requests %+v; want one with clearIntfs=true and no body", breaks)
					}
					return f.checkSpokenV2()
				},
				Steps: []resource.TestStep{
					{
						Config: config,
						Check: resource.ComposeAggregateTestCheckFunc(
							func(*terraform.State) error { return f.checkFormed() },
							resource.TestCheckResourceAttr("netops_ftd_ha_join.fw_a", "state", "DEPLOYED"),
							resource.TestCheckResourceAttr("netops_ftd_ha_join.fw_b", "node_state", "HA_STANDBY_NODE"),
							resource.TestCheckResourceAttr("data.netops_ftd_ha_status.fw_a", "node_state", "HA_ACTIVE_NODE"),
							resource.TestCheckResourceAttr("data.netops_ftd_ha_status.fw_a", "peer_node_state", "HA_STANDBY_NODE"),
							func(*terraform.State) error {
								for _, srv := range []*mock.Server{f.primary, f.secondary} {
									for _, c := range srv.Calls() {
										if c.Method == http.MethodPost && strings.HasSuffix(c.Path, "/action/ha/join") && c.Body != "" {
											return fmt.Errorf("the join carried a body: %s", c.Body)
										}
									}
								}
								return f.checkSpokenV2()
							},
						),
					},
					{
						ResourceName:            "netops_ftd_ha_join.fw_b",
						ImportState:             true,
						ImportStateVerify:       true,
						ImportStateVerifyIgnore: []string{"timeouts", "break_interface_option"},
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
		})
	}
}

// The query of a 6.3 unit's HA configuration, through the plugin protocol.
func TestFTDRelease63_query_protocol(t *testing.T) {
	t.Parallel()
	for _, tc := range release63Cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newRelease63Fixture(t, tc.latest)
			cfg := f.configurePrimary(t)
			p := f.protocolProvider(t)
			results := p.list("netops_ftd_ha_configuration", true)
			if len(results) != 1 || hasErrors(results[0].Diagnostics) {
				t.Fatalf("results %+v", results)
			}
			id := p.strings(p.identitySchema("netops_ftd_ha_configuration").ValueType(), results[0].Identity.IdentityData)
			if id["id"] != cfg.ID || id["host"] != f.primary.Host() {
				t.Fatalf("identity %v, want id %s", id, cfg.ID)
			}
			if err := f.checkSpokenV2(); err != nil {
				t.Fatal(err)
			}
		})
	}
}
