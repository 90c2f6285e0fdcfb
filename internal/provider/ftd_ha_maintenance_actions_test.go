package provider

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

func ftdActionPath(verb string) string { return "/api/fdm/v6/devices/default/action/ha/" + verb }

// actionPosts counts the POSTs of an HA action both units received.
func (f *ftdFixture) actionPosts(verb string) int {
	return f.primary.CountCalls(http.MethodPost, ftdActionPath(verb)) + f.secondary.CountCalls(http.MethodPost, ftdActionPath(verb))
}

// protocolProviderFor is a protocol-level provider configured for unit u.
func (f *ftdFixture) protocolProviderFor(t *testing.T, u ftdmock.Unit) *protocolProvider {
	return newProtocolProvider(t, map[string]any{
		"retry": map[string]any{"min_backoff": "50ms", "max_backoff": "200ms"},
		"ftd": map[string]any{
			"host": f.server(u).Host(), "username": ftdmock.Username, "password": ftdmock.Password,
			"ca_cert_pem": string(testAuthority(t).CertPEM()),
		},
	})
}

func formedFTDFixture(t *testing.T) *ftdFixture {
	t.Helper()
	f := newFTDFixture(t)
	if err := f.pair.FormPair(); err != nil {
		t.Fatal(err)
	}
	return f
}

// checkProgress requires the events to open with first, close with last, and hold only
// waiting steps (prefix waiting) in between, beside accepted.
func checkProgress(t *testing.T, events []string, first, accepted, waiting, last string) {
	t.Helper()
	if len(events) < 3 || !strings.HasPrefix(events[0], first) || !strings.HasPrefix(events[1], accepted) || events[len(events)-1] != last {
		t.Fatalf("progress events %q", events)
	}
	for _, e := range events[2 : len(events)-1] {
		if !strings.HasPrefix(e, waiting) {
			t.Fatalf("unexpected progress event %q in %q", e, events)
		}
	}
}

func stateOf(f *ftdFixture, u ftdmock.Unit) string { return f.pair.HAStatus(u).NodeState }

func TestFTDHASuspendAction_invoke(t *testing.T) {
	t.Parallel()
	f := formedFTDFixture(t)
	res := f.protocolProvider(t).invoke("netops_ftd_ha_suspend", map[string]any{"expected_state": "HA_ACTIVE_NODE", "expected_role": "HA_PRIMARY"})
	if hasErrors(res.diagnostics) {
		t.Fatalf("invoke: %s", diagnosticsText(res.diagnostics))
	}
	if n := f.actionPosts("suspend"); n != 1 {
		t.Fatalf("%d suspend POSTs", n)
	}
	if stateOf(f, ftdmock.Primary) != ftdmock.NodeSuspended || stateOf(f, ftdmock.Secondary) != ftdmock.NodeSuspended {
		t.Fatalf("mock: primary %s, secondary %s; want both suspended", stateOf(f, ftdmock.Primary), stateOf(f, ftdmock.Secondary))
	}
	checkProgress(t, res.progress, "this unit is HA_PRIMARY HA_ACTIVE_NODE, its peer HA_STANDBY_NODE", "suspend accepted by ",
		"waiting for the suspension: ", "HA is suspended on both units; this unit keeps passing traffic")
}

func TestFTDHASuspendAction_guards(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		form bool
		cfg  map[string]any
		want string
	}{
		"active, standby expected": {true, map[string]any{"expected_state": "HA_STANDBY_NODE"}, "expected_state is HA_STANDBY_NODE but this unit is HA_ACTIVE_NODE"},
		"wrong role":               {true, map[string]any{"expected_role": "HA_SECONDARY"}, "expected_role is HA_SECONDARY but this unit is HA_PRIMARY"},
		"single unit":              {false, map[string]any{}, "This unit is SINGLE_NODE"},
		"bad state":                {true, map[string]any{"expected_state": "HA_SUSPENDED_NODE"}, "value must be one of"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newFTDFixture(t)
			if tc.form {
				if err := f.pair.FormPair(); err != nil {
					t.Fatal(err)
				}
			}
			res := f.protocolProvider(t).invoke("netops_ftd_ha_suspend", tc.cfg)
			text := diagnosticsText(res.diagnostics)
			if !hasErrors(res.diagnostics) || !strings.Contains(text, tc.want) {
				t.Fatalf("diagnostics %s, want %q", text, tc.want)
			}
			if tc.form && tc.want != "value must be one of" && !strings.Contains(text, "FTD HA suspend not sent") {
				t.Fatalf("diagnostics %s do not say nothing was sent", text)
			}
			if n := f.actionPosts("suspend"); n != 0 {
				t.Fatalf("%d suspend POSTs sent", n)
			}
		})
	}
}

// The standby resumes through its outage: 503s, then dropped connections.
func TestFTDHAResumeAction_invoke(t *testing.T) {
	t.Parallel()
	for name, drop := range map[string]bool{"503": false, "no answer": true} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := formedFTDFixture(t)
			if err := f.pair.SuspendHA(ftdmock.Secondary); err != nil {
				t.Fatal(err)
			}
			f.pair.SetResumeOutage(ftdmock.Outage{Duration: 600 * time.Millisecond, Drop: drop})
			res := f.protocolProviderFor(t, ftdmock.Secondary).invoke("netops_ftd_ha_resume", map[string]any{"expected_role": "HA_SECONDARY"})
			if hasErrors(res.diagnostics) {
				t.Fatalf("invoke: %s (progress %q)", diagnosticsText(res.diagnostics), res.progress)
			}
			if stateOf(f, ftdmock.Secondary) != ftdmock.NodeStandby || f.actionPosts("resume") != 1 {
				t.Fatalf("mock: secondary %s, %d resume POSTs", stateOf(f, ftdmock.Secondary), f.actionPosts("resume"))
			}
			met := 0
			for _, c := range f.secondary.Calls() {
				if c.Status == http.StatusServiceUnavailable || c.Status == 0 {
					met++
				}
			}
			if met == 0 {
				t.Fatalf("no request met the outage (progress %q)", res.progress)
			}
			checkProgress(t, res.progress, "this unit is HA_SECONDARY HA_SUSPENDED_NODE", "resume accepted by ",
				"waiting for the resume: ", "HA resumed: this unit is HA_STANDBY_NODE")
		})
	}
}

func TestFTDHAResumeAction_guards(t *testing.T) {
	t.Parallel()
	f := formedFTDFixture(t)
	if err := f.pair.SuspendHA(ftdmock.Secondary); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		unit ftdmock.Unit
		cfg  map[string]any
		want string
	}{
		{ftdmock.Primary, map[string]any{}, "This unit is HA_ACTIVE_NODE, not HA_SUSPENDED_NODE"},
		{ftdmock.Secondary, map[string]any{"expected_role": "HA_PRIMARY"}, "expected_role is HA_PRIMARY but this unit is HA_SECONDARY"},
	} {
		res := f.protocolProviderFor(t, tc.unit).invoke("netops_ftd_ha_resume", tc.cfg)
		if text := diagnosticsText(res.diagnostics); !strings.Contains(text, "FTD HA resume not sent") || !strings.Contains(text, tc.want) {
			t.Fatalf("diagnostics %s, want %q", text, tc.want)
		}
	}
	if n := f.actionPosts("resume"); n != 0 {
		t.Fatalf("%d resume POSTs sent", n)
	}
}

// A refusal of the unit itself comes back in FDM's words.
func TestFTDHAResumeAction_vendorRefusal(t *testing.T) {
	t.Parallel()
	f := formedFTDFixture(t)
	if err := f.pair.SuspendHA(ftdmock.Secondary); err != nil {
		t.Fatal(err)
	}
	f.secondary.Inject(mock.Fault{Method: http.MethodPost, Path: ftdActionPath("resume"), Times: 1, Status: http.StatusUnprocessableEntity, ContentType: "application/json",
		Body: `{"error":{"severity":"ERROR","key":"General","messages":[{"description":"HA resume is not allowed while a deployment is in progress","code":"deploymentInProgress","location":""}]}}`})
	res := f.protocolProviderFor(t, ftdmock.Secondary).invoke("netops_ftd_ha_resume", map[string]any{})
	want := "the resume was refused: FTD answered 422 Unprocessable Entity to POST " + ftdActionPath("resume") +
		": General: HA resume is not allowed while a deployment is in progress (code deploymentInProgress)"
	if text := diagnosticsText(res.diagnostics); !strings.Contains(text, "FTD HA resume failed") || !strings.Contains(text, want) {
		t.Fatalf("diagnostics %s, want %q", text, want)
	}
}

func TestFTDHAResetAction_invoke(t *testing.T) {
	t.Parallel()
	f := formedFTDFixture(t)
	if err := f.pair.FailUnit(ftdmock.Primary); err != nil {
		t.Fatal(err)
	}
	res := f.protocolProviderFor(t, ftdmock.Secondary).invoke("netops_ftd_ha_reset", map[string]any{"expected_failed_role": "HA_PRIMARY"})
	if hasErrors(res.diagnostics) {
		t.Fatalf("invoke: %s", diagnosticsText(res.diagnostics))
	}
	if stateOf(f, ftdmock.Primary) != ftdmock.NodeStandby || stateOf(f, ftdmock.Secondary) != ftdmock.NodeActive || f.actionPosts("reset") != 1 {
		t.Fatalf("mock: primary %s, secondary %s, %d reset POSTs", stateOf(f, ftdmock.Primary), stateOf(f, ftdmock.Secondary), f.actionPosts("reset"))
	}
	checkProgress(t, res.progress, "this unit is HA_SECONDARY HA_ACTIVE_NODE, its peer HA_FAILED_NODE", "reset accepted by ",
		"waiting for the pair to recover: ", "the pair is healthy: HA_SECONDARY is active")
}

func TestFTDHAResetAction_guards(t *testing.T) {
	t.Parallel()
	f := formedFTDFixture(t)
	res := f.protocolProvider(t).invoke("netops_ftd_ha_reset", map[string]any{})
	if text := diagnosticsText(res.diagnostics); !strings.Contains(text, "FTD HA reset not sent") || !strings.Contains(text, "No unit has failed") {
		t.Fatalf("healthy pair: diagnostics %s", text)
	}
	if err := f.pair.FailUnit(ftdmock.Secondary); err != nil {
		t.Fatal(err)
	}
	res = f.protocolProvider(t).invoke("netops_ftd_ha_reset", map[string]any{"expected_failed_role": "HA_PRIMARY"})
	if text := diagnosticsText(res.diagnostics); !strings.Contains(text, "expected_failed_role is HA_PRIMARY but the failed unit is HA_SECONDARY") {
		t.Fatalf("wrong failed unit: diagnostics %s", text)
	}
	if n := f.actionPosts("reset"); n != 0 {
		t.Fatalf("%d reset POSTs sent", n)
	}
}

// ftdActionTrigger runs action name of type typ through provider (netops or netopsb)
// after a terraform_data is created.
func ftdActionTrigger(typ, name, provider, config string) string {
	return `
action "` + typ + `" "` + name + `" {
  provider = ` + provider + `
  config {
` + config + `
  }
}

resource "terraform_data" "trigger" {
  input = "maintenance"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.` + typ + `.` + name + `]
    }
  }
}
`
}

func TestAccFTDHASuspendAction(t *testing.T) {
	f := formedFTDFixture(t)
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   needs(featureActions),
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{{
			Config: f.providers() + ftdActionTrigger("netops_ftd_ha_suspend", "standby", "netopsb", `    expected_state = "HA_STANDBY_NODE"`),
			Check: func(*terraform.State) error {
				if stateOf(f, ftdmock.Secondary) != ftdmock.NodeSuspended || stateOf(f, ftdmock.Primary) != ftdmock.NodeActive || f.actionPosts("suspend") != 1 {
					t.Errorf("mock: primary %s, secondary %s, %d suspend POSTs", stateOf(f, ftdmock.Primary), stateOf(f, ftdmock.Secondary), f.actionPosts("suspend"))
				}
				return nil
			},
		}},
	})
}

func TestAccFTDHAResumeAction(t *testing.T) {
	f := formedFTDFixture(t)
	if err := f.pair.SuspendHA(ftdmock.Secondary); err != nil {
		t.Fatal(err)
	}
	f.pair.SetResumeOutage(ftdmock.Outage{Duration: 600 * time.Millisecond})
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   needs(featureActions),
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{{
			Config: f.providers() + ftdActionTrigger("netops_ftd_ha_resume", "standby", "netopsb", `    expected_role = "HA_SECONDARY"`),
			Check: func(*terraform.State) error {
				if stateOf(f, ftdmock.Secondary) != ftdmock.NodeStandby || f.actionPosts("resume") != 1 {
					t.Errorf("mock: secondary %s, %d resume POSTs", stateOf(f, ftdmock.Secondary), f.actionPosts("resume"))
				}
				return nil
			},
		}},
	})
}

func TestAccFTDHAResetAction(t *testing.T) {
	f := formedFTDFixture(t)
	if err := f.pair.FailUnit(ftdmock.Secondary); err != nil {
		t.Fatal(err)
	}
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   needs(featureActions),
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{{
			Config: f.providers() + ftdActionTrigger("netops_ftd_ha_reset", "failed", "netops", `    expected_failed_role = "HA_SECONDARY"`),
			Check: func(*terraform.State) error {
				if err := f.checkFormed(); err != nil {
					t.Error(err)
				}
				if n := f.actionPosts("reset"); n != 1 {
					t.Errorf("%d reset POSTs", n)
				}
				return nil
			},
		}},
	})
}
