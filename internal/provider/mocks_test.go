package provider

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// ftdFixture is a pair of single FTD units.
type ftdFixture struct {
	t                  *testing.T
	pair               *ftdmock.Pair
	primary, secondary *mock.Server
}

func newFTDFixture(t *testing.T) *ftdFixture {
	t.Helper()
	return newFTDFixtureWith(t, ftdmock.Options{})
}

// newFTDFixtureWith serves units made with opts; zero timings become 150 ms phases.
func newFTDFixtureWith(t *testing.T, opts ftdmock.Options) *ftdFixture {
	t.Helper()
	if opts.Timings == (ftdmock.Timings{}) {
		opts.Timings = ftdmock.QuickTimings(150 * time.Millisecond)
	}
	pair := ftdmock.NewPair(opts)
	p, s, err := pair.Serve(testAuthority(t), "", "")
	if err != nil {
		t.Fatalf("starting the FTD mock: %v", err)
	}
	t.Cleanup(func() { p.Close(); s.Close() })
	return &ftdFixture{t: t, pair: pair, primary: p, secondary: s}
}

// checkFormed asserts the mock holds a healthy, synchronised pair.
func (f *ftdFixture) checkFormed() error {
	p, s := f.pair.HAStatus(ftdmock.Primary), f.pair.HAStatus(ftdmock.Secondary)
	if p.NodeState != ftdmock.NodeActive || s.NodeState != ftdmock.NodeStandby || s.ConfigStatus != ftdmock.ConfigInSync {
		return fmt.Errorf("mock pair: primary %+v, secondary %+v", p, s)
	}
	return nil
}

func (f *ftdFixture) checkSingle() error {
	for _, u := range []ftdmock.Unit{ftdmock.Primary, ftdmock.Secondary} {
		if st := f.pair.HAStatus(u); st.NodeState != ftdmock.NodeSingle {
			return fmt.Errorf("mock unit %v is %s, want SINGLE_NODE", u, st.NodeState)
		}
	}
	return nil
}

func (f *ftdFixture) joinJobs(u ftdmock.Unit) int { return len(f.pair.Jobs(u, ftdmock.OpJoin)) }

// expireWhenJobRuns expires the primary's tokens once its join job exists, so that the
// provider meets the expiry while it polls the job.
func expireWhenJobRuns(f *ftdFixture) {
	// Terraform may take seconds to reach the join on a loaded machine: look for two minutes.
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); {
		if len(f.pair.Jobs(ftdmock.Primary, ftdmock.OpJoin)) > 0 {
			f.pair.ExpireTokens(ftdmock.Primary)
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func mockFault(method, path string, status int, body string) mock.Fault {
	return mock.Fault{Method: method, Path: path, Times: 1, Status: status, Body: body, ContentType: "application/json"}
}

// liFixture is a Log Insight master with two unbootstrapped nodes, each on its own
// loopback address (127.0.0.2 and 127.0.0.3; the master on 127.0.0.1) as cluster
// nodes are on their own hosts.
type liFixture struct {
	t       *testing.T
	cluster *loginsightmock.Cluster
	master  *mock.Server
	nodes   []*mock.Server
}

func newLIFixture(t *testing.T) *liFixture {
	t.Helper()
	return newLIFixtureWith(t, loginsightmock.Options{})
}

// newLIFixtureWith serves a cluster made with opts (StartDelay 300 ms unless set).
func newLIFixtureWith(t *testing.T, opts loginsightmock.Options) *liFixture {
	t.Helper()
	if opts.StartDelay == 0 {
		opts.StartDelay = 300 * time.Millisecond
	}
	c := loginsightmock.NewCluster(opts)
	master, nodes, err := c.Serve(testAuthority(t), "", "127.0.0.2:0", "127.0.0.3:0")
	if err != nil {
		t.Fatalf("starting the Log Insight mock: %v", err)
	}
	t.Cleanup(c.Close)
	return &liFixture{t: t, cluster: c, master: master, nodes: nodes}
}

// members lists the tokens of the master's cluster, master excluded.
func (f *liFixture) workerTokens() []string {
	var out []string
	for _, n := range f.cluster.Members() {
		if !n.Master {
			out = append(out, n.Token)
		}
	}
	return out
}

func (f *liFixture) approvals() int { return len(f.cluster.Approvals()) }

func (f *liFixture) joinPosts() int {
	n := 0
	for _, s := range f.nodes {
		n += s.CountCalls(http.MethodPost, "/api/v2/deployment/join")
	}
	return n
}

// sbcFixture is an SBC pair served by the mock, A active and B standby.
type sbcFixture struct {
	t    *testing.T
	pair *sbcmock.Pair
	a, b *mock.Server
}

func newSBCFixture(t *testing.T, opts sbcmock.Options) *sbcFixture {
	t.Helper()
	if opts.SwitchoverDelay == 0 {
		opts.SwitchoverDelay = 300 * time.Millisecond
	}
	pair := sbcmock.NewPair(opts)
	a, b, err := pair.Serve(testAuthority(t), "", "")
	if err != nil {
		t.Fatalf("starting the SBC mock: %v", err)
	}
	t.Cleanup(func() { a.Close(); b.Close() })
	return &sbcFixture{t: t, pair: pair, a: a, b: b}
}

const (
	sbcSwitchoverPath = "/rest/v1.2/admin/switchover"
	sbcTokenPath      = "/rest/v1.2/auth/token"
)

const sbcVersionsPath = "/rest/api/supportedversions"

// unit is the server of one SBC unit.
func (f *sbcFixture) unit(u sbcmock.Unit) *mock.Server {
	if u == sbcmock.UnitA {
		return f.a
	}
	return f.b
}

// checkNegotiated asserts how the provider spoke to unit u: with api_version auto (or
// unset), every provider run that reached the unit read supportedversions once, before
// its first versioned call, so the unit saw as many of them as logins; with an explicit
// version, none. Every other call used version.
func (f *sbcFixture) checkNegotiated(u sbcmock.Unit, apiVersion, version string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		calls := f.unit(u).Calls()
		negotiations, logins := 0, 0
		for i, c := range calls {
			switch {
			case c.Path == sbcVersionsPath:
				negotiations++
				if c.Header.Get("Authorization") != "" {
					return fmt.Errorf("unit %v: supportedversions was sent with credentials", u)
				}
			case !strings.HasPrefix(c.Path, "/rest/"+version+"/"):
				return fmt.Errorf("unit %v: call %d is %s %s, want only %s paths", u, i, c.Method, c.Path, version)
			case c.Path == "/rest/"+version+"/auth/token":
				logins++
			}
		}
		auto := apiVersion == "" || apiVersion == "auto"
		switch {
		case logins == 0:
			return fmt.Errorf("unit %v: no login in %s", u, version)
		case auto && (calls[0].Path != sbcVersionsPath || negotiations != logins):
			return fmt.Errorf("unit %v: %d supportedversions reads for %d logins (first call %s), want one per provider run, first", u, negotiations, logins, calls[0].Path)
		case !auto && negotiations != 0:
			return fmt.Errorf("unit %v: %d supportedversions reads with api_version %s", u, negotiations, apiVersion)
		}
		return nil
	}
}

// switchoverPosts counts the switchover requests both units received.
func (f *sbcFixture) switchoverPosts() int {
	return f.a.CountCalls(http.MethodPost, sbcSwitchoverPath) + f.b.CountCalls(http.MethodPost, sbcSwitchoverPath)
}

func (f *sbcFixture) requests() int {
	return len(f.a.Calls()) + len(f.b.Calls())
}

// ffFixture is a FireFlow server with the mock's seeded templates, devices and objects.
type ffFixture struct {
	t   *testing.T
	ff  *fireflowmock.FireFlow
	srv *mock.Server
}

func newFFFixture(t *testing.T) *ffFixture {
	t.Helper()
	ff := fireflowmock.New(fireflowmock.Options{})
	srv, err := ff.Serve(testAuthority(t), "")
	if err != nil {
		t.Fatalf("starting the FireFlow mock: %v", err)
	}
	t.Cleanup(srv.Close)
	return &ffFixture{t: t, ff: ff, srv: srv}
}

func (f *ffFixture) posts(path string) int { return f.srv.CountCalls(http.MethodPost, path) }

const (
	ffObjectTemplate = "135: Object Change Multi Device Request"
	ffRuleTemplate   = "140: Rule Removal Request"
	ffRuleA          = "BC100ABA-446E-493B-9707-604C2A493676"
	ffRuleB          = "88784DAF-C0A9-4B06-AE94-E8199A802EAC"
)

var (
	authorityOnce sync.Once
	authority     *mock.Authority
	authorityErr  error
)

// testAuthority is the CA of every mock listener in this package's tests.
func testAuthority(t *testing.T) *mock.Authority { return testAuthorityB(t) }

func testAuthorityB(t testing.TB) *mock.Authority {
	t.Helper()
	authorityOnce.Do(func() { authority, authorityErr = mock.NewAuthority() })
	if authorityErr != nil {
		t.Fatalf("mock authority: %v", authorityErr)
	}
	return authority
}

// nodeAddress is the address (without port) the i-th new Log Insight node listens on, as
// the cluster reports it.
func (f *liFixture) nodeAddress(i int) string {
	host, _, err := net.SplitHostPort(f.nodes[i].Host())
	if err != nil {
		f.t.Fatal(err)
	}
	return host
}

// countPrefix counts the calls of a method whose path starts with prefix.
func countPrefix(calls []mock.Call, method, prefix string) int {
	n := 0
	for _, c := range calls {
		if c.Method == method && strings.HasPrefix(c.Path, prefix) {
			n++
		}
	}
	return n
}
