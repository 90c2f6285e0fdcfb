package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

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
