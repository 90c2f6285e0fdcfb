package loginsight_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/loginsight"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// On VCF 9.1 the v2 API is gone: a login, and an unauthenticated deployment call alike,
// fail naming the release GET /version reports, and never read as not found.
func TestRelease91_namesTheRelease(t *testing.T) {
	f := newLIClusterWith(t, loginsightmock.Options{Release: loginsightmock.Release91})
	_, err := f.masterClient(t).Upgrades(t.Context())
	var re *loginsight.ReleaseError
	if !errors.As(err, &re) || !errors.Is(err, loginsight.ErrAPINotServed) || transport.IsNotFound(err) {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{"login failed", "404", "POST /api/v2/sessions", "runs release " + loginsightmock.Release91Version + " (GA)",
		"VCF Operations for Logs 9.1 or later", "has no session, deployment or time calls"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
	_, err = f.nodeClient(t, f.nodes[0]).Join(t.Context(), f.joinMaster(t))
	if !errors.As(err, &re) || re.Release == nil || !re.Release.AtLeast(9, 1) || !strings.Contains(err.Error(), "POST /api/v2/deployment/join") {
		t.Fatalf("join: %v", err)
	}
	if n := f.master.CountCalls(http.MethodPost, "/api/v2/sessions"); n != 1 {
		t.Errorf("%d logins: a 404 is not retried", n)
	}
}

// Without /version, the 404s alone say which release is likely, and why /version did not.
func TestRelease91_withoutVersion(t *testing.T) {
	f := newLIClusterWith(t, loginsightmock.Options{Release: loginsightmock.Release91})
	f.nodes[0].Inject(mock.Fault{Method: http.MethodGet, Path: "/api/v2/version", Status: http.StatusNotFound, ContentType: "text/plain", Body: "Not Found"})
	err := f.nodeClient(t, f.nodes[0]).WaitUntilStarted(t.Context(), nil)
	var re *loginsight.ReleaseError
	if !errors.As(err, &re) || re.Release != nil {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{"POST /api/v2/deployment/waitUntilStarted", "VCF Operations for Logs 9.1 or later", "did not name the release", "GET /api/v2/version"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
	if n := f.nodes[0].CountCalls(http.MethodPost, "/api/v2/deployment/waitUntilStarted"); n != 1 {
		t.Errorf("%d waitUntilStarted calls: a 404 is not waited through", n)
	}
}

// A 404 from a release that serves the call (a proxy, a wrong port) says so, naming the
// release; GET /cluster/nodes, undocumented, is still merely not served.
func TestRelease_404OnAServedRelease(t *testing.T) {
	f := newLICluster(t)
	c := f.masterClient(t)
	f.master.Inject(mock.Fault{Method: http.MethodGet, Path: upgradesPath, Times: 1, Status: http.StatusNotFound, ContentType: "text/plain", Body: "Not Found"})
	_, err := c.Upgrades(t.Context())
	var re *loginsight.ReleaseError
	if !errors.As(err, &re) || transport.IsNotFound(err) || re.Release == nil || re.Release.AtLeast(9, 1) ||
		!strings.Contains(err.Error(), "runs release 8.18.0.24029231 (GA) (GET /api/v2/version), which serves that call") {
		t.Fatalf("err = %v", err)
	}
	v, err := c.Version(t.Context())
	if err != nil || v.Version != "8.18.0.24029231" || v.ReleaseName != "GA" {
		t.Fatalf("version %+v, %v", v, err)
	}
	f.cluster.SetSpecOnly(true)
	if _, served, err := c.ClusterNodes(t.Context()); served || err != nil {
		t.Fatalf("cluster/nodes on a spec-only node: served %v, %v", served, err)
	}
}

func TestVersion_AtLeast(t *testing.T) {
	for v, want := range map[string]bool{"9.1.0.0.1": true, "9.0.2.0.24730000": false, "10.0": true, "8.18.0-1": false, "9": false, "x.y": false, "9.10": true} {
		if got := (loginsight.Version{Version: v}).AtLeast(9, 1); got != want {
			t.Errorf("%s: %v", v, got)
		}
	}
}
