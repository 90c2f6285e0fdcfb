package provider

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// Every session of every vendor expires in the middle of one apply: each vendor logs in
// again exactly once and the apply succeeds.
func TestAccReliability_allSessionsExpireMidApply(t *testing.T) {
	sbc := newSBCFixture(t, sbcmock.Options{})
	ftdf := newFTDFixture(t)
	li := newLIFixture(t)
	ff := newFFFixture(t)
	gate := ff.ff.AddTrafficChangeRequest("gate between the two halves of the apply", "FW_101")

	logins := map[*mock.Server]string{
		sbc.a: sbcTokenPath, sbc.b: sbcTokenPath, ftdf.primary: "/api/fdm/v6/fdm/token",
		li.master: "/api/v2/sessions", ff.srv: fireflowmock.AuthenticatePath,
	}
	var mu sync.Mutex
	marks := map[*mock.Server]int{}
	// The gate's read expires every session, before FireFlow answers it.
	ff.srv.OnNext(http.MethodGet, fmt.Sprintf("/FireFlow/api/change-requests/traffic/%d", gate), func() {
		mu.Lock()
		defer mu.Unlock()
		for s := range logins {
			marks[s] = len(s.Calls())
		}
		sbc.pair.ExpireTokens(sbcmock.UnitA)
		sbc.pair.ExpireTokens(sbcmock.UnitB)
		ftdf.pair.ExpireTokens(ftdmock.Primary)
		li.cluster.ExpireSessions()
		ff.ff.ExpireSessions()
	})
	loginsAfterMark := func(s *mock.Server) int {
		mu.Lock()
		defer mu.Unlock()
		n := 0
		for _, c := range s.Calls()[marks[s]:] {
			if c.Method == http.MethodPost && strings.HasPrefix(c.Path, logins[s]) {
				n++
			}
		}
		return n
	}
	ftdBlock := fmt.Sprintf(`
  ftd {
    host        = %q
    username    = %q
    password    = %q
    ca_cert_pem = %s
  }
`, ftdf.primary.Host(), ftdmock.Username, ftdmock.Password, heredoc(string(testAuthority(t).CertPEM())))

	config := providerWith(sbc.block(sbcBlock{}), ftdBlock, li.block(), ff.block()) +
		// First half: every vendor logs in and works.
		sbcSwitchoverConfig("sbc-a", "sessions") + ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY") +
		liMemberConfig("one", li.nodes[0].Host(), "") + ffAddToGroup + fmt.Sprintf(`
# The gate: its read expires every session.
data "netops_fireflow_change_request" "gate" {
  id         = "%d"
  kind       = "traffic"
  depends_on = [netops_sbc_switchover.test, netops_ftd_ha_configuration.fw_a, netops_loginsight_cluster_member.one, netops_fireflow_object_change_request.add]
}

# Second half: every vendor again, with expired sessions.
data "netops_sbc_ha_status" "after" {
  host       = %q
  depends_on = [data.netops_fireflow_change_request.gate, netops_sbc_switchover.test, netops_ftd_ha_configuration.fw_a, netops_loginsight_cluster_member.one]
}

data "netops_ftd_ha_status" "after" {
  depends_on = [data.netops_fireflow_change_request.gate, netops_sbc_switchover.test, netops_ftd_ha_configuration.fw_a, netops_loginsight_cluster_member.one]
}

data "netops_loginsight_cluster" "after" {
  depends_on = [data.netops_fireflow_change_request.gate, netops_sbc_switchover.test, netops_ftd_ha_configuration.fw_a, netops_loginsight_cluster_member.one]
}
`, gate, sbc.a.Host())
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("data.netops_sbc_ha_status.after", "role", "standby"),
				resource.TestCheckResourceAttr("data.netops_loginsight_cluster.after", "nodes.#", "2"),
				resource.TestCheckResourceAttr("data.netops_fireflow_change_request.gate", "status", "open"),
				func(*terraform.State) error {
					for s, want := range map[*mock.Server]int{sbc.a: 1, sbc.b: 0, ftdf.primary: 1, li.master: 1, ff.srv: 1} {
						if got := loginsAfterMark(s); got != want {
							return fmt.Errorf("%s: %d logins after the sessions expired, want %d", s.Name(), got, want)
						}
					}
					return nil
				},
			),
		}},
	})
}
