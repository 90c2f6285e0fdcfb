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

func TestSBCHAStatusDataSource_bothUnits(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{})
	f.pair.SetHealth(sbcmock.UnitB, 90)
	t.Parallel()
	applyAndCheck(t, f.provider(sbcBlock{})+fmt.Sprintf(`
data "netops_sbc_ha_status" "a" {}

data "netops_sbc_ha_status" "b" {
  host = %q
}
`, f.b.Host()), resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.a", "host_name", "sbc-a"),
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.a", "role", "active"),
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.a", "peer_name", "sbc-b"),
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.a", "peer_role", "standby"),
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.a", "health_score", "100"),
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.a", "ha_health_score", "90"),
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.a", "switchover_count", "0"),
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.a", "system_state", "online"),
		resource.TestCheckResourceAttrSet("data.netops_sbc_ha_status.a", "uptime_seconds"),
		resource.TestCheckResourceAttrSet("data.netops_sbc_ha_status.a", "sync_state.%"),
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.b", "host_name", "sbc-b"),
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.b", "role", "standby"),
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.b", "peer_role", "active"),
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.b", "health_score", "90"),
	))
	if f.a.CountCalls("GET", "/rest/v1.2/system/status") == 0 || f.b.CountCalls("GET", "/rest/v1.2/system/status") == 0 {
		t.Fatal("the data sources did not read both units")
	}
}

func TestSBCHAStatusDataSource_readOnlyUser(t *testing.T) {
	// Reading the status needs no administrator privileges.
	f := newSBCFixture(t, sbcmock.Options{})
	t.Parallel()
	applyAndCheck(t, f.provider(sbcBlock{username: sbcmock.ReadOnlyUser, password: sbcmock.ReadOnlyPassword})+`data "netops_sbc_ha_status" "a" {}`, resource.TestCheckResourceAttr("data.netops_sbc_ha_status.a", "role", "active"))
}

// The data source reads an S-Cz8.3 unit in v1.1 and a later one in v1.2, after asking
// each once for its versions.
func TestSBCHAStatusDataSource_releases(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{Releases: [2]string{sbcmock.Release83, sbcmock.Release100}})
	t.Parallel()
	applyAndCheck(t, f.provider(sbcBlock{})+fmt.Sprintf(`
data "netops_sbc_ha_status" "a" {}

data "netops_sbc_ha_status" "b" {
  host = %q
}
`, f.b.Host()), resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.a", "role", "active"),
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.b", "role", "standby"),
		f.checkNegotiated(sbcmock.UnitA, "", "v1.1"),
		f.checkNegotiated(sbcmock.UnitB, "", "v1.2"),
	))
	if f.a.CountCalls("GET", "/rest/v1.1/system/status") == 0 || f.b.CountCalls("GET", "/rest/v1.2/system/status") == 0 {
		t.Fatal("the data sources did not read both units in their versions")
	}
}

// checkTokenOnVersions asserts how the provider spoke to unit u, which wants a token on
// supportedversions: in every provider run, supportedversions asked without one (401), a
// login in v1.1, supportedversions asked again with the token, then only version paths.
func (f *sbcFixture) checkTokenOnVersions(u sbcmock.Unit, version string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		calls := f.unit(u).Calls()
		runs := 0
		for i := 0; i < len(calls); i++ {
			c := calls[i]
			if c.Path != sbcVersionsPath {
				if !strings.HasPrefix(c.Path, "/rest/"+version+"/") || c.Status >= 400 {
					return fmt.Errorf("unit %v: call %d is %s %s (%d), want only %s paths answered", u, i, c.Method, c.Path, c.Status, version)
				}
				continue
			}
			if i+2 >= len(calls) || c.Status != http.StatusUnauthorized || c.Header.Get("Authorization") != "" ||
				calls[i+1].Path != "/rest/v1.1/auth/token" || calls[i+1].Status != http.StatusOK ||
				calls[i+2].Path != sbcVersionsPath || calls[i+2].Status != http.StatusOK || calls[i+2].Header.Get("Authorization") == "" {
				return fmt.Errorf("unit %v: calls %s from %d, want supportedversions without a token (401), a v1.1 login, supportedversions with it", u, callPaths(calls[i:min(i+3, len(calls))]), i)
			}
			runs++
			i += 2
		}
		if runs == 0 || calls[0].Path != sbcVersionsPath {
			return fmt.Errorf("unit %v: %d negotiations, first call %s", u, runs, calls[0].Path)
		}
		return nil
	}
}

// A pair whose units want a token on supportedversions (Oracle's examples send one), one
// of them reporting a role outside Oracle's enum: both are read, in the version each
// negotiated, and the role is shown as the unit gives it.
func TestSBCHAStatusDataSource_tokenOnVersionsAndRoleOutsideEnum(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{VersionsNeedToken: true, Releases: [2]string{sbcmock.Release83, sbcmock.Release100}})
	f.pair.SetReportedRole(sbcmock.UnitB, "BecomingStandby")
	t.Parallel()
	applyAndCheck(t, f.provider(sbcBlock{username: sbcmock.ReadOnlyUser, password: sbcmock.ReadOnlyPassword})+fmt.Sprintf(`
data "netops_sbc_ha_status" "a" {}

data "netops_sbc_ha_status" "b" {
  host = %q
}
`, f.b.Host()), resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.a", "role", "active"),
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.a", "peer_role", "BecomingStandby"),
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.b", "role", "BecomingStandby"),
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.b", "peer_role", "active"),
		f.checkTokenOnVersions(sbcmock.UnitA, "v1.1"),
		f.checkTokenOnVersions(sbcmock.UnitB, "v1.2"),
	))
}
