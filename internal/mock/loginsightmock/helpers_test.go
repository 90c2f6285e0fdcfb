package loginsightmock

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// The tests read answers the way a client would, into their own types.

type answer struct {
	status      int
	contentType string
	raw         string
}

type errorBody struct {
	ErrorMessage string            `json:"errorMessage"`
	ErrorCode    string            `json:"errorCode"`
	ErrorDetails map[string]string `json:"errorDetails"`
}

type ticket struct {
	MasterAddress string `json:"masterAddress"`
	MasterUIPort  int    `json:"masterUiPort"`
	WorkerAddress string `json:"workerAddress"`
	WorkerPort    int    `json:"workerPort"`
	WorkerToken   string `json:"workerToken"`
}

type approval struct {
	MasterHostname string `json:"masterHostname"`
	ClusterNode    *struct {
		Token       string `json:"token"`
		Hostname    string `json:"hostname"`
		Status      string `json:"status"`
		FullVersion string `json:"fullVersion"`
	} `json:"clusterNode"`
}

// fixture is a master and two unbootstrapped nodes on a fake clock.
type fixture struct {
	cluster *Cluster
	clock   *mock.FakeClock
	master  *mock.Server
	nodes   []*mock.Server
	client  *http.Client
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	clock := mock.NewFakeClock(time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC))
	return newFixtureWith(t, Options{Clock: clock}, clock)
}

func newFixtureWith(t *testing.T, opts Options, clock *mock.FakeClock) *fixture {
	t.Helper()
	ca, err := mock.NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	c := NewCluster(opts)
	master, nodes, err := c.Serve(ca, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(ca.CertPEM()) {
		t.Fatal("CA PEM not parsed")
	}
	// No keep-alive: net/http would silently retry a dropped idempotent request.
	client := &http.Client{Transport: &http.Transport{
		TLSClientConfig:   &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12},
		DisableKeepAlives: true,
	}}
	return &fixture{cluster: c, clock: clock, master: master, nodes: nodes, client: client}
}

func (f *fixture) send(t *testing.T, s *mock.Server, method, path, body string, header http.Header) (answer, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, s.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), raw: string(raw)}, nil
}

func (f *fixture) do(t *testing.T, s *mock.Server, method, path, body string, header http.Header) answer {
	t.Helper()
	ans, err := f.send(t, s, method, path, body, header)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return ans
}

func bearer(id string) http.Header {
	return http.Header{"Authorization": {"Bearer " + id}}
}

func decode[T any](t *testing.T, ans answer) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(ans.raw), &v); err != nil {
		t.Fatalf("body %q: %v", ans.raw, err)
	}
	return v
}

func credentials(user, password, provider string) string {
	b, _ := json.Marshal(map[string]string{"username": user, "password": password, "provider": provider})
	return string(b)
}

func (f *fixture) login(t *testing.T, s *mock.Server) string {
	t.Helper()
	ans := f.do(t, s, "POST", "/api/v2/sessions", credentials(AdminUser, AdminPassword, "Local"), nil)
	if ans.status != 200 {
		t.Fatalf("login: %d %s", ans.status, ans.raw)
	}
	return decode[struct{ SessionID string }](t, ans).SessionID
}

func port(s *mock.Server) int {
	_, p, _ := net.SplitHostPort(s.Host())
	n, _ := strconv.Atoi(p)
	return n
}

// joinBody names the fixture's master the way a client configured with its
// host:port would.
func (f *fixture) joinBody(extra string) string {
	return `{"masterFQDN":"127.0.0.1","masterPort":` + strconv.Itoa(port(f.master)) + extra + `}`
}

func (f *fixture) join(t *testing.T, node *mock.Server) ticket {
	t.Helper()
	ans := f.do(t, node, "POST", "/api/v2/deployment/join", f.joinBody(""), nil)
	if ans.status != 200 {
		t.Fatalf("join %s: %d %s", node.Host(), ans.status, ans.raw)
	}
	return decode[ticket](t, ans)
}

func approveBody(tk ticket, approved bool) string {
	b, _ := json.Marshal(map[string]any{
		"workerAddress": tk.WorkerAddress, "workerPort": tk.WorkerPort, "workerToken": tk.WorkerToken, "approved": approved,
	})
	return string(b)
}

func (f *fixture) approve(t *testing.T, session string, tk ticket, approved bool) approval {
	t.Helper()
	ans := f.do(t, f.master, "POST", "/api/v2/deployment/approve", approveBody(tk, approved), bearer(session))
	if ans.status != 200 {
		t.Fatalf("approve: %d %s", ans.status, ans.raw)
	}
	return decode[approval](t, ans)
}

// addWorker joins node to the master, approves it and lets it start; it
// returns the cluster node token.
func (f *fixture) addWorker(t *testing.T, session string, node *mock.Server) string {
	t.Helper()
	a := f.approve(t, session, f.join(t, node), true)
	f.clock.Advance(2 * time.Second)
	return a.ClusterNode.Token
}

// expectError checks a refusal with the vendor's error body.
func expectError(t *testing.T, ans answer, status int, code, text string) errorBody {
	t.Helper()
	if ans.status != status || !strings.HasPrefix(ans.contentType, "application/json") {
		t.Fatalf("got %d %q %s, want %d", ans.status, ans.contentType, ans.raw, status)
	}
	e := decode[errorBody](t, ans)
	if e.ErrorCode != code || !strings.Contains(e.ErrorMessage, text) {
		t.Fatalf("got %s, want errorCode %q and an errorMessage containing %q", ans.raw, code, text)
	}
	return e
}

// expectBare checks a 401/440 answer: a JSON string in v2, plain text in v1.
func expectBare(t *testing.T, ans answer, status int, text string, v1 bool) {
	t.Helper()
	want, ct := `"`+text+`"`, "application/json"
	if v1 {
		want, ct = text, "text/plain"
	}
	if ans.status != status || ans.raw != want || !strings.HasPrefix(ans.contentType, ct) {
		t.Fatalf("got %d %q %q, want %d %q %q", ans.status, ans.contentType, ans.raw, status, ct, want)
	}
}

func (f *fixture) node(t *testing.T, s *mock.Server) NodeInfo {
	t.Helper()
	n, ok := f.cluster.Node(s.Host())
	if !ok {
		t.Fatalf("no node at %s", s.Host())
	}
	return n
}
