package fireflowmock

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// testEnvelope reads answers the way a client would, independently of the
// mock's own types.
type testEnvelope struct {
	Status   string `json:"status"`
	Messages []struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"messages"`
	Data json.RawMessage `json:"data"`
}

type testCR struct {
	ID     int `json:"id"`
	Fields []struct {
		Name   string   `json:"name"`
		Values []string `json:"values"`
	} `json:"fields"`
	SubChangeRequests        []int            `json:"subChangeRequests"`
	OriginalRequestedActions []map[string]any `json:"originalRequestedActions"`
}

func (cr testCR) field(name string) []string {
	for _, f := range cr.Fields {
		if f.Name == name {
			return f.Values
		}
	}
	return nil
}

type answer struct {
	status int
	raw    string
	env    testEnvelope
}

// codes lists the message codes of the answer.
func (a answer) codes() []string {
	out := make([]string, 0, len(a.env.Messages))
	for _, m := range a.env.Messages {
		out = append(out, m.Code)
	}
	return out
}

// fixture is a FireFlow on a fake clock behind a TLS listener.
type fixture struct {
	ff     *FireFlow
	clock  *mock.FakeClock
	srv    *mock.Server
	client *http.Client
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	clock := mock.NewFakeClock(time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC))
	ff := New(Options{Clock: clock})
	ca, err := mock.NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := ff.Serve(ca, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(ca.CertPEM()) {
		t.Fatal("CA PEM not parsed")
	}
	transport := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}
	t.Cleanup(transport.CloseIdleConnections)
	return &fixture{ff: ff, clock: clock, srv: srv, client: &http.Client{Transport: transport}}
}

// do sends body (if not empty) with contentType and, when session is not
// empty, the FireFlow_Session cookie.
func (f *fixture) do(t *testing.T, method, path, contentType, body, session string) answer {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, f.srv.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if session != "" {
		req.Header.Set("Cookie", SessionCookie+"="+session)
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
	ans := answer{status: resp.StatusCode, raw: string(raw)}
	if ct := resp.Header.Get("Content-Type"); len(raw) > 0 && ct != "application/json" {
		t.Fatalf("%s %s: Content-Type %q", method, path, ct)
	}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &ans.env); err != nil {
			t.Fatalf("%s %s: body %q: %v", method, path, raw, err)
		}
	}
	return ans
}

func (f *fixture) post(t *testing.T, path, body, session string) answer {
	t.Helper()
	return f.do(t, http.MethodPost, path, "application/json", body, session)
}

func (f *fixture) login(t *testing.T) string {
	t.Helper()
	ans := f.post(t, AuthenticatePath, `{"username":"`+Username+`","password":"`+Password+`"}`, "")
	var data struct {
		SessionID string `json:"sessionId"`
	}
	if ans.status != 200 || ans.env.Status != "Success" || json.Unmarshal(ans.env.Data, &data) != nil || data.SessionID == "" {
		t.Fatalf("login: %d %s", ans.status, ans.raw)
	}
	return data.SessionID
}

// create posts a create request that must succeed and returns the new id.
func (f *fixture) create(t *testing.T, path, body, session string) int {
	t.Helper()
	ans := f.post(t, path, body, session)
	var data struct {
		ID  int    `json:"changeRequestId"`
		URL string `json:"redirectUrl"`
	}
	if ans.status != 200 || ans.env.Status != "Success" || json.Unmarshal(ans.env.Data, &data) != nil || data.ID == 0 {
		t.Fatalf("create %s: %d %s", path, ans.status, ans.raw)
	}
	if want := f.srv.URL() + "/FireFlow/Ticket/Display.html?id=" + strconv.Itoa(data.ID); data.URL != want {
		t.Errorf("redirectUrl %q, want %q", data.URL, want)
	}
	return data.ID
}

// read gets a change request that must exist.
func (f *fixture) read(t *testing.T, k Kind, id int, session string) testCR {
	t.Helper()
	ans := f.do(t, http.MethodGet, ChangeRequestPath(k, id), "", "", session)
	var cr testCR
	if ans.status != 200 || ans.env.Status != "Success" || json.Unmarshal(ans.env.Data, &cr) != nil {
		t.Fatalf("read %s %d: %d %s", k, id, ans.status, ans.raw)
	}
	return cr
}

// expectFailure checks a refusal: its HTTP status, data null and the message
// codes in order; texts, when given, must each be contained in the message at
// the same position.
func expectFailure(t *testing.T, ans answer, status int, codes []string, texts ...string) {
	t.Helper()
	got := ans.codes()
	if ans.status != status || ans.env.Status != "Failure" || string(ans.env.Data) != "null" || strings.Join(got, " ") != strings.Join(codes, " ") {
		t.Fatalf("got %d %s, want %d Failure with codes %v and data null", ans.status, ans.raw, status, codes)
	}
	for i, text := range texts {
		if !strings.Contains(ans.env.Messages[i].Message, text) {
			t.Errorf("message %d %q does not contain %q", i, ans.env.Messages[i].Message, text)
		}
	}
}
