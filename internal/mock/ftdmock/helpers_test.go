package ftdmock

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// The test types read the wire the way a client would, independently of the
// mock's own types.

type tErrorWrapper struct {
	Error struct {
		Severity string `json:"severity"`
		Key      string `json:"key"`
		Messages []struct {
			Description string `json:"description"`
			Code        string `json:"code"`
			Location    string `json:"location"`
		} `json:"messages"`
	} `json:"error"`
}

type tTokens struct {
	AccessToken      string `json:"access_token"`
	ExpiresIn        int64  `json:"expires_in"`
	TokenType        string `json:"token_type"`
	RefreshToken     string `json:"refresh_token"`
	RefreshExpiresIn int64  `json:"refresh_expires_in"`
	StatusCode       int    `json:"status_code"`
	Message          string `json:"message"`
}

type tJob struct {
	ID              string   `json:"id"`
	Name            *string  `json:"name"`
	Type            string   `json:"type"`
	State           string   `json:"state"`
	QueuedTime      int64    `json:"queuedTime"`
	StartTime       int64    `json:"startTime"`
	EndTime         int64    `json:"endTime"`
	StatusMessage   *string  `json:"statusMessage"`
	StatusMessages  []string `json:"statusMessages"`
	CLIErrorMessage *string  `json:"cliErrorMessage"`
	InterfaceOption *string  `json:"interfaceOption"`
	Links           struct {
		Self string `json:"self"`
	} `json:"links"`
}

type tStatus struct {
	NodeRole       *string `json:"nodeRole"`
	NodeState      string  `json:"nodeState"`
	PeerNodeState  string  `json:"peerNodeState"`
	ConfigStatus   string  `json:"configStatus"`
	HAHealthStatus string  `json:"haHealthStatus"`
	ID             string  `json:"id"`
	Type           string  `json:"type"`
	Links          struct {
		Self string `json:"self"`
	} `json:"links"`
}

type tList[T any] struct {
	Items  []T `json:"items"`
	Paging struct {
		Prev   []string `json:"prev"`
		Next   []string `json:"next"`
		Limit  int      `json:"limit"`
		Offset int      `json:"offset"`
		Count  int      `json:"count"`
		Pages  int      `json:"pages"`
	} `json:"paging"`
}

type tInterface struct {
	ID             string  `json:"id"`
	Version        string  `json:"version"`
	Name           *string `json:"name"`
	HardwareName   string  `json:"hardwareName"`
	Enabled        bool    `json:"enabled"`
	ManagementOnly bool    `json:"managementOnly"`
	Type           string  `json:"type"`
}

var epoch = time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)

// fixture is a pair on a fake clock served on two TLS listeners.
type fixture struct {
	pair   *Pair
	clock  *mock.FakeClock
	srv    [2]*mock.Server
	client *http.Client
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	clock := mock.NewFakeClock(epoch)
	f := newFixtureWith(t, Options{Clock: clock})
	f.clock = clock
	return f
}

// newFixtureWith serves a pair made with opts; f.clock is nil unless set.
func newFixtureWith(t *testing.T, opts Options) *fixture {
	t.Helper()
	pair := NewPair(opts)
	ca, err := mock.NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	a, b, err := pair.Serve(ca, "", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	t.Cleanup(b.Close)
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(ca.CertPEM()) {
		t.Fatal("CA PEM not parsed")
	}
	// No keep-alive: a dropped connection must surface as an error, not be retried.
	client := &http.Client{Transport: &http.Transport{
		TLSClientConfig:   &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12},
		DisableKeepAlives: true,
	}}
	return &fixture{pair: pair, srv: [2]*mock.Server{a, b}, client: client}
}

type answer struct {
	status      int
	contentType string
	raw         string
}

func (a answer) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(a.raw), v); err != nil {
		t.Fatalf("decode %q: %v", a.raw, err)
	}
}

// api is a path under the v6 API root.
func api(path string) string { return "/api/fdm/v6/" + path }

// send issues one request; body is marshalled unless it is a string.
func (f *fixture) send(t *testing.T, u Unit, method, path, token string, body any) (answer, error) {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, f.srv[u].URL()+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
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

func (f *fixture) do(t *testing.T, u Unit, method, path, token string, body any) answer {
	t.Helper()
	ans, err := f.send(t, u, method, path, token, body)
	if err != nil {
		t.Fatalf("%s %s on %s: %v", method, path, u, err)
	}
	return ans
}

// ok requires a 200 and decodes it into v.
func (f *fixture) ok(t *testing.T, u Unit, method, path, token string, body, v any) {
	t.Helper()
	ans := f.do(t, u, method, path, token, body)
	if ans.status != http.StatusOK || ans.contentType != "application/json" {
		t.Fatalf("%s %s on %s: %d %q %s", method, path, u, ans.status, ans.contentType, ans.raw)
	}
	if v != nil {
		ans.decode(t, v)
	}
}

func (f *fixture) grant(t *testing.T, u Unit, body map[string]any) (answer, tTokens) {
	t.Helper()
	ans := f.do(t, u, "POST", api("fdm/token"), "", body)
	var tok tTokens
	ans.decode(t, &tok)
	return ans, tok
}

func (f *fixture) login(t *testing.T, u Unit) tTokens {
	t.Helper()
	ans, tok := f.grant(t, u, map[string]any{"grant_type": "password", "username": Username, "password": Password})
	if ans.status != 200 || tok.AccessToken == "" {
		t.Fatalf("login on %s: %d %s", u, ans.status, ans.raw)
	}
	return tok
}

func (f *fixture) status(t *testing.T, u Unit, token string) tStatus {
	t.Helper()
	var st tStatus
	f.ok(t, u, "GET", api("devices/default/operational/ha/status/default"), token, nil, &st)
	return st
}

// expectError checks an ErrorWrapper answer: status, key and a message whose
// description contains text.
func expectError(t *testing.T, ans answer, status int, key, text string) tErrorWrapper {
	t.Helper()
	var e tErrorWrapper
	if ans.status != status || ans.contentType != "application/json" {
		t.Fatalf("got %d %q %s, want %d", ans.status, ans.contentType, ans.raw, status)
	}
	ans.decode(t, &e)
	if e.Error.Severity != "ERROR" || e.Error.Key != key || len(e.Error.Messages) == 0 {
		t.Fatalf("error body %s, want key %s", ans.raw, key)
	}
	for _, m := range e.Error.Messages {
		if strings.Contains(m.Description, text) {
			return e
		}
	}
	t.Fatalf("no message of %s contains %q", ans.raw, text)
	return e
}

// interfaceRef looks an interface up by hardware name over the API.
func (f *fixture) interfaceRef(t *testing.T, u Unit, token, hardwareName string) map[string]any {
	t.Helper()
	var list tList[tInterface]
	f.ok(t, u, "GET", api("devices/default/interfaces?filter=hardwareName:"+hardwareName), token, nil, &list)
	if len(list.Items) != 1 {
		t.Fatalf("interface %s on %s: %+v", hardwareName, u, list)
	}
	itf := list.Items[0]
	return map[string]any{"id": itf.ID, "type": itf.Type, "name": itf.Name, "version": itf.Version}
}

// currentConfig returns the singleton's id and version as read over the API.
func (f *fixture) currentConfig(t *testing.T, u Unit, token string) (id, version string) {
	t.Helper()
	var list tList[map[string]any]
	f.ok(t, u, "GET", api("devices/default/ha/configurations"), token, nil, &list)
	if len(list.Items) != 1 {
		t.Fatalf("configurations on %s: %+v", u, list)
	}
	id, _ = list.Items[0]["id"].(string)
	version, _ = list.Items[0]["version"].(string)
	return id, version
}

// configBody is a valid HA configuration for role, failover and stateful link
// on GigabitEthernet0/7.
func (f *fixture) configBody(t *testing.T, u Unit, token, role string) map[string]any {
	t.Helper()
	id, version := f.currentConfig(t, u, token)
	link := f.interfaceRef(t, u, token, "GigabitEthernet0/7")
	return map[string]any{
		"id": id, "version": version, "name": "HA", "type": "haconfiguration", "nodeRole": role,
		"failoverInterface": link, "failoverName": "fover",
		"statefulFailoverInterface": link, "statefulFailoverName": "fover",
		"primaryFailoverIPv4":   map[string]any{"ipAddress": "192.168.77.1", "netmask": "24", "type": "ipv4address"},
		"secondaryFailoverIPv4": map[string]any{"ipAddress": "192.168.77.2", "netmask": "255.255.255.0", "type": "ipv4address"},
		"sharedKey":             "s3cret-key",
	}
}

func (f *fixture) putConfig(t *testing.T, u Unit, token string, body map[string]any) answer {
	t.Helper()
	id, _ := body["id"].(string)
	return f.do(t, u, "PUT", api("devices/default/ha/configurations/"+id), token, body)
}

// configure PUTs a valid configuration for role on unit u.
func (f *fixture) configure(t *testing.T, u Unit, token, role string) {
	t.Helper()
	if ans := f.putConfig(t, u, token, f.configBody(t, u, token, role)); ans.status != 200 {
		t.Fatalf("configure %s as %s: %d %s", u, role, ans.status, ans.raw)
	}
}

func (f *fixture) postJob(t *testing.T, u Unit, op Op, token string, body any) tJob {
	t.Helper()
	var j tJob
	f.ok(t, u, "POST", api("devices/default/action/ha/"+string(op)), token, body, &j)
	return j
}

func (f *fixture) job(t *testing.T, u Unit, op Op, token, id string) tJob {
	t.Helper()
	var j tJob
	f.ok(t, u, "GET", api("devices/default/action/ha/"+string(op)+"/"+id), token, nil, &j)
	return j
}

// jobTime is the default time from accepting a job to its end.
var jobTime = DefaultTimings().JobQueued + DefaultTimings().JobDeploying

// settleTime is the default time from a completed join to IN_SYNC.
var settleTime = DefaultTimings().Negotiation + DefaultTimings().Sync

// formPair joins Primary (HA_PRIMARY) then Secondary over the API and waits
// for IN_SYNC; it returns the two access tokens.
func (f *fixture) formPair(t *testing.T) (primary, secondary string) {
	t.Helper()
	primary, secondary = f.login(t, Primary).AccessToken, f.login(t, Secondary).AccessToken
	f.configure(t, Primary, primary, RolePrimary)
	f.postJob(t, Primary, OpJoin, primary, nil)
	f.clock.Advance(jobTime)
	f.configure(t, Secondary, secondary, RoleSecondary)
	f.postJob(t, Secondary, OpJoin, secondary, nil)
	f.clock.Advance(jobTime + settleTime)
	if st := f.status(t, Secondary, secondary); st.NodeState != NodeStandby || st.ConfigStatus != ConfigInSync {
		t.Fatalf("pair not formed: %+v", st)
	}
	return primary, secondary
}
