package sbcmock

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// testResponse reads the SBC envelope the way a client would, independently of
// the mock's own types.
type testResponse struct {
	Data struct {
		AccessToken        string   `xml:"accessToken"`
		Latest             string   `xml:"supportedVersions>latestVersion"`
		Others             []string `xml:"supportedVersions>otherVersions>version"`
		HostName           string   `xml:"hostName"`
		SystemState        string   `xml:"systemState"`
		Role               string   `xml:"role"`
		HealthScorePercent int      `xml:"healthScorePercent"`
		HAPeerName         string   `xml:"haPeerName"`
		HAPeerRole         string   `xml:"haPeerRole"`
		HAHealth           int      `xml:"haHealthScorePercent"`
		HASwitchOvers      int      `xml:"haSwitchOvers"`
		HASync             []struct {
			Name  string `xml:"name"`
			State string `xml:"state"`
		} `xml:"haSyncState>component"`
		Logs []struct {
			Time     string `xml:"time"`
			OldState string `xml:"oldState"`
			NewState string `xml:"newState"`
			Info     string `xml:"info"`
		} `xml:"switchOverLogs>switchOver"`
	} `xml:"data"`
	Errors []string `xml:"messages>message>errorMessage"`
}

type answer struct {
	status      int
	contentType string
	raw         string
	body        testResponse
}

// fixture is a pair on a fake clock served on two TLS listeners.
type fixture struct {
	pair   *Pair
	clock  *mock.FakeClock
	a, b   *mock.Server
	client *http.Client
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	clock := mock.NewFakeClock(time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC))
	pair := NewPair(Options{Clock: clock})
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
	pool.AppendCertsFromPEM(ca.CertPEM())
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	return &fixture{pair: pair, clock: clock, a: a, b: b, client: client}
}

func (f *fixture) server(u Unit) *mock.Server {
	if u == UnitB {
		return f.b
	}
	return f.a
}

func (f *fixture) do(t *testing.T, u Unit, method, path string, header http.Header) answer {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, f.server(u).URL()+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "application/xml")
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := f.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	ans := answer{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), raw: string(raw)}
	if len(raw) > 0 && strings.HasPrefix(ans.contentType, "application/xml") {
		if err := xml.Unmarshal(raw, &ans.body); err != nil {
			t.Fatalf("%s %s: body %q: %v", method, path, raw, err)
		}
	}
	return ans
}

func basic(user, password string) http.Header {
	return http.Header{"Authorization": {"Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))}}
}

func bearer(token string) http.Header {
	return http.Header{"Authorization": {"Bearer " + token}}
}

func (f *fixture) login(t *testing.T, u Unit, user, password string) string {
	t.Helper()
	ans := f.do(t, u, "POST", "/rest/v1.1/auth/token", basic(user, password))
	if ans.status != 200 || ans.body.Data.AccessToken == "" {
		t.Fatalf("login %s on %s: %d %s", user, u, ans.status, ans.raw)
	}
	return ans.body.Data.AccessToken
}

func (f *fixture) status(t *testing.T, u Unit, token string) answer {
	t.Helper()
	ans := f.do(t, u, "GET", "/rest/v1.2/system/status", bearer(token))
	if ans.status != 200 {
		t.Fatalf("status of %s: %d %s", u, ans.status, ans.raw)
	}
	return ans
}

func (f *fixture) switchover(t *testing.T, u Unit, token string) answer {
	t.Helper()
	return f.do(t, u, "POST", "/rest/v1.1/admin/switchover", bearer(token))
}

// expectError checks a refusal: its status and one errorMessage containing text.
func expectError(t *testing.T, ans answer, status int, text string) {
	t.Helper()
	if ans.status != status || ans.contentType != "application/xml" || len(ans.body.Errors) != 1 || !strings.Contains(ans.body.Errors[0], text) {
		t.Fatalf("got %d %q %s, want %d with an errorMessage containing %q", ans.status, ans.contentType, ans.raw, status, text)
	}
}
