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
// query before 6.6 (API v5), the interfaceOption body from then on.
func TestBreak_formFollowsRelease(t *testing.T) {
	for _, tc := range []struct {
		release, apiVersion string
		option              string
		query, body         string // what the mock must receive
	}{
		{ftdmock.Release63, "latest", ftd.EnableWithStandbyIP, "clearIntfs=false", `{"type":"breakhastatus"}`},
		{ftdmock.Release63, "v2", ftd.DisableInterfaces, "clearIntfs=true", `{"type":"breakhastatus"}`},
		{ftdmock.Release66, "latest", ftd.EnableWithStandbyIP, "", `{"interfaceOption":"ENABLE_WITH_STANDBY_IP","type":"breakhastatus"}`},
		{ftdmock.Release70, "v4", ftd.EnableWithStandbyIP, "clearIntfs=false", `{"type":"breakhastatus"}`},
		{ftdmock.Release70, "latest", ftd.DisableInterfaces, "", `{"interfaceOption":"DISABLE_INTERFACES","type":"breakhastatus"}`},
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
			if len(posts) != 1 || posts[0].Path != "/api/fdm/"+tc.apiVersion+breakPath || posts[0].RawQuery != tc.query || posts[0].Body != tc.body {
				t.Fatalf("break requests %+v; want one with query %q body %s", posts, tc.query, tc.body)
			}
			if held := f.pair.Jobs(ftdmock.Secondary, ftdmock.OpBreak); len(held) != 1 || held[0].InterfaceOption != tc.option {
				t.Fatalf("mock break jobs %+v", held)
			}
			if n := f.srv[ftdmock.Secondary].CountCalls(http.MethodGet, "/api/versions"); n != 1 {
				t.Fatalf("/api/versions read %d times, want once", n)
			}
		})
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
	if !errors.As(err, &ua) || !strings.Contains(err.Error(), `FTD gave an answer the provider does not understand to GET /api/fdm/latest/devices/default/action/ha/join/j1`) ||
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
// in the configured version, once asked: the break takes the form that version documents.
func TestAPIVersions_endpointNotServed(t *testing.T) {
	for _, tc := range []struct {
		release, apiVersion, query, body string
	}{
		{ftdmock.Release70, "latest", "", `{"interfaceOption":"DISABLE_INTERFACES","type":"breakhastatus"}`},
		{ftdmock.Release63, "v2", "clearIntfs=true", `{"type":"breakhastatus"}`},
	} {
		t.Run(tc.release+"/"+tc.apiVersion, func(t *testing.T) {
			f := newUnitPair(t, ftdmock.Options{Release: tc.release, NoVersionsEndpoint: true})
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
			var posts []mock.Call
			for _, c := range srv.Calls() {
				if c.Method == http.MethodPost && strings.HasSuffix(c.Path, breakPath) {
					posts = append(posts, c)
				}
			}
			if len(posts) != 1 || posts[0].Path != "/api/fdm/"+tc.apiVersion+breakPath || posts[0].RawQuery != tc.query || posts[0].Body != tc.body {
				t.Fatalf("break requests %+v; want one with query %q body %s", posts, tc.query, tc.body)
			}
		})
	}
}
