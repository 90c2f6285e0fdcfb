package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock"
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

func TestSBCSwitchover_expectedActiveMismatch(t *testing.T) {
	t.Parallel()
	f := newSBCFixture(t, sbcmock.Options{})
	expectApplyError(t, f.provider(sbcBlock{})+sbcSwitchoverConfig("sbc-b", "x"),
		errorLike(`SBC switchover not sent`, `expected_active is "sbc-b" but sbc-a is the active unit; nothing was sent`))
	if err := f.checkSBC(sbcmock.UnitA, 0)(nil); err != nil {
		t.Fatal(err)
	}
	if n := f.switchoverPosts(); n != 0 {
		t.Fatalf("the mock received %d switchover POSTs, want 0", n)
	}
}

func TestSBCSwitchover_standbyOnlyWithoutPeer(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{})
	t.Parallel()
	expectApplyError(t, f.provider(sbcBlock{host: f.b.Host(), noPeer: true})+sbcSwitchoverConfig("sbc-a", "x"), errorLike(`sbc-b is the standby unit and no peer_host is configured`, `set sbc.peer_host (NETOPS_SBC_PEER_HOST)`))
	if n := f.switchoverPosts(); n != 0 {
		t.Fatalf("the mock received %d switchover POSTs, want 0", n)
	}
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

func TestSBCSwitchover_unsynchronisedPeer(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{})
	f.pair.SetSynced(sbcmock.UnitB, false)
	t.Parallel()
	expectApplyError(t, f.provider(sbcBlock{})+sbcSwitchoverConfig("sbc-a", "x"), regexp.MustCompile(`(?s)SBC refused the switchover.*SBC answered 400.*(?i:not\s+synchroni[sz]ed)`))
	if f.pair.Active() != sbcmock.UnitA || f.pair.AcceptedSwitchovers() != 0 {
		t.Fatalf("pair changed: active %v, accepted %d", f.pair.Active(), f.pair.AcceptedSwitchovers())
	}
}

func TestSBCSwitchover_standbyNotReady(t *testing.T) {
	for name, tc := range map[string]struct {
		prepare func(*sbcmock.Pair)
		want    string
	}{
		"out of service": {func(p *sbcmock.Pair) { p.SetOutOfService(sbcmock.UnitB, true) }, `reports role "out of service", not standby`},
		"unhealthy":      {func(p *sbcmock.Pair) { p.SetHealth(sbcmock.UnitB, 60) }, `health score of 60%, below the 75% health threshold`},
		"no HA pair":     {func(p *sbcmock.Pair) { p.SetHAConfigured(false) }, `reports role "standalone": no HA pair is configured`},
		"role outside the enum": {func(p *sbcmock.Pair) { p.SetReportedRole(sbcmock.UnitB, "BecomingStandby") },
			`sbc-b reports role "BecomingStandby", which is none of the roles Oracle documents`},
	} {
		t.Run(name, func(t *testing.T) {
			f := newSBCFixture(t, sbcmock.Options{})
			tc.prepare(f.pair)
			t.Parallel()
			expectApplyError(t, f.provider(sbcBlock{})+sbcSwitchoverConfig("sbc-a", "x"), errorLike(`SBC switchover not sent`, tc.want))
			if n := f.switchoverPosts(); n != 0 {
				t.Fatalf("the mock received %d switchover POSTs, want 0", n)
			}
		})
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

func TestSBCSwitchover_readOnlyUser(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{})
	t.Parallel()
	expectApplyError(t, f.provider(sbcBlock{username: sbcmock.ReadOnlyUser, password: sbcmock.ReadOnlyPassword})+sbcSwitchoverConfig("sbc-a", "x"), errorLike(`SBC answered 403 Forbidden`, `the SBC user "monitor" lacks administrator privileges`))
	if f.pair.AcceptedSwitchovers() != 0 {
		t.Fatal("a read-only user's switchover was accepted")
	}
}

func TestSBCSwitchover_unsupportedVersion(t *testing.T) {
	// An explicit api_version is used as given, even where the unit does not serve it.
	f := newSBCFixture(t, sbcmock.Options{Releases: [2]string{sbcmock.Release83, sbcmock.Release83}})
	t.Parallel()
	expectApplyError(t, f.provider(sbcBlock{apiVersion: "v1.2"})+sbcSwitchoverConfig("sbc-a", "x"), errorLike(`does not serve REST API version v1.2; it supports [v1.1 v1.0]`, `sbc.api_version`, `or to auto`))
	if n := f.a.CountCalls(http.MethodGet, sbcVersionsPath); n != 1 {
		t.Fatalf("supportedversions asked %d times, want once (only to explain the 404)", n)
	}
}

// TestAccSBCSwitchover_releases runs the switchover on pairs of each release, and on a
// pair in the middle of an upgrade: each unit negotiates its own version.
func TestSBCSwitchover_releases(t *testing.T) {
	for name, tc := range map[string]struct {
		releases   [2]string
		apiVersion string
		want       [2]string // version each unit is spoken to in
	}{
		"8.3":          {[2]string{sbcmock.Release83, sbcmock.Release83}, "", [2]string{"v1.1", "v1.1"}},
		"10.0":         {[2]string{sbcmock.Release100, sbcmock.Release100}, "", [2]string{"v1.2", "v1.2"}},
		"8.3 and 9.3":  {[2]string{sbcmock.Release83, sbcmock.Release93}, "auto", [2]string{"v1.1", "v1.2"}},
		"explicit 1.0": {[2]string{sbcmock.Release83, sbcmock.Release100}, "v1.0", [2]string{"v1.0", "v1.0"}},
	} {
		t.Run(name, func(t *testing.T) {
			f := newSBCFixture(t, sbcmock.Options{Releases: tc.releases})
			t.Parallel()
			applyAndCheck(t, f.provider(sbcBlock{apiVersion: tc.apiVersion})+sbcSwitchoverConfig("sbc-a", "upgrade"), resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("netops_sbc_switchover.test", "new_active", "sbc-b"),
				f.checkNegotiated(sbcmock.UnitA, tc.apiVersion, tc.want[0]),
				f.checkNegotiated(sbcmock.UnitB, tc.apiVersion, tc.want[1]),
				func(*terraform.State) error {
					if n := f.a.CountCalls(http.MethodPost, "/rest/"+tc.want[0]+"/admin/switchover"); n != 1 {
						return fmt.Errorf("unit A received %d switchovers in %s, want 1", n, tc.want[0])
					}
					return nil
				},
			))
		})
	}
}

func TestSBCSwitchover_offersNoKnownVersion(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{Versions: []string{"v2.0", "v2.1"}})
	t.Parallel()
	expectApplyError(t, f.provider(sbcBlock{})+sbcSwitchoverConfig("sbc-a", "x"), errorLike(`offers REST API versions [v2.1 v2.0], none of which this provider implements`, `set sbc.api_version (NETOPS_SBC_API_VERSION)`))
	if f.switchoverPosts() != 0 {
		t.Fatal("a switchover was sent")
	}
}

func TestSBCSwitchover_supportedVersionsFails(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{})
	for _, s := range []*mock.Server{f.a, f.b} {
		s.Inject(mock.Fault{Method: http.MethodGet, Path: sbcVersionsPath, Times: 100, Status: http.StatusInternalServerError, ContentType: "text/plain", Body: "upstream gone"})
	}
	t.Parallel()
	expectApplyError(t, f.provider(sbcBlock{})+sbcSwitchoverConfig("sbc-a", "x"), errorLike(`could not learn the REST API versions the SBC at`, `500 Internal Server Error`, `upstream gone`, `set sbc.api_version`))
}

// An answer that is not the SBC's envelope is quoted in the error, with the request.
func TestSBCSwitchover_unexpectedAnswer(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{})
	f.a.Inject(mock.Fault{Method: http.MethodGet, Path: "/rest/v1.2/system/status", Times: 100, Status: http.StatusOK, ContentType: "text/html",
		Body: "<html><body><h1>Maintenance</h1><p>The management portal is down.</p></body></html>"})
	t.Parallel()
	expectApplyError(t, f.provider(sbcBlock{})+sbcSwitchoverConfig("sbc-a", "x"), errorLike(`SBC gave an answer the provider does not understand to GET /rest/v1.2/system/status`, `not the XML <response> envelope`,
		`200 OK (text/html)`, `<html><body><h1>Maintenance</h1>`))
}

func TestSBCSwitchover_wrongPassword(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{})
	t.Parallel()
	expectApplyError(t, f.provider(sbcBlock{username: sbcmock.AdminUser, password: "not-the-password"})+sbcSwitchoverConfig("sbc-a", "x"), errorLike(`refused the username or password`))
}
