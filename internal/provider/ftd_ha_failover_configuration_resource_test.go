package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

const ftdFailoverConfigPath = "/api/fdm/v6/devices/default/ha/failoverconfigurations/"

// ftdFailoverCriteria renders the resource on unit ("fw_a" primary, "fw_b" secondary).
func ftdFailoverCriteria(unit, peerPoll, peerHold, ifPoll, ifHold string, threshold int, failureUnit string) string {
	return fmt.Sprintf(`
resource "netops_ftd_ha_failover_configuration" %[1]q {
  provider                    = %[2]s
  peer_poll_time              = %[3]s
  peer_hold_time              = %[4]s
  interface_poll_time         = %[5]q
  interface_hold_time         = %[6]q
  interface_failure_threshold = %[7]d
  interface_failure_unit      = %[8]q
}
`, unit, ftdUnit[unit], quoteUnlessRef(peerPoll), quoteUnlessRef(peerHold), ifPoll, ifHold, threshold, failureUnit)
}

// quoteUnlessRef quotes a literal; a reference (terraform_data...) stays as it is.
func quoteUnlessRef(v string) string {
	if strings.HasPrefix(v, "terraform_data.") {
		return v
	}
	return fmt.Sprintf("%q", v)
}

// lastFailoverConfigPut decodes the last accepted failover configuration PUT.
func (f *ftdFixture) lastFailoverConfigPut(u ftdmock.Unit) (map[string]any, error) {
	var body string
	for _, c := range f.server(u).Calls() {
		if c.Method == http.MethodPut && strings.HasPrefix(c.Path, ftdFailoverConfigPath) && c.Status == http.StatusOK {
			body = c.Body
		}
	}
	if body == "" {
		return nil, fmt.Errorf("no accepted failover configuration PUT")
	}
	var m map[string]any
	return m, json.Unmarshal([]byte(body), &m)
}

func (f *ftdFixture) server(u ftdmock.Unit) *mock.Server {
	if u == ftdmock.Primary {
		return f.primary
	}
	return f.secondary
}

func failoverTime(t ftdmock.FailoverTime) string { return fmt.Sprintf("%d %s", t.Value, t.TimeUnit) }

// checkCriteria asserts what unit u holds, as "value UNIT" strings.
func (f *ftdFixture) checkCriteria(u ftdmock.Unit, peerPoll, peerHold, ifPoll, ifHold string, threshold int64, failureUnit string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		c := f.pair.FailoverConfiguration(u)
		got := []string{failoverTime(c.PeerPollTime), failoverTime(c.PeerHoldTime), failoverTime(c.InterfacePollTime), failoverTime(c.InterfaceHoldTime),
			fmt.Sprint(c.InterfaceFailureThreshold), c.InterfaceFailureUnit}
		want := []string{peerPoll, peerHold, ifPoll, ifHold, fmt.Sprint(threshold), failureUnit}
		if strings.Join(got, ", ") != strings.Join(want, ", ") {
			return fmt.Errorf("the %s holds %s, want %s", u, strings.Join(got, ", "), strings.Join(want, ", "))
		}
		return nil
	}
}

// Timers written in either unit round-trip with an empty plan; a change is an update in
// place; import by "default"; drift made in the device manager is put back; destroy
// leaves the criteria on the unit.
func TestAccFTDHAFailoverConfiguration_basic(t *testing.T) {
	f := newFTDFixture(t)
	const addr = "netops_ftd_ha_failover_configuration.fw_a"
	first := f.providers() + ftdFailoverCriteria("fw_a", "500ms", "2000ms", "1000ms", "10s", 2, "NUMBER")
	second := f.providers() + ftdFailoverCriteria("fw_a", "1s", "5s", "2s", "12s", 50, "PERCENTAGE")
	puts := func() int { return countPrefix(f.primary.Calls(), http.MethodPut, ftdFailoverConfigPath) }
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: ftdProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if n := puts(); n != 3 {
				return fmt.Errorf("%d PUTs, want 3 (create, update, drift repair): destroy must send none", n)
			}
			return f.checkCriteria(ftdmock.Primary, "1 SECONDS", "5 SECONDS", "2 SECONDS", "12 SECONDS", 50, "PERCENTAGE")(nil)
		},
		Steps: []resource.TestStep{
			{
				Config: first,
				Check: resource.ComposeAggregateTestCheckFunc(
					f.checkCriteria(ftdmock.Primary, "500 MILLISECONDS", "2 SECONDS", "1 SECONDS", "10 SECONDS", 2, "NUMBER"),
					resource.TestCheckResourceAttr(addr, "peer_hold_time", "2000ms"),
					resource.TestCheckResourceAttr(addr, "id", f.pair.FailoverConfiguration(ftdmock.Primary).ID),
					func(*terraform.State) error {
						put, err := f.lastFailoverConfigPut(ftdmock.Primary)
						if err != nil {
							return err
						}
						poll, _ := put["peerPollTime"].(map[string]any)
						if put["type"] != "hafailoverconfiguration" || poll["value"] != 500.0 || poll["timeUnit"] != "MILLISECONDS" || poll["type"] != "time" {
							return fmt.Errorf("PUT body %v", put)
						}
						if n := len(f.secondary.Calls()); n != 0 {
							return fmt.Errorf("the secondary saw %d requests", n)
						}
						return nil
					},
				),
			},
			{
				Config:           first,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: second,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: f.checkCriteria(ftdmock.Primary, "1 SECONDS", "5 SECONDS", "2 SECONDS", "12 SECONDS", 50, "PERCENTAGE"),
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateId:     "default",
				ImportStateVerify: true,
			},
			{
				PreConfig: func() {
					c := f.pair.FailoverConfiguration(ftdmock.Primary)
					c.PeerHoldTime = ftdmock.FailoverTime{Value: 30, TimeUnit: "SECONDS"}
					f.pair.SetFailoverConfiguration(ftdmock.Primary, c)
				},
				Config: second,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("peer_hold_time"), knownvalue.StringExact("5s")),
					},
				},
				Check: f.checkCriteria(ftdmock.Primary, "1 SECONDS", "5 SECONDS", "2 SECONDS", "12 SECONDS", 50, "PERCENTAGE"),
			},
		},
	})
}

// On a formed pair the active unit takes the criteria and the standby reads them; the
// standby refuses a change in FDM's words, and the FTD client, reading its HA state,
// tells the refusal of a standby.
func TestAccFTDHAFailoverConfiguration_pair(t *testing.T) {
	f := newFTDFixture(t)
	if err := f.pair.FormPair(); err != nil {
		t.Fatal(err)
	}
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: f.providers() + ftdFailoverCriteria("fw_a", "1s", "3s", "5s", "25s", 1, "NUMBER"),
				Check:  f.checkCriteria(ftdmock.Secondary, "1 SECONDS", "3 SECONDS", "5 SECONDS", "25 SECONDS", 1, "NUMBER"),
			},
			{
				Config: f.providers() + ftdFailoverCriteria("fw_a", "1s", "3s", "5s", "25s", 1, "NUMBER") +
					ftdFailoverCriteria("fw_b", "1s", "4s", "5s", "25s", 1, "NUMBER"),
				ExpectError: regexp.MustCompile(`(?s)FTD refused the failover configuration.*General: This API call is not allowed on the\s+standby unit in an HA pair\.\s+\(code notAllowedOnStandby\)\s+This\s+unit\s+is\s+the\s+standby\s+of\s+its\s+HA\s+pair\s+\(HA_STANDBY_NODE\).*Apply\s+through\s+the\s+provider\s+of\s+the\s+active\s+unit`),
			},
		},
	})
}

// A value known only at apply is still checked before anything is sent.
func TestAccFTDHAFailoverConfiguration_checkedAtApply(t *testing.T) {
	f := newFTDFixture(t)
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{{
			Config: f.providers() + `
resource "terraform_data" "hold" {
  input = "2s"
}
` + ftdFailoverCriteria("fw_a", "1s", "terraform_data.hold.output", "5s", "25s", 1, "NUMBER"),
			ExpectError: regexp.MustCompile(`Peer hold time too short`),
		}},
		CheckDestroy: func(*terraform.State) error {
			if n := countPrefix(f.primary.Calls(), http.MethodPut, ftdFailoverConfigPath); n != 0 {
				return fmt.Errorf("%d PUTs sent", n)
			}
			return nil
		},
	})
}

// FDM's validation errors come back in its words, each message with its code and field.
func TestAccFTDHAFailoverConfiguration_vendorValidation(t *testing.T) {
	f := newFTDFixture(t)
	f.primary.Inject(mockFault(http.MethodPut, ftdFailoverConfigPath+"*", http.StatusUnprocessableEntity,
		`{"error":{"severity":"ERROR","key":"Validation","messages":[{"description":"Interface hold time must be at least five times the interface poll time","code":"invalidValue","location":"interfaceHoldTime"}]}}`))
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{{
			Config:      f.providers() + ftdFailoverCriteria("fw_a", "1s", "3s", "5s", "6s", 1, "NUMBER"),
			ExpectError: regexp.MustCompile(`(?s)FTD refused the failover configuration.*422 Unprocessable Entity to PUT.*Validation: Interface\s+hold\s+time\s+must\s+be\s+at\s+least\s+five\s+times\s+the\s+interface\s+poll\s+time\s+\(code\s+invalidValue\)\s+at\s+interfaceHoldTime`),
		}},
	})
}

// Documented ranges fail the plan, before any request.
func TestFTDHAFailoverConfiguration_planValidation(t *testing.T) {
	t.Parallel()
	f := newFTDFixture(t)
	rows := map[string]rowError{}
	for i, tc := range []struct {
		config string
		want   *regexp.Regexp
	}{
		{ftdFailoverCriteria("fw_a", "150ms", "1s", "5s", "25s", 1, "NUMBER"), errorLike("Invalid failover time", "150ms", "outside 200–999 ms or 1–15 s")},
		{ftdFailoverCriteria("fw_a", "16s", "48s", "5s", "25s", 1, "NUMBER"), errorLike("Invalid failover time", "16s", "outside 200–999 ms or 1–15 s")},
		{ftdFailoverCriteria("fw_a", "1500ms", "5s", "5s", "25s", 1, "NUMBER"), errorLike("Invalid failover time", "not a whole number of seconds")},
		{ftdFailoverCriteria("fw_a", "200ms", "700ms", "5s", "25s", 1, "NUMBER"), errorLike("Invalid failover time", "700ms", "outside 800–999 ms or 1–45 s")},
		{ftdFailoverCriteria("fw_a", "1s", "46s", "5s", "25s", 1, "NUMBER"), errorLike("Invalid failover time", "outside 800–999 ms or 1–45 s")},
		{ftdFailoverCriteria("fw_a", "2s", "5s", "5s", "25s", 1, "NUMBER"), errorLike("Peer hold time too short", "at least 3 times peer_poll_time", "at least 6s")},
		{ftdFailoverCriteria("fw_a", "300ms", "800ms", "5s", "25s", 1, "NUMBER"), errorLike("Peer hold time too short", "at least 900ms")},
		{ftdFailoverCriteria("fw_a", "1s", "3s", "5 s", "25s", 1, "NUMBER"), errorLike("Invalid failover time", "whole number of milliseconds")},
		{ftdFailoverCriteria("fw_a", "1s", "3s", "5s", "1m", 1, "NUMBER"), errorLike("Invalid failover time", `"1m"`)},
		{ftdFailoverCriteria("fw_a", "1s", "3s", "5s", "25s", 0, "NUMBER"), errorLike("interface_failure_threshold", "at least 1")},
		{ftdFailoverCriteria("fw_a", "1s", "3s", "5s", "25s", 150, "PERCENTAGE"), errorLike("Percentage above 100", "at most 100, not 150")},
		{ftdFailoverCriteria("fw_a", "1s", "3s", "5s", "25s", 1, "COUNT"), errorLike("interface_failure_unit", "NUMBER", "PERCENTAGE")},
	} {
		rows[fmt.Sprint("row ", i)] = rowError{tc.config, tc.want}
	}
	expectRowErrors(t, f.providers(), rows)
	if n := len(f.primary.Calls()) + len(f.secondary.Calls()); n != 0 {
		t.Fatalf("the mocks received %d requests; validation must fail before any", n)
	}
}

// A 404 to the object's own GET removes it from the state; one to the list read of an
// import by "default" is an error, never "gone".
func TestAccFTDHAFailoverConfiguration_goneOnlyOnItsOwn404(t *testing.T) {
	f := newFTDFixture(t)
	config := f.providers() + ftdFailoverCriteria("fw_a", "1s", "3s", "5s", "25s", 1, "NUMBER")
	notFound := `{"error":{"severity":"ERROR","key":"General","messages":[{"description":"Resource not found","code":"notFound","location":""}]}}`
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					f.primary.Inject(mockFault(http.MethodGet, "/api/fdm/v6/devices/default/ha/failoverconfigurations", http.StatusNotFound, notFound))
				},
				ResourceName:  "netops_ftd_ha_failover_configuration.fw_a",
				ImportState:   true,
				ImportStateId: "default",
				ExpectError:   regexp.MustCompile(`Reading the FTD failover configuration failed`),
			},
			{
				PreConfig: func() {
					f.primary.Inject(mockFault(http.MethodGet, ftdFailoverConfigPath+"*", http.StatusNotFound, notFound))
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("netops_ftd_ha_failover_configuration.fw_a", plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// The diagnostic of a failed PUT follows the FTD client's classification: the advice to
// use the active unit only for the standby's refusal, FDM's words always.
func TestFTDHAFailoverConfiguration_putDiagnostic(t *testing.T) {
	t.Parallel()
	answer := &transport.Error{Vendor: "FTD", Method: http.MethodPut, Path: ftdFailoverConfigPath + "x", Status: http.StatusUnprocessableEntity,
		Code: "General", Messages: []string{"A high availability deployment is in progress (code deploymentInProgress)"}}
	for _, tc := range []struct {
		name    string
		err     error
		summary string
		advice  bool
	}{
		{"standby", &ftd.RefusalError{Reason: ftd.RefusedOnStandby, NodeState: ftd.StateStandby, Err: answer}, "FTD refused the failover configuration", true},
		{"state of the active unit", &ftd.RefusalError{Reason: ftd.RefusedByState, NodeState: ftd.StateActive, Err: answer}, "FTD refused the failover configuration", false},
		{"state not read", &ftd.RefusalError{Reason: ftd.RefusedByState, Err: answer}, "FTD refused the failover configuration", false},
		{"validation", &ftd.RefusalError{Reason: ftd.RefusedInvalid, Err: answer}, "FTD refused the failover configuration", false},
		{"not a refusal", fmt.Errorf("connection reset: %w", answer), "Writing the FTD failover configuration failed", false},
	} {
		summary, detail := failoverConfigPutDiagnostic(tc.err)
		advice := strings.Contains(detail, "Apply through the provider of the active unit")
		if summary != tc.summary || advice != tc.advice || !strings.Contains(detail, "deployment is in progress") {
			t.Errorf("%s: %q / %q; want summary %q, advice %v", tc.name, summary, detail, tc.summary, tc.advice)
		}
		if tc.advice && !strings.Contains(detail, "standby of its HA pair (HA_STANDBY_NODE)") {
			t.Errorf("%s: %q does not name the unit's state", tc.name, detail)
		}
	}
}
