package provider

import (
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

const ftdFailoverPath = "/api/fdm/v6/devices/default/action/ha/failover"

func (f *ftdFixture) protocolProvider(t *testing.T) *protocolProvider {
	return newProtocolProvider(t, map[string]any{
		"retry": map[string]any{"min_backoff": "50ms", "max_backoff": "200ms"},
		"ftd": map[string]any{
			"host": f.primary.Host(), "username": ftdmock.Username, "password": ftdmock.Password,
			"ca_cert_pem": string(testAuthority(t).CertPEM()),
		},
	})
}

func (f *ftdFixture) failoverPosts() int {
	return f.primary.CountCalls(http.MethodPost, ftdFailoverPath) + f.secondary.CountCalls(http.MethodPost, ftdFailoverPath)
}

func TestFTDHAFailoverAction_invoke(t *testing.T) {
	t.Parallel()
	f := newFTDFixture(t)
	if err := f.pair.FormPair(); err != nil {
		t.Fatal(err)
	}
	res := f.protocolProvider(t).invoke("netops_ftd_ha_failover", map[string]any{"expected_active_role": "HA_PRIMARY"})
	if hasErrors(res.diagnostics) {
		t.Fatalf("invoke: %s", diagnosticsText(res.diagnostics))
	}
	if f.failoverPosts() != 1 || f.pair.Failovers() != 1 {
		t.Fatalf("mock: %d failover POSTs, %d failovers; want 1 and 1", f.failoverPosts(), f.pair.Failovers())
	}
	if p, s := f.pair.HAStatus(ftdmock.Primary), f.pair.HAStatus(ftdmock.Secondary); p.NodeState != ftdmock.NodeStandby || s.NodeState != ftdmock.NodeActive {
		t.Fatalf("mock roles not swapped: primary %s, secondary %s", p.NodeState, s.NodeState)
	}
	p := res.progress
	if len(p) < 3 || !strings.HasPrefix(p[0], "HA_PRIMARY is active (this unit HA_ACTIVE_NODE, peer HA_STANDBY_NODE)") ||
		!strings.HasPrefix(p[1], "failover accepted by ") || p[len(p)-1] != "HA_SECONDARY is now active" {
		t.Fatalf("progress events %q", p)
	}
	for _, e := range p[2 : len(p)-1] {
		if !strings.HasPrefix(e, "waiting for the swap: ") {
			t.Fatalf("unexpected progress event %q in %q", e, p)
		}
	}
}

func TestFTDHAFailoverAction_guards(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		form bool
		cfg  map[string]any
		want string
	}{
		"wrong active role": {true, map[string]any{"expected_active_role": "HA_SECONDARY"}, "expected_active_role is HA_SECONDARY but HA_PRIMARY is active; nothing was sent"},
		"no pair":           {false, map[string]any{}, "is not a healthy active/standby pair"},
		"bad role":          {true, map[string]any{"expected_active_role": "PRIMARY"}, "value must be one of"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newFTDFixture(t)
			if tc.form {
				if err := f.pair.FormPair(); err != nil {
					t.Fatal(err)
				}
			}
			res := f.protocolProvider(t).invoke("netops_ftd_ha_failover", tc.cfg)
			if !hasErrors(res.diagnostics) || !strings.Contains(diagnosticsText(res.diagnostics), tc.want) {
				t.Fatalf("diagnostics %s, want %q", diagnosticsText(res.diagnostics), tc.want)
			}
			if f.failoverPosts() != 0 || f.pair.Failovers() != 0 {
				t.Fatalf("%d failover POSTs sent", f.failoverPosts())
			}
		})
	}
}

// TestAccFTDHAFailoverAction runs the action through Terraform when the one on PATH has actions.
func TestAccFTDHAFailoverAction(t *testing.T) {
	f := newFTDFixture(t)
	if err := f.pair.FormPair(); err != nil {
		t.Fatal(err)
	}
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   needs(featureActions),
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{{
			Config: f.providers() + `
action "netops_ftd_ha_failover" "now" {
  provider = netops
  config {
    expected_active_role = "HA_PRIMARY"
  }
}

resource "terraform_data" "trigger" {
  input = "maintenance"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.netops_ftd_ha_failover.now]
    }
  }
}
`,
			Check: func(*terraform.State) error {
				if f.pair.Failovers() != 1 {
					t.Errorf("%d failovers, want 1", f.pair.Failovers())
				}
				return nil
			},
		}},
	})
}
