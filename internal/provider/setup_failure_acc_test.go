package provider

import (
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// An object is gone only when its own request says so. When the vendor's login answers
// 404 while Terraform refreshes, the plan fails with an error that names the login, and
// the state still holds the object: the next plan, with the login working again, is
// empty (nothing to create, nothing sent).

// loginNotFoundSteps applies config, plans it while inject makes the login answer 404,
// then plans it again once the faults are cleared.
func loginNotFoundSteps(config string, inject, restore func(), loginError ...string) []resource.TestStep {
	return []resource.TestStep{
		{Config: config},
		{PreConfig: inject, Config: config, PlanOnly: true, ExpectError: errorLike(loginError...)},
		{PreConfig: restore, Config: config, PlanOnly: true},
	}
}

const fdmNotFoundBody = `{"error":{"severity":"ERROR","key":"General","messages":[{"description":"Resource not found","code":"notFound"}]}}`

func TestAccFTDHAConfiguration_loginNotFoundDuringRefresh(t *testing.T) {
	f := newFTDFixture(t)
	config := f.providers() + ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY")
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: loginNotFoundSteps(config,
			func() {
				f.primary.Inject(mock.Fault{Method: http.MethodPost, Path: "/api/fdm/v6/fdm/token", Times: 100, Status: http.StatusNotFound, ContentType: "application/json", Body: fdmNotFoundBody})
			},
			f.primary.ClearFaults,
			"FTD login failed", "404", "POST /api/fdm/v6/fdm/token"),
	})
	if n := countPrefix(f.primary.Calls(), http.MethodPut, "/api/fdm/"); n != 1 {
		t.Fatalf("%d PUTs of the HA configuration, want the one of the create", n)
	}
}

// Log Insight: the session expires (440) between the membership and the node list, and
// the new login answers 404. The node list is undocumented and may be absent (a 404 to
// its own GET), but a failed login is no such absence.
func TestAccLogInsightClusterMember_loginNotFoundDuringRefresh(t *testing.T) {
	f := newLIFixture(t)
	config := f.provider() + liMemberConfig("node", f.nodes[0].Host(), "")
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: loginNotFoundSteps(config, func() { injectLILoginNotFoundAfterExpiry(f) }, f.master.ClearFaults,
			"Log Insight login failed", "404", "POST /api/v2/sessions"),
	})
}

// injectLILoginNotFoundAfterExpiry lets the next login through, expires the session at
// the next GET /cluster/nodes, and answers the login that follows with 404.
func injectLILoginNotFoundAfterExpiry(f *liFixture) {
	f.master.Inject(mock.Fault{Method: http.MethodGet, Path: "/api/v2/cluster/nodes", Times: 1, Status: 440, ContentType: "application/json", Body: `"Login Timeout"`})
	f.master.Inject(mock.Fault{Method: http.MethodPost, Path: "/api/v2/sessions", Times: 1, Every: 2, Status: http.StatusNotFound, ContentType: "application/json",
		Body: `{"errorMessage":"Not Found","errorCode":"RESOURCE_NOT_FOUND"}`})
}

// FireFlow tells a missing change request by its code, never by a status, so a login
// 404 was never taken for one; this keeps it so.
func TestAccFireFlowRuleRemovalRequest_loginNotFoundDuringRefresh(t *testing.T) {
	f := newFFFixture(t)
	config := f.provider() + ffRuleRemoval
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: loginNotFoundSteps(config,
			func() {
				f.srv.Inject(mock.Fault{Method: http.MethodPost, Path: fireflowmock.AuthenticatePath, Times: 100, Status: http.StatusNotFound, ContentType: "application/json",
					Body: `{"status":"Failure","messages":[{"code":"CHANGE_REQUEST_NOT_FOUND","message":"not found"}]}`})
			},
			f.srv.ClearFaults,
			"FireFlow login failed", "404"),
	})
	if n := f.ff.TicketCount(); n != 1 {
		t.Fatalf("the mock holds %d tickets, want the one created", n)
	}
}

// SBC: the switchover resource reads nothing back, so the refresh that meets the login is
// the status data source's.
func TestAccSBCHAStatusDataSource_loginNotFoundDuringRefresh(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{})
	config := f.provider(sbcBlock{}) + `data "netops_sbc_ha_status" "a" {}`
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: loginNotFoundSteps(config,
			func() {
				f.a.Inject(mock.Fault{Method: http.MethodPost, Path: sbcTokenPath, Times: 100, Status: http.StatusNotFound, ContentType: "application/xml",
					Body: `<response><data/><messages><message><code>404</code><text>Not Found</text></message></messages><links/></response>`})
			},
			f.a.ClearFaults,
			"SBC login failed", "404", "POST /rest/v1.2/auth/token"),
	})
}

// A list resource whose login fails reports an error diagnostic, never an empty result.

func TestFTDHAConfigurationList_loginNotFound_protocol(t *testing.T) {
	t.Parallel()
	f := newFTDFixture(t)
	f.configurePrimary(t)
	p := f.protocolProvider(t)
	f.primary.Inject(mock.Fault{Method: http.MethodPost, Path: "/api/fdm/v6/fdm/token", Times: 100, Status: http.StatusNotFound, ContentType: "application/json", Body: fdmNotFoundBody})
	expectListError(t, p.list("netops_ftd_ha_configuration", true), "FTD login failed")
}

func TestLogInsightClusterMemberList_loginNotFound_protocol(t *testing.T) {
	t.Parallel()
	f := newLIFixture(t)
	f.joinMember(t)
	p := f.protocolProvider(t)
	injectLILoginNotFoundAfterExpiry(f)
	expectListError(t, p.list("netops_loginsight_cluster_member", true), "Log Insight login failed")
}

// expectListError requires the results to hold an error diagnostic containing text and
// no listed object.
func expectListError(t *testing.T, results []tfprotov6.ListResourceResult, text string) {
	t.Helper()
	var found bool
	for _, r := range results {
		if r.Identity != nil {
			t.Fatalf("a failed login listed an object: %+v", r)
		}
		for _, d := range r.Diagnostics {
			if d.Severity == tfprotov6.DiagnosticSeverityError && strings.Contains(d.Summary+" "+d.Detail, text) {
				found = true
			}
		}
	}
	if !found {
		t.Fatalf("no error diagnostic containing %q among %d results: %+v", text, len(results), results)
	}
}
