package ftd_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

func (f *unitPair) clientVersion(t *testing.T, u ftdmock.Unit, version string) *ftd.Client {
	t.Helper()
	c, err := ftd.New(ftd.Config{
		BaseURL: f.srv[u].URL(), Username: ftdmock.Username, Password: ftdmock.Password, APIVersion: version,
		CACertPEM: string(f.ca.CertPEM()),
		Transport: transport.Config{Retry: transport.Retry{Attempts: 2, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}},
		Polling:   transport.Polling{Min: 10 * time.Millisecond, Max: 50 * time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The break goes out in the form the unit's API version documents: the clearIntfs
// query before 6.6 (API v5), the interfaceOption body from then on; up to v2 without a
// body, which the v2 spec does not declare. "latest" is sent as the newest version the
// unit lists.
func TestBreak_formFollowsRelease(t *testing.T) {
	for _, tc := range []struct {
		release, apiVersion string
		option              string
		spoken, query, body string // what the mock must receive
	}{
		{ftdmock.Release63, "latest", ftd.EnableWithStandbyIP, "v2", "clearIntfs=false", ""},
		{ftdmock.Release63, "v2", ftd.DisableInterfaces, "v2", "clearIntfs=true", ""},
		{ftdmock.Release66, "latest", ftd.EnableWithStandbyIP, "v5", "", `{"interfaceOption":"ENABLE_WITH_STANDBY_IP","type":"breakhastatus"}`},
		{ftdmock.Release70, "v4", ftd.EnableWithStandbyIP, "v4", "clearIntfs=false", `{"type":"breakhastatus"}`},
		{ftdmock.Release70, "latest", ftd.DisableInterfaces, "v6", "", `{"interfaceOption":"DISABLE_INTERFACES","type":"breakhastatus"}`},
	} {
		t.Run(tc.release+"/"+tc.apiVersion, func(t *testing.T) {
			f := newUnitPair(t, ftdmock.Options{Release: tc.release})
			if err := f.pair.FormPair(); err != nil {
				t.Fatal(err)
			}
			standby := f.clientVersion(t, ftdmock.Secondary, tc.apiVersion)
			j, err := standby.Break(t.Context(), tc.option)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := standby.WaitJob(t.Context(), ftd.JobBreak, j.ID, nil); err != nil {
				t.Fatal(err)
			}
			var posts []mock.Call
			for _, c := range f.srv[ftdmock.Secondary].Calls() {
				if c.Method == http.MethodPost && strings.HasSuffix(c.Path, breakPath) {
					posts = append(posts, c)
				}
			}
			if len(posts) != 1 || posts[0].Path != "/api/fdm/"+tc.spoken+breakPath || posts[0].RawQuery != tc.query || posts[0].Body != tc.body {
				t.Fatalf("break requests %+v; want one on %s with query %q body %q", posts, tc.spoken, tc.query, tc.body)
			}
			if tc.body == "" && posts[0].Header.Get("Content-Type") != "" {
				t.Fatalf("a break without a body carries Content-Type %q", posts[0].Header.Get("Content-Type"))
			}
			if held := f.pair.Jobs(ftdmock.Secondary, ftdmock.OpBreak); len(held) != 1 || held[0].InterfaceOption != tc.option {
				t.Fatalf("mock break jobs %+v", held)
			}
			if n := f.srv[ftdmock.Secondary].CountCalls(http.MethodGet, "/api/versions"); n != 1 {
				t.Fatalf("/api/versions read %d times, want once", n)
			}
			assertSpokenOnly(t, f.srv[ftdmock.Secondary], tc.spoken)
		})
	}
}

// assertSpokenOnly requires every versioned request a unit received, login included,
// to name version v, and GET /api/versions to come first.
func assertSpokenOnly(t *testing.T, s *mock.Server, v string) {
	t.Helper()
	calls := s.Calls()
	if len(calls) == 0 || calls[0].Method != http.MethodGet || calls[0].Path != "/api/versions" {
		t.Fatalf("the first request is not GET /api/versions: %+v", calls)
	}
	for _, c := range calls[1:] {
		if !strings.HasPrefix(c.Path, "/api/fdm/"+v+"/") {
			t.Fatalf("%s %s is not under /api/fdm/%s/", c.Method, c.Path, v)
		}
	}
}

func TestAPIVersions_configuredVersionNotOffered(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{Release: ftdmock.Release63})
	_, err := f.clientVersion(t, ftdmock.Primary, "v6").HAStatus(t.Context())
	if err == nil || !strings.Contains(err.Error(), "does not offer API version v6; it offers v1, v2: set ftd.api_version (NETOPS_FTD_API_VERSION)") {
		t.Fatalf("err = %v", err)
	}
	if calls := f.srv[ftdmock.Primary].Calls(); len(calls) != 1 {
		t.Fatalf("%d calls, want only /api/versions", len(calls))
	}
}

func TestJob_unknownStateIsUnexpectedAnswer(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	c := f.client(t, ftdmock.Primary)
	f.srv[ftdmock.Primary].Inject(mock.Fault{Method: http.MethodGet, Path: apiPath(joinPath + "/j1"), Times: 1, Status: http.StatusOK, ContentType: "application/json",
		Body: `{"id":"j1","type":"joinhastatus","state":"PAUSED","queuedTime":1,"startTime":-1,"endTime":-1}`})
	_, err := c.Job(t.Context(), ftd.JobJoin, "j1")
	var ua *transport.UnexpectedAnswerError
	if !errors.As(err, &ua) || !strings.Contains(err.Error(), `FTD gave an answer the provider does not understand to GET /api/fdm/v6/devices/default/action/ha/join/j1`) ||
		!strings.Contains(err.Error(), `job state "PAUSED" is none of QUEUED`) || !strings.Contains(err.Error(), `"state":"PAUSED"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestHAStatus_missingNodeStateIsUnexpectedAnswer(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	f.srv[ftdmock.Primary].Inject(mock.Fault{Method: http.MethodGet, Path: apiPath(statusPath), Times: 1, Status: http.StatusOK, ContentType: "application/json",
		Body: `{"id":"default","type":"hastatus"}`})
	_, err := f.client(t, ftdmock.Primary).HAStatus(t.Context())
	if !strings.Contains(err.Error(), "the HA status holds no nodeState") || !strings.Contains(err.Error(), `{"id":"default","type":"hastatus"}`) {
		t.Fatalf("err = %v", err)
	}
}

// A unit (or a proxy in front of it) that answers GET /api/versions with 404 is spoken to
// in the configured version, once asked: the break takes the form that version
// documents. "latest" then tries the token paths of v2, then v1, as Cisco's client does,
// and speaks the first that answers.
func TestAPIVersions_endpointNotServed(t *testing.T) {
	for _, tc := range []struct {
		release, apiVersion, spoken, query, body string
		logins                                   []string // the token paths tried, in order
	}{
		{ftdmock.Release70, "v6", "v6", "", `{"interfaceOption":"DISABLE_INTERFACES","type":"breakhastatus"}`, []string{"v6"}},
		{ftdmock.Release63, "v2", "v2", "clearIntfs=true", "", []string{"v2"}},
		{ftdmock.Release63, "latest", "v2", "clearIntfs=true", "", []string{"v2"}},
		{"6.2", "latest", "v1", "clearIntfs=true", "", []string{"v2", "v1"}},
	} {
		t.Run(tc.release+"/"+tc.apiVersion, func(t *testing.T) {
			opts := ftdmock.Options{Release: tc.release, NoVersionsEndpoint: true}
			if tc.release == "6.2" {
				// A unit that serves only v1, like the releases before 6.3.
				opts = ftdmock.Options{Release: ftdmock.Release63, Versions: []string{"v1"}, NoVersionsEndpoint: true}
			}
			f := newUnitPair(t, opts)
			if err := f.pair.FormPair(); err != nil {
				t.Fatal(err)
			}
			standby := f.clientVersion(t, ftdmock.Secondary, tc.apiVersion)
			if _, err := standby.HAStatus(t.Context()); err != nil {
				t.Fatalf("HA status without /api/versions: %v", err)
			}
			if _, err := standby.Break(t.Context(), ftd.DisableInterfaces); err != nil {
				t.Fatalf("break without /api/versions: %v", err)
			}
			srv := f.srv[ftdmock.Secondary]
			if n := srv.CountCalls(http.MethodGet, "/api/versions"); n != 1 {
				t.Fatalf("/api/versions asked %d times, want once", n)
			}
			var posts, logins []mock.Call
			for _, c := range srv.Calls() {
				switch {
				case c.Method == http.MethodPost && strings.HasSuffix(c.Path, breakPath):
					posts = append(posts, c)
				case c.Method == http.MethodPost && strings.HasSuffix(c.Path, tokenPath):
					logins = append(logins, c)
				}
			}
			if len(posts) != 1 || posts[0].Path != "/api/fdm/"+tc.spoken+breakPath || posts[0].RawQuery != tc.query || posts[0].Body != tc.body {
				t.Fatalf("break requests %+v; want one on %s with query %q body %q", posts, tc.spoken, tc.query, tc.body)
			}
			if len(logins) != len(tc.logins) {
				t.Fatalf("token calls %+v; want one on each of %v", logins, tc.logins)
			}
			for i, v := range tc.logins {
				if logins[i].Path != "/api/fdm/"+v+tokenPath {
					t.Fatalf("token call %d on %s, want %s", i, logins[i].Path, v)
				}
			}
		})
	}
}

// A unit that serves neither /api/versions nor the v2 and v1 token paths is not guessed
// at further: the error names the paths tried and says to set ftd.api_version, and it
// is never a not-found.
func TestAPIVersions_endpointNotServedNoFallback(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{NoVersionsEndpoint: true})
	_, err := f.client(t, ftdmock.Primary).HAConfigurationByID(t.Context(), "whatever")
	if err == nil || transport.IsNotFound(err) ||
		!strings.Contains(err.Error(), "serves none of the token paths /api/fdm/v2/fdm/token, /api/fdm/v1/fdm/token") ||
		!strings.Contains(err.Error(), "set ftd.api_version") {
		t.Fatalf("err = %v (IsNotFound %v)", err, transport.IsNotFound(err))
	}
	for _, c := range f.srv[ftdmock.Primary].Calls() {
		if strings.Contains(c.Path, "/ha/") {
			t.Fatalf("%s %s sent after the login failed", c.Method, c.Path)
		}
	}
}

// A login that answers 404 under the version the unit lists is a failed login, never a
// missing object, whichever call it happened before; nothing else is tried.
func TestLogin_notFoundIsNotObjectNotFound(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	c := f.client(t, ftdmock.Primary)
	cfg, err := c.HAConfiguration(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	f.pair.ExpireTokens(ftdmock.Primary)
	f.srv[ftdmock.Primary].Inject(mock.Fault{Method: http.MethodPost, Path: apiPath(tokenPath), Times: 10, Status: http.StatusNotFound, ContentType: "application/json",
		Body: `{"error":{"severity":"ERROR","key":"General","messages":[{"description":"Resource not found","code":"notFound"}]}}`})
	_, err = c.HAConfigurationByID(t.Context(), cfg.ID)
	if err == nil || transport.IsNotFound(err) || !strings.Contains(err.Error(), "FTD login failed") || !strings.Contains(err.Error(), "POST /api/fdm/v6/fdm/token") {
		t.Fatalf("err = %v (IsNotFound %v), want a failed login that is not a not-found", err, transport.IsNotFound(err))
	}
	_, err = c.Job(t.Context(), ftd.JobJoin, "purged")
	if err == nil || transport.IsNotFound(err) {
		t.Fatalf("job read with a failing login: %v (IsNotFound %v)", err, transport.IsNotFound(err))
	}
}

// A unit whose /api/versions fails otherwise is not spoken to, and the failure is no
// not-found even when its status is 404-like for the lookup itself.
func TestAPIVersions_lookupFailureIsNegotiation(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	f.srv[ftdmock.Primary].Inject(mock.Fault{Method: http.MethodGet, Path: "/api/versions", Times: 5, Status: http.StatusInternalServerError, ContentType: "text/plain", Body: "boom"})
	_, err := f.client(t, ftdmock.Primary).HAStatus(t.Context())
	var ne *transport.NegotiationError
	if !errors.As(err, &ne) || transport.IsNotFound(err) || !strings.Contains(err.Error(), "GET /api/versions") {
		t.Fatalf("err = %v", err)
	}
}
