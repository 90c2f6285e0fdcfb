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

	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

func sbcSwitchoverConfig(expected, reason string) string {
	return fmt.Sprintf(`
resource "netops_sbc_switchover" "test" {
  expected_active = %q
  triggers = {
    reason = %q
  }
}
`, expected, reason)
}

// checkSBC asserts the mock's pair state.
func (f *sbcFixture) checkSBC(active sbcmock.Unit, accepted int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := f.pair.Active(); got != active {
			return fmt.Errorf("mock active unit is %v, want %v", got, active)
		}
		if got := f.pair.AcceptedSwitchovers(); got != accepted {
			return fmt.Errorf("mock accepted %d switchovers, want %d", got, accepted)
		}
		if got := f.switchoverPosts(); got != accepted {
			return fmt.Errorf("mock received %d switchover POSTs, want %d", got, accepted)
		}
		return nil
	}
}

func TestAccSBCSwitchover_basic(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{})
	prov := f.provider(sbcBlock{})
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             f.checkSBC(sbcmock.UnitA, 2), // destroy sends nothing
		Steps: []resource.TestStep{
			{
				Config: prov + sbcSwitchoverConfig("sbc-a", "first"),
				Check: resource.ComposeAggregateTestCheckFunc(
					f.checkSBC(sbcmock.UnitB, 1),
					resource.TestCheckResourceAttr("netops_sbc_switchover.test", "previous_active", "sbc-a"),
					resource.TestCheckResourceAttr("netops_sbc_switchover.test", "new_active", "sbc-b"),
					resource.TestCheckResourceAttr("netops_sbc_switchover.test", "switchover_count", "1"),
					resource.TestCheckResourceAttr("netops_sbc_switchover.test", "wait", "true"),
					resource.TestMatchResourceAttr("netops_sbc_switchover.test", "id", regexp.MustCompile(`^sbc-a/\d{4}-`)),
					resource.TestMatchResourceAttr("netops_sbc_switchover.test", "completed_at", regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
				),
			},
			// Re-applying the same configuration plans nothing (the test framework's plans
			// after each apply) and sends nothing (the next step counts 2 switchovers in all).
			{
				// A new trigger switches back.
				Config: prov + sbcSwitchoverConfig("sbc-b", "back"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("netops_sbc_switchover.test", plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					f.checkSBC(sbcmock.UnitA, 2),
					resource.TestCheckResourceAttr("netops_sbc_switchover.test", "previous_active", "sbc-b"),
					resource.TestCheckResourceAttr("netops_sbc_switchover.test", "new_active", "sbc-a"),
					resource.TestCheckResourceAttr("netops_sbc_switchover.test", "switchover_count", "2"),
				),
			},
			{
				// expected_active alone changes in place and sends nothing.
				Config: prov + sbcSwitchoverConfig("sbc-a", "back"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("netops_sbc_switchover.test", plancheck.ResourceActionUpdate),
					},
				},
				Check: f.checkSBC(sbcmock.UnitA, 2),
			},
		},
	})
}

func TestSBCSwitchover_standbyHostWithPeer(t *testing.T) {
	// host names the standby; peer_host lets the provider find and use the active unit.
	f := newSBCFixture(t, sbcmock.Options{})
	t.Parallel()
	applyAndCheck(t, f.provider(sbcBlock{host: f.b.Host(), peerHost: f.a.Host()})+sbcSwitchoverConfig("sbc-a", "x"), f.checkSBC(sbcmock.UnitB, 1))
	if n := f.a.CountCalls(http.MethodPost, sbcSwitchoverPath); n != 1 {
		t.Fatalf("the active unit received %d switchover POSTs, want 1", n)
	}
}

func TestSBCSwitchover_tokenExpiresDuringWait(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{})
	f.pair.SetExpireTokensOnSwitchover(true)
	t.Parallel()
	applyAndCheck(t, f.provider(sbcBlock{})+sbcSwitchoverConfig("sbc-a", "x"), resource.ComposeAggregateTestCheckFunc(
		f.checkSBC(sbcmock.UnitB, 1),
		resource.TestCheckResourceAttr("netops_sbc_switchover.test", "new_active", "sbc-b"),
	))
	// One token per unit for the create, plus exactly one more on A, whose tokens the
	// switchover expired while the provider polled it.
	if got := f.a.CountCalls(http.MethodPost, sbcTokenPath); got != 2 {
		t.Errorf("unit A answered %d token requests, want 2", got)
	}
	if got := f.b.CountCalls(http.MethodPost, sbcTokenPath); got != 1 {
		t.Errorf("unit B answered %d token requests, want 1", got)
	}
}

func TestSBCSwitchover_neverSwaps(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{})
	f.pair.SetNeverSwap(true)
	t.Parallel()
	expectApplyError(t, f.provider(sbcBlock{})+`
resource "netops_sbc_switchover" "test" {
  expected_active = "sbc-a"
  timeouts {
    create = "4s"
  }
}
`, regexp.MustCompile(`(?s)SBC switchover accepted but not verified.*accepted by sbc-a at\s+\d{4}-\d\d-\d\dT[0-9:]+Z.*had\s+not\s+swapped.*tainted`))
	if n := f.switchoverPosts(); n != 1 {
		t.Fatalf("the mock received %d switchover POSTs, want exactly 1", n)
	}
}

// TestSBCSwitchover_releases runs the switchover on pairs of each release, and on a pair
// in the middle of an upgrade, each pair a device of one provider block, in one apply:
// each unit negotiates its own version.
func TestSBCSwitchover_releases(t *testing.T) {
	rows := []struct {
		name       string
		releases   [2]string
		apiVersion string
		want       [2]string // version each unit is spoken to in
	}{
		{"r83", [2]string{sbcmock.Release83, sbcmock.Release83}, "", [2]string{"v1.1", "v1.1"}},
		{"r100", [2]string{sbcmock.Release100, sbcmock.Release100}, "", [2]string{"v1.2", "v1.2"}},
		{"r83_93", [2]string{sbcmock.Release83, sbcmock.Release93}, "auto", [2]string{"v1.1", "v1.2"}},
		{"explicit_10", [2]string{sbcmock.Release83, sbcmock.Release100}, "v1.0", [2]string{"v1.0", "v1.0"}},
	}
	var devices, resources strings.Builder
	var checks []resource.TestCheckFunc
	for _, tc := range rows {
		f := newSBCFixture(t, sbcmock.Options{Releases: tc.releases})
		version := ""
		if tc.apiVersion != "" {
			version = fmt.Sprintf(", api_version = %q", tc.apiVersion)
		}
		fmt.Fprintf(&devices, "      %s = { host = %q, peer_host = %q%s }\n", tc.name, f.a.Host(), f.b.Host(), version)
		fmt.Fprintf(&resources, "\nresource \"netops_sbc_switchover\" %q {\n  device          = %q\n  expected_active = \"sbc-a\"\n}\n", tc.name, tc.name)
		checks = append(checks,
			resource.TestCheckResourceAttr("netops_sbc_switchover."+tc.name, "new_active", "sbc-b"),
			f.checkNegotiated(sbcmock.UnitA, tc.apiVersion, tc.want[0]),
			f.checkNegotiated(sbcmock.UnitB, tc.apiVersion, tc.want[1]),
			func(*terraform.State) error {
				if n := f.a.CountCalls(http.MethodPost, "/rest/"+tc.want[0]+"/admin/switchover"); n != 1 {
					return fmt.Errorf("%s: unit A received %d switchovers in %s, want 1", tc.name, n, tc.want[0])
				}
				return nil
			})
	}
	config := sbcFleetProvider(t, devices.String()) + resources.String()
	t.Parallel()
	applyAndCheck(t, config, resource.ComposeAggregateTestCheckFunc(checks...))
}
