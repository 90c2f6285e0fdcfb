package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

func TestAccFTDHAJoin_pairFormation(t *testing.T) {
	f := newFTDFixture(t)
	config := f.providers() + ftdPairConfig("") + `
data "netops_ftd_ha_status" "fw_b" {
  provider   = netopsb
  depends_on = [netops_ftd_ha_join.fw_b]
}
`
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: ftdProviderFactories,
		// Destroy breaks the pair: both units end single.
		CheckDestroy: func(*terraform.State) error { return f.checkSingle() },
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error { return f.checkFormed() },
					resource.TestCheckResourceAttr("netops_ftd_ha_join.fw_a", "state", "DEPLOYED"),
					resource.TestCheckResourceAttr("netops_ftd_ha_join.fw_a", "node_role", "HA_PRIMARY"),
					resource.TestCheckResourceAttr("netops_ftd_ha_join.fw_b", "node_state", "HA_STANDBY_NODE"),
					resource.TestCheckResourceAttr("netops_ftd_ha_join.fw_b", "config_status", "IN_SYNC"),
					resource.TestCheckResourceAttr("netops_ftd_ha_join.fw_b", "name", "join-secondary"),
					resource.TestCheckResourceAttrWith("netops_ftd_ha_join.fw_b", "end_time", positiveEpoch),
					resource.TestCheckResourceAttr("data.netops_ftd_ha_status.fw_b", "peer_node_state", "HA_ACTIVE_NODE"),
					resource.TestCheckResourceAttr("data.netops_ftd_ha_status.fw_b", "ha_health_status", "HEALTHY"),
					resource.TestCheckResourceAttr("netops_ftd_ha_configuration.fw_a", "failover_interface", "GigabitEthernet0/7"),
					func(*terraform.State) error {
						cfg := f.pair.HAConfiguration(ftdmock.Primary)
						link, _ := f.pair.InterfaceByHardwareName(ftdmock.Primary, "GigabitEthernet0/7")
						if cfg.SharedKey != "Ftd#HA-Key-8824" || cfg.FailoverInterface == nil || cfg.FailoverInterface.ID != link.ID ||
							cfg.StatefulFailoverInterface == nil || cfg.StatefulFailoverInterface.ID != link.ID {
							return fmt.Errorf("mock configuration %+v", cfg)
						}
						return nil
					},
				),
			},
			{
				// The plans after the apply (the test framework's) found nothing to do and
				// joined nothing again. Then the pair is broken outside Terraform: the break
				// cleared both units' HA configuration, restored in place, then both join again.
				PreConfig: func() {
					if f.joinJobs(ftdmock.Primary) != 1 || f.joinJobs(ftdmock.Secondary) != 1 {
						t.Fatalf("join jobs: %d and %d, want one per unit", f.joinJobs(ftdmock.Primary), f.joinJobs(ftdmock.Secondary))
					}
					if err := f.checkFormed(); err != nil {
						t.Fatal(err)
					}
					f.pair.BreakOutsideTerraform()
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("netops_ftd_ha_configuration.fw_a", plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("netops_ftd_ha_configuration.fw_b", plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("netops_ftd_ha_join.fw_a", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("netops_ftd_ha_join.fw_b", plancheck.ResourceActionCreate),
					},
				},
				Check: func(*terraform.State) error { return f.checkFormed() },
			},
			{
				ResourceName:            "netops_ftd_ha_join.fw_b",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			// The configuration's import by id: TestAccFTDHAConfiguration_ciscoSample.
		},
	})
}

func positiveEpoch(v string) error {
	if v == "-1" || v == "0" || v == "" {
		return fmt.Errorf("end_time %q is not a time", v)
	}
	return nil
}

func TestAccFTDHAJoin_deployFailedKeepsTaintedState(t *testing.T) {
	f := newFTDFixture(t)
	if err := f.pair.FailNext(ftdmock.Primary, ftdmock.OpJoin, ftdmock.Failure{
		State:           ftdmock.StateDeployFailed,
		StatusMessages:  []string{"Failover link GigabitEthernet0/7 is down"},
		CLIErrorMessage: "ERROR: failover interface not ready",
	}); err != nil {
		t.Fatal(err)
	}
	config := f.providers() + ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY") + `
resource "netops_ftd_ha_join" "fw_a" {
  provider   = netops
  depends_on = [netops_ftd_ha_configuration.fw_a]
}
`
	var jobID string
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: errorLike(`FTD HA join did not complete`, `ended DEPLOY_FAILED: Failover link GigabitEthernet0/7 is down`, `CLI error: ERROR: failover interface not ready`, `tainted`),
			},
			{
				// The failed join is in the state, tainted, with its job id and the device's messages.
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("netops_ftd_ha_join.fw_a", "state", "DEPLOY_FAILED"),
					resource.TestCheckResourceAttr("netops_ftd_ha_join.fw_a", "status_messages.0", "Failover link GigabitEthernet0/7 is down"),
					resource.TestCheckResourceAttr("netops_ftd_ha_join.fw_a", "cli_error_message", "ERROR: failover interface not ready"),
					func(s *terraform.State) error {
						rs := s.RootModule().Resources["netops_ftd_ha_join.fw_a"]
						if !rs.Primary.Tainted {
							return fmt.Errorf("the failed join is not tainted")
						}
						jobID = rs.Primary.ID
						return nil
					},
				),
			},
			{
				// The next apply replaces it and the pair's primary joins.
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("netops_ftd_ha_join.fw_a", plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.TestCheckResourceAttr("netops_ftd_ha_join.fw_a", "state", "DEPLOYED"),
			},
		},
	})
	if jobs := f.pair.Jobs(ftdmock.Primary, ftdmock.OpJoin); len(jobs) != 2 || jobs[0].State != ftdmock.StateDeployFailed || jobs[0].ID != jobID {
		t.Fatalf("mock join jobs %+v, want the failed one (%s) then the replacement", jobs, jobID)
	}
	if jobID == "" {
		t.Fatal("no job id in the state")
	}
}

func TestFTDHAJoin_refusedOnStandby(t *testing.T) {
	f := newFTDFixture(t)
	if err := f.pair.FormPair(); err != nil {
		t.Fatal(err)
	}
	jobsBefore := f.joinJobs(ftdmock.Secondary)
	t.Parallel()
	// The standby is already paired: the provider adopts its DEPLOYED join rather than joining again.
	applyAndCheck(t, f.providers()+`
resource "netops_ftd_ha_join" "fw_b" {
  provider         = netopsb
  break_on_destroy = false
}
`, resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckResourceAttr("netops_ftd_ha_join.fw_b", "state", "DEPLOYED"),
		resource.TestCheckResourceAttr("netops_ftd_ha_join.fw_b", "node_state", "HA_STANDBY_NODE"),
	))
	if n := f.secondary.CountCalls(http.MethodPost, "/api/fdm/v6/devices/default/action/ha/join"); n != 0 || f.joinJobs(ftdmock.Secondary) != jobsBefore {
		t.Fatalf("%d join POSTs to the paired standby, want 0", n)
	}
}

func TestFTDHAJoin_standbyRefusesJoinPost(t *testing.T) {
	// The standby of a pair with no join record to adopt: the device refuses the join and says why.
	f := newFTDFixture(t)
	if err := f.pair.FormPair(); err != nil {
		t.Fatal(err)
	}
	// Hide the secondary's DEPLOYED join record so that the provider has nothing to adopt.
	f.secondary.Inject(mockFault(http.MethodGet, "/api/fdm/v6/devices/default/action/ha/join", http.StatusOK, `{"items":[],"paging":{"offset":0,"limit":100,"count":0}}`))
	t.Parallel()
	expectApplyError(t, f.providers()+`resource "netops_ftd_ha_join" "fw_b" { provider = netopsb }`, errorLike(`FTD refused the HA join`, `FTD answered 422`, `This API call is not allowed on the standby unit`, `this unit is the standby of a pair`))
}

func TestFTDHAJoin_tokenExpiryDuringWait(t *testing.T) {
	for _, status := range []int{http.StatusUnauthorized, http.StatusRequestTimeout} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			f := newFTDFixture(t)
			if err := f.pair.SetExpiryStatus(status); err != nil {
				t.Fatal(err)
			}
			t.Parallel()
			go expireWhenJobRuns(f)
			applyAndCheck(t, f.providers()+ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY")+`
resource "netops_ftd_ha_join" "fw_a" {
  provider   = netops
  depends_on = [netops_ftd_ha_configuration.fw_a]
}
`, func(*terraform.State) error {
				tok := f.pair.Tokens(ftdmock.Primary)
				// One password grant for the apply and exactly one more after the expiry answer.
				if tok.PasswordGrants != 2 || tok.Live != 1 {
					return fmt.Errorf("token stats %+v: want 2 password grants, 1 live token", tok)
				}
				expired := 0
				for _, c := range f.primary.Calls() {
					if c.Status == status {
						expired++
					}
				}
				if expired != 1 {
					return fmt.Errorf("the mock answered %d %d times, want once", status, expired)
				}
				return nil
			})
		})
	}
}

func TestAccFTDHAJoin_planTimeValidation(t *testing.T) {
	t.Parallel()
	f := newFTDFixture(t)
	rows := map[string]rowError{}
	for name, tc := range map[string]struct{ config, want string }{
		"bad name": {`resource "netops_ftd_ha_join" "x" {
	  provider = netops
	  name     = "-starts-with-dash"
	}`, `must start with a letter, digit or _`},
		"long name": {`resource "netops_ftd_ha_join" "x" {
	  provider = netops
	  name     = "` + strings.Repeat("a", 129) + `"
	}`, `string length must be between 0 and 128`},
		"bad break option": {`resource "netops_ftd_ha_join" "x" {
	  provider               = netops
	  break_interface_option = "KEEP"
	}`, `value must be one of`},
		"bad ipv4":       {strings.Replace(ftdConfiguration("x", "fw_a", "HA_PRIMARY"), `"192.168.77.1"`, `"192.168.77.300"`, 1), `192.168.77.300 is not an IPv4 address`},
		"ipv6 as ipv4":   {strings.Replace(ftdConfiguration("x", "fw_a", "HA_PRIMARY"), `"192.168.77.1"`, `"2001:db8::1"`, 1), `2001:db8::1 is not an IPv4 address`},
		"bad netmask":    {strings.Replace(ftdConfiguration("x", "fw_a", "HA_PRIMARY"), `netmask                 = "24"`, `netmask = "255.0.255.0"`, 1), `255.0.255.0 is not a prefix length`},
		"semicolon name": {strings.Replace(ftdConfiguration("x", "fw_a", "HA_PRIMARY"), `"failover-link"`, `"fail;over"`, 1), `must not contain a semicolon`},
		"bad role":       {strings.Replace(ftdConfiguration("x", "fw_a", "HA_PRIMARY"), `"HA_PRIMARY"`, `"PRIMARY"`, 1), `value must be one of`},
		"half pair":      {strings.Replace(ftdConfiguration("x", "fw_a", "HA_PRIMARY"), `secondary_failover_ipv4 = "192.168.77.2"`, ``, 1), `must be set together`},
	} {
		rows[name] = rowError{tc.config, regexp.MustCompile(regexp.QuoteMeta(tc.want))}
	}
	expectRowErrors(t, f.providers(), rows)
	if n := len(f.primary.Calls()) + len(f.secondary.Calls()); n != 0 {
		t.Fatalf("the mock received %d requests; validation must fail before any", n)
	}
}

func ftdConfiguration(name, unit, role string) string {
	return fmt.Sprintf(`
resource "netops_ftd_ha_configuration" %q {
  provider                = %s
  node_role               = %q
  failover_interface      = "GigabitEthernet0/7"
  failover_name           = "failover-link"
  primary_failover_ipv4   = "192.168.77.1"
  secondary_failover_ipv4 = "192.168.77.2"
  netmask                 = "24"
  shared_key              = "Ftd#HA-Key-8824"
}
`, name, ftdUnit[unit], role)
}

// ftdPairConfig forms the pair: configuration and join on the primary, then on the secondary.
func ftdPairConfig(extraJoin string) string {
	return ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY") + ftdConfiguration("fw_b", "fw_b", "HA_SECONDARY") + fmt.Sprintf(`
resource "netops_ftd_ha_join" "fw_a" {
  provider   = netops
  name       = "join-primary"
  depends_on = [netops_ftd_ha_configuration.fw_a]
%[1]s
}

resource "netops_ftd_ha_join" "fw_b" {
  provider   = netopsb
  name       = "join-secondary"
  depends_on = [netops_ftd_ha_configuration.fw_b, netops_ftd_ha_join.fw_a]
%[1]s
}
`, extraJoin)
}

// TestFTDHAJoin_breakByRelease forms a pair and destroys it on an FDM 6.3 pair, which
// documents the break's clearIntfs query and no body, and on 6.6 and 7.0, which document
// the interfaceOption body; each on the newest version the unit lists. The 6.3 join
// takes no body, so no job name.
func TestFTDHAJoin_breakByRelease(t *testing.T) {
	for _, tc := range []struct {
		release             string
		spoken, query, body string
	}{
		{ftdmock.Release63, "v2", "clearIntfs=false", ""},
		{ftdmock.Release66, "v5", "", `{"interfaceOption":"ENABLE_WITH_STANDBY_IP","type":"breakhastatus"}`},
		{ftdmock.Release70, "v6", "", `{"interfaceOption":"ENABLE_WITH_STANDBY_IP","type":"breakhastatus"}`},
	} {
		t.Run(tc.release, func(t *testing.T) {
			t.Parallel()
			f := newFTDFixtureWith(t, ftdmock.Options{Release: tc.release})
			applyAndCheck(t, f.providers()+unnamedJoinsOn(tc.release, ftdPairConfig(`  break_interface_option = "ENABLE_WITH_STANDBY_IP"`)),
				func(*terraform.State) error { return f.checkFormed() })
			if err := f.checkSingle(); err != nil {
				t.Fatal(err)
			}
			var breaks []mock.Call
			for _, srv := range []*mock.Server{f.primary, f.secondary} {
				for _, c := range srv.Calls() {
					if c.Method == http.MethodPost && strings.HasSuffix(c.Path, "/devices/default/action/ha/break") {
						breaks = append(breaks, c)
					}
				}
			}
			if len(breaks) != 1 || breaks[0].Path != "/api/fdm/"+tc.spoken+"/devices/default/action/ha/break" || breaks[0].RawQuery != tc.query || breaks[0].Body != tc.body {
				t.Fatalf("break requests %+v; want one on %s with query %q and body %q", breaks, tc.spoken, tc.query, tc.body)
			}
			for _, srv := range []*mock.Server{f.primary, f.secondary} {
				if n := srv.CountCalls(http.MethodGet, "/api/versions"); n == 0 {
					t.Fatalf("%s was never asked for its API versions", srv.Host())
				}
			}
		})
	}
}

// unnamedJoinsOn drops the job names of a configuration for a 6.3 pair, whose join (API
// v2) takes no body.
func unnamedJoinsOn(release, config string) string {
	if release != ftdmock.Release63 {
		return config
	}
	return regexp.MustCompile(`(?m)^\s*name\s*=\s*"join-[a-z]+"\n`).ReplaceAllString(config, "")
}

func TestFTDHAJoin_apiVersionNotOffered(t *testing.T) {
	f := newFTDFixtureWith(t, ftdmock.Options{Release: ftdmock.Release63})
	config := strings.Replace(f.providers(), "  ftd {\n", "  ftd {\n    api_version = \"v6\"\n", 1) + ciscoSampleConfiguration("")
	t.Parallel()
	expectApplyError(t, config, errorLike(`does not offer API version v6; it offers v1, v2`, `set ftd.api_version (NETOPS_FTD_API_VERSION)`))
	if calls := f.primary.Calls(); len(calls) != 1 || calls[0].Path != "/api/versions" {
		t.Fatalf("calls %v, want only /api/versions", callPaths(calls))
	}
}
