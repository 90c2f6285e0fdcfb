package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

func (f *sbcFixture) protocolProvider(t *testing.T) *protocolProvider {
	return newProtocolProvider(t, map[string]any{
		"retry": map[string]any{"min_backoff": "50ms", "max_backoff": "200ms"},
		"sbc": map[string]any{
			"host": f.a.Host(), "peer_host": f.b.Host(), "username": sbcmock.AdminUser, "password": sbcmock.AdminPassword,
			"ca_cert_pem": string(testAuthority(t).CertPEM()),
		},
	})
}

func TestSBCSwitchoverAction_invoke(t *testing.T) {
	t.Parallel()
	f := newSBCFixture(t, sbcmock.Options{})
	res := f.protocolProvider(t).invoke("netops_sbc_switchover", map[string]any{"expected_active": "sbc-a"})
	if hasErrors(res.diagnostics) {
		t.Fatalf("invoke: %s", diagnosticsText(res.diagnostics))
	}
	if f.switchoverPosts() != 1 || f.pair.Active() != sbcmock.UnitB {
		t.Fatalf("mock: %d switchover POSTs, active %v; want 1 and B", f.switchoverPosts(), f.pair.Active())
	}
	p := res.progress
	if len(p) < 3 || p[0] != "sbc-a is active, sbc-b is standby" || p[1] != "switchover accepted by sbc-a" || p[len(p)-1] != "sbc-b is now active" {
		t.Fatalf("progress events %q", p)
	}
	for _, e := range p[2 : len(p)-1] {
		if !strings.HasPrefix(e, "waiting for the swap (poll ") {
			t.Fatalf("unexpected progress event %q in %q", e, p)
		}
	}
}

// The action negotiates each unit's version once, then speaks it: v1.1 to an S-Cz8.3
// unit, v1.2 to a later one.
func TestSBCSwitchoverAction_releases(t *testing.T) {
	for name, releases := range map[string][2]string{
		"8.3":         {sbcmock.Release83, sbcmock.Release83},
		"10.0":        {sbcmock.Release100, sbcmock.Release100},
		"9.3 and 8.3": {sbcmock.Release93, sbcmock.Release83},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newSBCFixture(t, sbcmock.Options{Releases: releases})
			res := f.protocolProvider(t).invoke("netops_sbc_switchover", map[string]any{"expected_active": "sbc-a"})
			if hasErrors(res.diagnostics) {
				t.Fatalf("invoke: %s", diagnosticsText(res.diagnostics))
			}
			for i, u := range []sbcmock.Unit{sbcmock.UnitA, sbcmock.UnitB} {
				want := map[string]string{sbcmock.Release83: "v1.1"}[releases[i]]
				if want == "" {
					want = "v1.2"
				}
				calls := f.unit(u).Calls()
				if len(calls) < 3 || calls[0].Method != http.MethodGet || calls[0].Path != sbcVersionsPath || calls[1].Path != "/rest/"+want+"/auth/token" {
					t.Fatalf("unit %v calls start %v, want supportedversions then a %s login", u, callPaths(calls[:min(3, len(calls))]), want)
				}
				if err := f.checkNegotiated(u, "", want)(nil); err != nil {
					t.Fatal(err)
				}
				if n := f.unit(u).CountCalls("GET", sbcVersionsPath); n != 1 {
					t.Fatalf("unit %v asked for its versions %d times, want once", u, n)
				}
			}
			if n := f.a.CountCalls("POST", "/rest/"+map[bool]string{true: "v1.1", false: "v1.2"}[releases[0] == sbcmock.Release83]+"/admin/switchover"); n != 1 || f.pair.Active() != sbcmock.UnitB {
				t.Fatalf("unit A received %d switchovers; active %v", n, f.pair.Active())
			}
		})
	}
}

func TestSBCSwitchoverAction_guardSendsNothing(t *testing.T) {
	t.Parallel()
	f := newSBCFixture(t, sbcmock.Options{})
	res := f.protocolProvider(t).invoke("netops_sbc_switchover", map[string]any{"expected_active": "sbc-b"})
	if !hasErrors(res.diagnostics) || !strings.Contains(diagnosticsText(res.diagnostics), `expected_active is "sbc-b" but sbc-a is the active unit; nothing was sent`) {
		t.Fatalf("diagnostics %s", diagnosticsText(res.diagnostics))
	}
	if f.switchoverPosts() != 0 {
		t.Fatalf("%d switchover POSTs, want 0", f.switchoverPosts())
	}
	if len(res.progress) != 1 {
		t.Fatalf("progress %q, want only the roles found", res.progress)
	}
}

func TestSBCSwitchoverAction_preconditionSendsNothing(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		prepare func(*sbcmock.Pair)
		want    string
	}{
		"out of service":        {func(p *sbcmock.Pair) { p.SetOutOfService(sbcmock.UnitB, true) }, `reports role "out of service", not standby`},
		"role outside the enum": {func(p *sbcmock.Pair) { p.SetReportedRole(sbcmock.UnitA, "Initial") }, `sbc-a reports role "Initial", which is none of the roles Oracle documents`},
	} {
		f := newSBCFixture(t, sbcmock.Options{})
		tc.prepare(f.pair)
		res := f.protocolProvider(t).invoke("netops_sbc_switchover", map[string]any{})
		if text := diagnosticsText(res.diagnostics); !strings.Contains(text, `SBC switchover not sent`) || !strings.Contains(text, tc.want) || f.switchoverPosts() != 0 {
			t.Fatalf("%s: diagnostics %s, %d POSTs", name, text, f.switchoverPosts())
		}
	}
}

func TestSBCSwitchoverAction_validation(t *testing.T) {
	t.Parallel()
	f := newSBCFixture(t, sbcmock.Options{})
	res := f.protocolProvider(t).invoke("netops_sbc_switchover", map[string]any{"expected_active": ""})
	if !strings.Contains(diagnosticsText(res.diagnostics), "string length must be at least 1") {
		t.Fatalf("diagnostics %s", diagnosticsText(res.diagnostics))
	}
	if n := f.requests(); n != 0 {
		t.Fatalf("the mock received %d requests", n)
	}
}

// switchoverOnCreate runs the switchover action after a terraform_data is created.
const switchoverOnCreate = `
action "netops_sbc_switchover" "now" {
  config {
    expected_active = "sbc-a"
  }
}

resource "terraform_data" "trigger" {
  input = "maintenance"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.netops_sbc_switchover.now]
    }
  }
}
`

// TestAccSBCSwitchoverAction runs the action through Terraform when the one on PATH has actions.
func TestAccSBCSwitchoverAction(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{})
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   needs(featureActions),
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: f.provider(sbcBlock{}) + switchoverOnCreate,
			Check:  f.checkSBC(sbcmock.UnitB, 1),
		}},
	})
}

// TestAccSBCSwitchoverAction_release83 runs the action through Terraform on an S-Cz8.3 pair.
func TestAccSBCSwitchoverAction_release83(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{Releases: [2]string{sbcmock.Release83, sbcmock.Release83}})
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   needs(featureActions),
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: f.provider(sbcBlock{}) + switchoverOnCreate,
			Check: resource.ComposeAggregateTestCheckFunc(
				f.checkNegotiated(sbcmock.UnitA, "", "v1.1"),
				f.checkNegotiated(sbcmock.UnitB, "", "v1.1"),
				func(*terraform.State) error {
					if n := f.a.CountCalls("POST", "/rest/v1.1/admin/switchover"); n != 1 || f.pair.Active() != sbcmock.UnitB || f.pair.AcceptedSwitchovers() != 1 {
						return fmt.Errorf("unit A received %d v1.1 switchovers, active %v, accepted %d; want 1, B, 1", n, f.pair.Active(), f.pair.AcceptedSwitchovers())
					}
					return nil
				},
			),
		}},
	})
}
