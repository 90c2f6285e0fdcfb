package provider

import (
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
)

// A membership answer without its nodes map is reported, quoted, and never read as the
// member being gone: the state keeps it.
func TestAccUnexpectedAnswer_logInsightMembership(t *testing.T) {
	f := newLIFixture(t)
	config := f.provider() + liMemberConfig("one", f.nodes[0].Host(), "")
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					f.master.Inject(mock.Fault{Method: http.MethodGet, Path: "/api/v2/upgrades", Times: 1, Status: http.StatusOK,
						ContentType: "application/json", Body: `{"version":"8.18.0","fullVersion":"8.18.0-24029231","stable":true}`})
				},
				Config:      config,
				PlanOnly:    true,
				ExpectError: errorLike(`Unexpected answer from Log Insight`, `GET /api/v2/upgrades`, `it holds no "nodes"`, `200 OK (application/json)`, `"stable":true`, `report`),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.TestCheckResourceAttrSet("netops_loginsight_cluster_member.one", "id"),
			},
		},
	})
}

// A create answered by a page that is not FireFlow's envelope is quoted in the
// diagnostic, and not sent again.
func TestUnexpectedAnswer_fireFlowCreate(t *testing.T) {
	f := newFFFixture(t)
	f.srv.Inject(mock.Fault{Method: http.MethodPost, Path: fireflowmock.ObjectCreatePath, Times: 1, Status: http.StatusOK,
		ContentType: "text/html; charset=UTF-8", Body: "<html><body>Web application firewall: request blocked (ref 8841)</body></html>"})
	t.Parallel()
	expectApplyError(t, f.provider()+ffSeveralActions, errorLike(`FireFlow gave an answer the provider does not understand to POST /FireFlow/api/request/object`,
		`it is text/html; charset=UTF-8, not JSON`, `200 OK`, `request blocked (ref 8841)`))
	if n := f.posts(fireflowmock.ObjectCreatePath); n != 1 {
		t.Fatalf("%d creates sent, want 1", n)
	}
}

// The FDM client decodes through the shared JSON helper: an HA status that does not
// decode is quoted as well.
func TestUnexpectedAnswer_ftdStatus(t *testing.T) {
	f := newFTDFixture(t)
	f.primary.Inject(mock.Fault{Method: http.MethodGet, Path: "/api/fdm/*", Times: 1, Status: http.StatusOK,
		ContentType: "application/json", Body: `{"nodeRole":null,"nodeState":["SINGLE_NODE"]}`})
	t.Parallel()
	expectApplyError(t, f.providers()+`
data "netops_ftd_ha_status" "fw_a" {}
`, errorLike(`gave an answer the provider does not understand to GET`, `/devices/default/operational/ha/status/default`, `does not decode`, `["SINGLE_NODE"]`))
}
