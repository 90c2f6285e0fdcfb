package provider

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/netops/terraform-provider-netops/internal/loginsight"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
)

// The cluster's admin password is write-only: Terraform 1.11 or newer.
var writeOnlyVersions = needs(featureWriteOnly)

// The admin of the clusters these tests bootstrap on the fixture's first node.
const (
	liNewAdmin    = "ops"
	liNewPassword = "Ops#Boot-6120!"
)

// newClusterBlock is a loginsight block whose host is the fixture's first (unbootstrapped)
// node, with the credentials of the admin the tests bootstrap it with.
func (f *liFixture) newClusterBlock() string {
	return fmt.Sprintf(`
  loginsight {
    host        = %q
    username    = %q
    password    = %q
    ca_cert_pem = %s
  }
`, f.nodes[0].Host(), liNewAdmin, liNewPassword, heredoc(string(testAuthority(f.t).CertPEM())))
}

func (f *liFixture) newClusterProvider() string { return providerWith(f.newClusterBlock()) }

// liClusterConfig is the cluster resource with the admin password (write-only) at version.
func liClusterConfig(password string, version int, extra string) string {
	return fmt.Sprintf(`
resource "netops_loginsight_cluster" "new" {
  admin_username            = %q
  admin_email               = "ops@example.net"
  admin_password_wo         = %q
  admin_password_wo_version = %d
%s
}
`, liNewAdmin, password, version, extra)
}

// newMaster is what the mock knows of the fixture's first node.
func (f *liFixture) newMaster() loginsightmock.NodeInfo {
	n, _ := f.cluster.Node(f.nodes[0].Host())
	return n
}

// One apply bootstraps the first node, sets its NTP servers and joins the second node to
// it; the re-plan is empty, the import reads the same cluster, the NTP servers and the
// password version update in place, and destroy leaves the cluster running.
func TestAccLogInsightCluster_bootstrapAndJoin(t *testing.T) {
	f := newLIFixture(t)
	ntp := `  ntp_servers = ["0.pool.ntp.org", "10.20.0.5"]`
	members := fmt.Sprintf(`
resource "netops_loginsight_cluster_member" "second" {
  node_host  = %q
  cluster_id = netops_loginsight_cluster.new.id
}

data "netops_loginsight_cluster" "after" {
  depends_on = [netops_loginsight_cluster_member.second]
}
`, f.nodes[1].Host())
	withCluster := func(password string, version int, ntp string) string {
		return f.newClusterProvider() + liClusterConfig(password, version, ntp) + members
	}
	config := withCluster(liNewPassword, 1, ntp)
	updated := strings.Replace(withCluster(liNewPassword, 2, `  ntp_servers = ["10.20.0.6"]`), "ops@example.net", "ops-team@example.net", 1)
	const addr = "netops_loginsight_cluster.new"
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   writeOnlyVersions,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			// No API un-bootstraps a node: destroy forgets the cluster, which keeps running.
			if m := f.newMaster(); !m.Master || m.State != loginsightmock.StateRunning {
				return fmt.Errorf("the master after destroy: %+v", m)
			}
			return noSpecRefusals(f)
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						m := f.newMaster()
						if !m.Master || m.State != loginsightmock.StateRunning || f.cluster.Bootstraps() != 1 {
							return fmt.Errorf("mock: first node %+v, %d bootstraps", m, f.cluster.Bootstraps())
						}
						if m.TimeReference != loginsightmock.TimeNTPServer || !slices.Equal(m.NTPServers, []string{"0.pool.ntp.org", "10.20.0.5"}) {
							return fmt.Errorf("mock time settings %q %q", m.TimeReference, m.NTPServers)
						}
						if n, _ := f.cluster.Node(f.nodes[1].Host()); !n.Member || n.MasterHost != f.nodes[0].Host() {
							return fmt.Errorf("second node %+v, want a member of %s", n, f.nodes[0].Host())
						}
						if n := len(f.master.Calls()); n != 0 {
							return fmt.Errorf("the other cluster's master saw %d requests", n)
						}
						// The join names the cluster's master by cluster_id: its host, and its port (not 9543).
						_, port, _ := net.SplitHostPort(f.nodes[0].Host())
						for _, c := range f.nodes[1].Calls() {
							if c.Path == "/api/v2/deployment/join" && !strings.Contains(c.Body, `"masterFQDN":"127.0.0.2","masterPort":`+port) {
								return fmt.Errorf("join body %s", c.Body)
							}
						}
						return nil
					},
					resource.TestCheckResourceAttr(addr, "id", f.nodes[0].Host()),
					resource.TestCheckResourceAttr(addr, "full_version", loginsightmock.DefaultFullVersion),
					resource.TestCheckResourceAttr(addr, "version", strings.Split(loginsightmock.DefaultFullVersion, "-")[0]),
					resource.TestCheckResourceAttr(addr, "nodes.#", "1"),
					resource.TestCheckResourceAttr(addr, "nodes.0.is_primary", "true"),
					resource.TestCheckResourceAttr(addr, "nodes.0.address", "127.0.0.2"),
					resource.TestCheckResourceAttr(addr, "admin_password_wo_version", "1"),
					resource.TestCheckNoResourceAttr(addr, "admin_password_wo"),
					stateHoldsNo(liNewPassword),
					resource.TestCheckResourceAttr("netops_loginsight_cluster_member.second", "cluster_id", f.nodes[0].Host()),
					resource.TestCheckResourceAttr("netops_loginsight_cluster_member.second", "master_fqdn", "127.0.0.2"),
					resource.TestCheckResourceAttr("data.netops_loginsight_cluster.after", "nodes.#", "2"),
				),
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            resource.TestCheckResourceAttr(addr, "nodes.#", "2"),
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateId:     f.nodes[0].Host(),
				ImportStateVerify: true,
				// Inputs no API gives back; see the resource docs.
				ImportStateVerifyIgnore: []string{"admin_username", "admin_email", "admin_password_wo_version", "ntp_servers", "timeouts"},
			},
			{
				// New NTP servers, a new password version and a new e-mail: one update in
				// place, which logs in as the admin, checks the servers and sends them.
				Config: updated,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("netops_loginsight_cluster_member.second", plancheck.ResourceActionNoop),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(resource.TestCheckResourceAttr(addr, "admin_email", "ops-team@example.net"), func(*terraform.State) error {
					if m := f.newMaster(); !slices.Equal(m.NTPServers, []string{"10.20.0.6"}) || f.cluster.TimeConfigs() != 2 || f.cluster.Bootstraps() != 1 {
						return fmt.Errorf("mock: %+v, %d time configurations, %d bootstraps", m, f.cluster.TimeConfigs(), f.cluster.Bootstraps())
					}
					return nil
				}),
			},
			{
				// NTP servers changed in the UI are read back (GET /time/config): the plan
				// updates the cluster in place, and the apply sets the configured ones again.
				PreConfig: func() {
					if err := f.cluster.SetTimeConfig(f.nodes[0].Host(), loginsightmock.TimeNTPServer, []string{"10.99.0.1"}); err != nil {
						t.Fatal(err)
					}
				},
				Config: updated,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("ntp_servers"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("10.20.0.6")})),
					},
				},
				Check: func(*terraform.State) error {
					if m := f.newMaster(); !slices.Equal(m.NTPServers, []string{"10.20.0.6"}) || f.cluster.TimeConfigs() != 3 || f.cluster.TimeTests() != 3 {
						return fmt.Errorf("mock: %+v, %d time configurations, %d tests", m, f.cluster.TimeConfigs(), f.cluster.TimeTests())
					}
					return nil
				},
			},
			{
				// A server the cluster cannot reach fails the apply, naming it, before the PUT.
				PreConfig: func() { f.cluster.SetUnreachableNTPServers([]string{"ntp.unreachable.test"}) },
				Config:    strings.Replace(updated, `["10.20.0.6"]`, `["10.20.0.6", "ntp.unreachable.test"]`, 1),
				ExpectError: errorLike(`Log Insight cannot reach the NTP servers`, `could not reach the NTP server(s) ntp.unreachable.test`,
					`Nothing was changed`),
			},
			{
				// A password version whose password does not log in fails, naming the attribute.
				PreConfig: func() {
					if m := f.newMaster(); !slices.Equal(m.NTPServers, []string{"10.20.0.6"}) || f.cluster.TimeConfigs() != 3 {
						t.Fatalf("the refused NTP servers changed the cluster: %+v, %d time configurations", m, f.cluster.TimeConfigs())
					}
				},
				Config:      withCluster("Not#The-Password-1", 3, `  ntp_servers = ["10.20.0.6"]`),
				ExpectError: errorLike(`Log Insight admin credentials do not log in`, `401`, `check admin_username and admin_password_wo`),
			},
		},
	})
}

// A node that answers 409 is adopted when the configured admin logs in to it, with a
// warning; with another password it is refused and nothing is saved.
func TestLogInsightCluster_adoptOnConflict_protocol(t *testing.T) {
	t.Parallel()
	f := newLIFixture(t)
	if err := f.cluster.Bootstrap(f.nodes[0].Host(), liNewAdmin, liNewPassword); err != nil {
		t.Fatal(err)
	}
	p := f.newClusterProtocolProvider(t)
	config := map[string]any{"admin_username": liNewAdmin, "admin_password_wo": "Wrong#Pass-0001", "admin_password_wo_version": 1}
	res := p.create("netops_loginsight_cluster", config)
	if res.state != nil || !diagnosed(res.diagnostics, "Log Insight node already bootstrapped by someone else", "409", "admin_password_wo", "does not log in") {
		t.Fatalf("wrong password: state %v, diagnostics %s", res.state, diagnosticsText(res.diagnostics))
	}
	if strings.Contains(diagnosticsText(res.diagnostics), "Wrong#Pass-0001") {
		t.Fatal("the password is in a diagnostic")
	}

	config["admin_password_wo"] = liNewPassword
	res = p.create("netops_loginsight_cluster", config)
	// The warning says what was sent: the refused deployment/new, the wait, the login.
	if hasErrors(res.diagnostics) || !diagnosed(res.diagnostics, "Log Insight node already bootstrapped: adopted", "409", `admin_username "ops" logs in`,
		"POST /api/v2/deployment/new, answered 409", "POST /api/v2/deployment/waitUntilStarted", "a login as admin_username", "admin_email was not applied") ||
		strings.Contains(diagnosticsText(res.diagnostics), "nothing was sent") {
		t.Fatalf("right password: %s", diagnosticsText(res.diagnostics))
	}
	if res.state["id"] != f.nodes[0].Host() || res.state["nodes.#"] != "1" || res.state["full_version"] != loginsightmock.DefaultFullVersion {
		t.Fatalf("state %v", res.state)
	}
	if n := f.nodes[0].CountCalls(http.MethodPost, "/api/v2/deployment/new"); n != 2 || f.cluster.Bootstraps() != 0 {
		t.Fatalf("%d bootstrap POSTs, %d bootstraps; want 2 refused ones", n, f.cluster.Bootstraps())
	}
}

// A cluster replaced in the run that destroyed it (a taint, -replace) is not sent
// deployment/new again: the destroyed state held its node, so the new one waits for the node
// and adopts it, and the warning says exactly what was sent. The 9.1 case: no v2 API.
func TestLogInsightCluster_replacementSendsNoNewAgain_protocol(t *testing.T) {
	t.Parallel()
	f := newLIFixtureWith(t, loginsightmock.Options{UnreachableNTPServers: []string{"ntp.unreachable.test"}})
	p := f.newClusterProtocolProvider(t)
	config := map[string]any{"admin_username": liNewAdmin, "admin_password_wo": liNewPassword, "ntp_servers": []any{"ntp.unreachable.test"}}
	res := p.create("netops_loginsight_cluster", config)
	if res.state["id"] != f.nodes[0].Host() || !diagnosed(res.diagnostics, "Log Insight cannot reach the NTP servers", "ntp.unreachable.test", "Nothing was changed",
		"saved in the state (the resource is tainted)", "without sending deployment/new again") {
		t.Fatalf("first create: state %v, %s", res.state, diagnosticsText(res.diagnostics))
	}
	if diags := p.destroyLogInsightCluster(f.nodes[0].Host()); !diagnosed(diags, "Log Insight cluster still bootstrapped") {
		t.Fatalf("destroy: %s", diagnosticsText(diags))
	}
	config["ntp_servers"] = []any{"10.20.0.5"}
	res = p.create("netops_loginsight_cluster", config)
	if hasErrors(res.diagnostics) || res.state["ntp_servers.0"] != "10.20.0.5" || !diagnosed(res.diagnostics,
		"deployment/new not sent again", "took deployment/new in an earlier apply", "POST /api/v2/deployment/waitUntilStarted",
		"a login as admin_username", "POST /api/v2/time/test and PUT /api/v2/time/config") {
		t.Fatalf("replacement: state %v, %s", res.state, diagnosticsText(res.diagnostics))
	}
	if n := f.nodes[0].CountCalls(http.MethodPost, "/api/v2/deployment/new"); n != 1 || f.cluster.TimeConfigs() != 1 {
		t.Fatalf("%d deployment/new POSTs, %d time configurations; want 1 and 1", n, f.cluster.TimeConfigs())
	}
	if err := noSpecRefusals(f); err != nil {
		t.Fatal(err)
	}
}

// On VCF 9.1 the bootstrap fails naming the release, with nothing set up; so does a read.
func TestLogInsightCluster_release91_protocol(t *testing.T) {
	t.Parallel()
	f := newLIFixtureWith(t, loginsightmock.Options{Release: loginsightmock.Release91})
	res := f.newClusterProtocolProvider(t).create("netops_loginsight_cluster", map[string]any{"admin_username": liNewAdmin, "admin_password_wo": liNewPassword})
	if res.state != nil || !diagnosed(res.diagnostics, "Log Insight refused to bootstrap the node: no Log Insight v2 API at the node",
		"404", "POST /api/v2/deployment/new", loginsightmock.Release91Version, "VCF Operations for Logs 9.1 or later", "Nothing was set up") ||
		strings.Contains(diagnosticsText(res.diagnostics), "Correct the admin user") {
		t.Fatalf("state %v, %s", res.state, diagnosticsText(res.diagnostics))
	}
	diags := f.protocolProvider(t).readDataSource("netops_loginsight_cluster")
	if !diagnosed(diags, "Reading the Log Insight cluster failed: no Log Insight v2 API at the node", "login failed", loginsightmock.Release91Version) {
		t.Fatalf("data source: %s", diagnosticsText(diags))
	}
}

func TestNTPServersRead(t *testing.T) {
	ntp := func(servers ...string) *loginsight.TimeConfig {
		return &loginsight.TimeConfig{TimeReference: loginsight.TimeNTPServer, NTPServers: servers}
	}
	for _, tc := range []struct {
		known   []string
		read    *loginsight.TimeConfig
		want    []string
		changed bool
	}{
		{[]string{"a", "b"}, ntp("a", "b"), []string{"a", "b"}, false},
		{[]string{"a", "B"}, ntp("b", "A"), []string{"b", "A"}, false}, // order and case: kept as known
		{[]string{"a", "b"}, ntp("a"), []string{"a"}, true},
		{[]string{"a"}, ntp("a", "c"), []string{"a", "c"}, true},
		{[]string{"a"}, &loginsight.TimeConfig{TimeReference: loginsight.TimeESXHost, NTPServers: []string{"a"}}, []string{}, true},
	} {
		got, changed := ntpServersRead(tc.known, tc.read)
		if changed != tc.changed || (changed && !slices.Equal(got, tc.want)) {
			t.Errorf("%v read %+v: %v %v, want %v %v", tc.known, tc.read, got, changed, tc.want, tc.changed)
		}
	}
}

// readDataSource reads a data source without attributes through the plugin protocol.
func (p *protocolProvider) readDataSource(typeName string) []*tfprotov6.Diagnostic {
	p.t.Helper()
	typ := p.schema.DataSourceSchemas[typeName].ValueType()
	resp, err := p.server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: p.value(typ, map[string]any{})})
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.Diagnostics
}

// destroyLogInsightCluster deletes the cluster whose master is id through the plugin protocol.
func (p *protocolProvider) destroyLogInsightCluster(id string) []*tfprotov6.Diagnostic {
	p.t.Helper()
	typ := p.schema.ResourceSchemas["netops_loginsight_cluster"].ValueType()
	null, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
	if err != nil {
		p.t.Fatal(err)
	}
	ar, err := p.server.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
		TypeName: "netops_loginsight_cluster", PriorState: p.value(typ, map[string]any{"id": id, "admin_username": liNewAdmin}),
		PlannedState: &null, Config: &null,
	})
	if err != nil {
		p.t.Fatal(err)
	}
	return ar.Diagnostics
}

// A worker of another cluster is not adopted as a cluster, even when its admin logs in.
func TestLogInsightCluster_refusesAWorker_protocol(t *testing.T) {
	t.Parallel()
	f := newLIFixture(t)
	f.joinMember(t) // the first node joins the served master's cluster
	p := newProtocolProvider(t, map[string]any{
		"loginsight": map[string]any{
			"host": f.nodes[0].Host(), "username": loginsightmock.AdminUser, "password": loginsightmock.AdminPassword,
			"ca_cert_pem": string(testAuthority(t).CertPEM()),
		},
	})
	res := p.create("netops_loginsight_cluster", map[string]any{"admin_username": loginsightmock.AdminUser, "admin_password_wo": loginsightmock.AdminPassword})
	if res.state != nil || !diagnosed(res.diagnostics, "Log Insight node is a worker of a cluster", "not as its master") {
		t.Fatalf("state %v, diagnostics %s", res.state, diagnosticsText(res.diagnostics))
	}
}

// Refusals come back in the vendor's words: a refused bootstrap saves nothing; an NTP
// server the bootstrapped node cannot reach leaves the cluster in the state (tainted) with
// its time settings unchanged, and the next apply replaces it by adopting the node without
// sending deployment/new again.
func TestAccLogInsightCluster_vendorErrors(t *testing.T) {
	f := newLIFixture(t)
	config := f.newClusterProvider() + liClusterConfig(liNewPassword, 1, `  ntp_servers = ["10.20.0.5"]`)
	const addr = "netops_loginsight_cluster.new"
	newPosts := func() int { return f.nodes[0].CountCalls(http.MethodPost, "/api/v2/deployment/new") }
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   writeOnlyVersions,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return noSpecRefusals(f) },
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					f.nodes[0].Inject(mockFault(http.MethodPost, "/api/v2/deployment/new", http.StatusBadRequest,
						`{"errorMessage":"Invalid request body.","errorCode":"JSON_FORMAT_ERROR","errorDetails":{"reason":"user.email is not a valid e-mail address"}}`))
				},
				Config:      config,
				ExpectError: errorLike(`Log Insight refused to bootstrap the node`, `400`, `JSON_FORMAT_ERROR: Invalid request body.; user.email is not a valid e-mail address`, `Nothing was set up`),
			},
			{
				PreConfig: func() {
					if f.cluster.Bootstraps() != 0 {
						t.Fatal("the refused bootstrap set the node up")
					}
					f.cluster.SetUnreachableNTPServers([]string{"10.20.0.5"})
				},
				Config:      config,
				ExpectError: errorLike(`Log Insight cannot reach the NTP servers`, `10.20.0.5`, `Nothing was changed`),
				Check:       resource.TestCheckResourceAttr(addr, "id", f.nodes[0].Host()),
			},
			{
				PreConfig: func() {
					if m := f.newMaster(); m.TimeReference != loginsightmock.TimeESXHost || f.cluster.TimeConfigs() != 0 {
						t.Fatalf("the unreachable server was set: %+v", m)
					}
					f.cluster.SetUnreachableNTPServers(nil)
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
				},
				Check: func(*terraform.State) error {
					if f.cluster.Bootstraps() != 1 || newPosts() != 2 || f.cluster.TimeConfigs() != 1 {
						return fmt.Errorf("%d bootstraps, %d deployment/new POSTs (the refused one and the accepted one), %d time configurations; want 1, 2, 1",
							f.cluster.Bootstraps(), newPosts(), f.cluster.TimeConfigs())
					}
					return nil
				},
			},
		},
	})
}

// noSpecRefusals fails when the mock refused a request VMware's v2 spec does not declare.
func noSpecRefusals(f *liFixture) error {
	if r := f.cluster.SpecRefusals(); len(r) > 0 {
		return fmt.Errorf("the mock refused requests under the v2 spec: %+v", r)
	}
	return nil
}

// A 404 to the login during a refresh is an error, not a vanished cluster: the state is
// kept and the next plan is empty.
func TestAccLogInsightCluster_loginNotFoundKeepsState(t *testing.T) {
	f := newLIFixture(t)
	config := f.newClusterProvider() + liClusterConfig(liNewPassword, 1, "")
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   writeOnlyVersions,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					f.nodes[0].Inject(mock.Fault{Method: http.MethodPost, Path: "/api/v2/sessions", Times: 1, Status: http.StatusNotFound, ContentType: "text/plain", Body: "Not Found"})
				},
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)Reading the Log Insight cluster failed.*login failed.*404`),
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            resource.TestCheckResourceAttr("netops_loginsight_cluster.new", "id", f.nodes[0].Host()),
			},
		},
	})
	if f.cluster.Bootstraps() != 1 {
		t.Fatalf("%d bootstraps, want 1", f.cluster.Bootstraps())
	}
}

func TestLogInsightCluster_planTimeValidation(t *testing.T) {
	t.Parallel()
	f := newLIFixture(t)
	valid := liClusterConfig(liNewPassword, 1, `  ntp_servers = ["10.20.0.5"]`)
	rows := map[string]rowError{}
	for name, tc := range map[string]struct{ old, new, want string }{
		"empty user":     {`admin_username            = "ops"`, `admin_username = ""`, "admin_username string length must be at least 1"},
		"bad e-mail":     {`"ops@example.net"`, `"ops.example.net"`, "admin_email must be an e-mail address"},
		"empty password": {`admin_password_wo         = "` + liNewPassword + `"`, `admin_password_wo = ""`, "admin_password_wo string length must be at least 1"},
		"no NTP server":  {`["10.20.0.5"]`, `[]`, "ntp_servers list must contain at least 1 elements"},
		"NTP twice":      {`["10.20.0.5"]`, `["10.20.0.5", "10.20.0.5"]`, "This attribute contains duplicate values"},
		"NTP URL":        {`["10.20.0.5"]`, `["http://10.20.0.5"]`, `"http://10.20.0.5" is not a host name`},
	} {
		config := strings.Replace(valid, tc.old, tc.new, 1)
		if config == valid {
			t.Fatalf("%q not in the configuration", tc.old)
		}
		rows[name] = rowError{config, regexp.MustCompile(regexp.QuoteMeta(tc.want))}
	}
	expectRowErrors(t, f.newClusterProvider(), rows)
	expectPlanError(t, f.provider()+liMemberConfig("one", f.nodes[1].Host(), `  cluster_id = "http://li-master"`), regexp.MustCompile("uses plain http"))
	if n := len(f.nodes[0].Calls()) + len(f.master.Calls()); n != 0 {
		t.Fatalf("the mock received %d requests; validation must fail before any", n)
	}
}

// A member whose cluster_id names another cluster than the provider's master is refused
// before the node is asked to join.
func TestLogInsightClusterMember_clusterIDMismatch_protocol(t *testing.T) {
	t.Parallel()
	f := newLIFixture(t)
	res := f.protocolProvider(t).create("netops_loginsight_cluster_member", map[string]any{"node_host": f.nodes[1].Host(), "cluster_id": f.nodes[0].Host()})
	if res.state != nil || !diagnosed(res.diagnostics, "Log Insight cluster is not the provider's", f.nodes[0].Host(), f.master.Host()) {
		t.Fatalf("state %v, diagnostics %s", res.state, diagnosticsText(res.diagnostics))
	}
	if n := len(f.nodes[1].Calls()) + len(f.master.Calls()); n != 0 {
		t.Fatalf("the mock received %d requests", n)
	}
}

func TestLogInsightClusterImportByIdentity_protocol(t *testing.T) {
	t.Parallel()
	f := newLIFixture(t)
	if err := f.cluster.Bootstrap(f.nodes[0].Host(), liNewAdmin, liNewPassword); err != nil {
		t.Fatal(err)
	}
	p := f.newClusterProtocolProvider(t)
	state, id, diags := p.importByIdentity("netops_loginsight_cluster", map[string]any{"host": f.nodes[0].Host()})
	if diags != nil || state["id"] != f.nodes[0].Host() || id["host"] != f.nodes[0].Host() || state["full_version"] != loginsightmock.DefaultFullVersion {
		t.Fatalf("import by identity: state %v identity %v %s", state, id, diagnosticsText(diags))
	}
	// Another host than the provider's master is refused at the read.
	_, _, diags = p.importByIdentity("netops_loginsight_cluster", map[string]any{"host": f.master.Host()})
	if !diagnosed(diags, "Log Insight cluster not at the provider's host", f.master.Host()) {
		t.Fatalf("diagnostics %s", diagnosticsText(diags))
	}
}

func TestAccLogInsightCluster_Identity(t *testing.T) {
	f := newLIFixture(t)
	testIdentityImport(t, identityCase{
		factories:   protoV6ProviderFactories,
		config:      f.newClusterProvider() + liClusterConfig(liNewPassword, 1, ""),
		address:     "netops_loginsight_cluster.new",
		identity:    map[string]knownvalue.Check{"host": knownvalue.StringExact(f.nodes[0].Host())},
		idAttr:      "host",
		planChanges: true, // the admin inputs are adopted from the configuration
	})
}

// On a CLI without write-only attributes the cluster is refused at plan time, naming the
// release that has them, before any request.
func TestAccLogInsightCluster_writeOnlyOnOlderTerraform(t *testing.T) {
	f := newLIFixture(t)
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   lacks(featureWriteOnly),
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      f.newClusterProvider() + liClusterConfig(liNewPassword, 1, ""),
			ExpectError: errorLike("netops_loginsight_cluster needs Terraform 1.11 or newer"),
		}},
	})
	if n := len(f.nodes[0].Calls()); n != 0 {
		t.Fatalf("the node received %d requests; validation must fail before any", n)
	}
}

// The same check at the plugin protocol: a client that announces write-only support passes, one that
// does not gets the provider's diagnostic.
func TestLogInsightCluster_writeOnlyNeedsClientSupport(t *testing.T) {
	t.Parallel()
	f := newLIFixture(t)
	s := newPlanServer(t)
	config := resourceConfigValue(t, s, "netops_loginsight_cluster", f.newClusterProvider()+liClusterConfig(liNewPassword, 1, ""))
	for _, allowed := range []bool{true, false} {
		resp, err := s.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{
			TypeName: "netops_loginsight_cluster", Config: config,
			ClientCapabilities: &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: allowed},
		})
		if err != nil {
			t.Fatal(err)
		}
		text := diagnosticsText(resp.Diagnostics)
		if refused := strings.Contains(text, "netops_loginsight_cluster needs Terraform 1.11 or newer"); refused == allowed {
			t.Errorf("write-only allowed %v: diagnostics %s", allowed, text)
		}
	}
}
