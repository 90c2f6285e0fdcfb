package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

const ftdStatusPath = "/devices/default/operational/ha/status/default"

// countPaths counts the calls whose path ends with suffix.
func countPaths(calls []mock.Call, method, suffix string) int {
	n := 0
	for _, c := range calls {
		if c.Method == method && strings.HasSuffix(c.Path, suffix) {
			n++
		}
	}
	return n
}

func TestFTDHAStatusDataSource_singleUnit(t *testing.T) {
	f := newFTDFixture(t)
	t.Parallel()
	applyAndCheck(t, f.providers()+`
data "netops_ftd_ha_status" "fw_a" {
  provider = netops
}
`, resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckResourceAttr("data.netops_ftd_ha_status.fw_a", "node_state", "SINGLE_NODE"),
		resource.TestCheckResourceAttr("data.netops_ftd_ha_status.fw_a", "node_role", ""),
		func(*terraform.State) error {
			if n := countPaths(f.primary.Calls(), http.MethodGet, ftdStatusPath); n == 0 {
				return fmt.Errorf("the primary mock saw no GET of the HA status")
			}
			if n := len(f.secondary.Calls()); n != 0 {
				return fmt.Errorf("the secondary mock saw %d requests; only the primary is read", n)
			}
			return nil
		},
	))
}

func TestFTDHAStatusDataSource_vendorError(t *testing.T) {
	f := newFTDFixture(t)
	f.primary.Inject(mock.Fault{Method: http.MethodGet, Path: "/api/fdm/*", Times: 100, Status: http.StatusForbidden,
		ContentType: "application/json", Body: `{"error":{"severity":"ERROR","key":"Forbidden","messages":[{"description":"Access denied for HA status","code":"forbidden","location":""}]}}`})
	t.Parallel()
	expectApplyError(t, f.providers()+`
data "netops_ftd_ha_status" "fw_a" {
  provider = netops
}
`, errorLike("Reading the FTD HA status failed", "403", "Access denied for HA status"))
}
