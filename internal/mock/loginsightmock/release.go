package loginsightmock

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Release91 is VCF Operations for Logs 9.1, whose "Log Management API" replaced the v2
// API: it has no sessions, deployment, time or upgrades paths and authenticates with an
// X-JWT-Token from VCF Operations (loginsight.md, Sources: S1 and Versions).
const Release91 = "9.1"

// Release91Version is what GET /api/v2/version answers on Release91; the build number
// is the mock's own.
const Release91Version = "9.1.0.0.24960000"

// releaseName is the releaseName of GET /version: the spec's example.
const releaseName = "GA"

type versionResponse struct {
	ReleaseName string `json:"releaseName"`
	Version     string `json:"version"`
}

// version answers GET /version (Bearer): the answering node's release and build.
func (h nodeHandler) version(w http.ResponseWriter, _ *http.Request, _ request) {
	h.c.mu.Lock()
	v := strings.Replace(h.n.fullVersion, "-", ".", 1)
	h.c.mu.Unlock()
	mock.WriteCompactJSON(w, http.StatusOK, versionResponse{ReleaseName: releaseName, Version: v})
}

// releaseGate serves a node of a release without the v2 API: every /api/ path answers
// the bare 404, except GET /api/v2/version, which names the release to any caller. That
// 9.1 still answers there, and without a session, is the mock's own choice; the notes
// only say a client should read /version or notice the 404s. A test that wants the 404s
// alone injects a 404 on /api/v2/version.
func (h nodeHandler) releaseGate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.c.currentRelease() != Release91 || !strings.HasPrefix(r.URL.Path, "/api/") {
			next.ServeHTTP(w, r)
			return
		}
		if r.Method == http.MethodGet && strings.TrimSuffix(r.URL.Path, "/") == v2Prefix+"/version" {
			mock.WriteCompactJSON(w, http.StatusOK, versionResponse{ReleaseName: releaseName, Version: Release91Version})
			return
		}
		mock.WriteText(w, http.StatusNotFound, msgNotFound)
	})
}

func validRelease(release string) error {
	if release != "" && release != Release91 {
		return fmt.Errorf("release must be %q (VCF 9.1, without the v2 API) or \"\" (the v2 API of 8.x to 9.0), not %q", Release91, release)
	}
	return nil
}

func (c *Cluster) currentRelease() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.release
}

// SetRelease sets the release every node runs: "" or Release91.
func (c *Cluster) SetRelease(release string) error {
	if err := validRelease(release); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.release = release
	return nil
}

func (c *Cluster) specOnly() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.specOnlyNodes
}

// SetSpecOnly chooses whether the nodes serve only what VMware's v2 spec declares (the
// undocumented GET /cluster/nodes then answers 404).
func (c *Cluster) SetSpecOnly(on bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.specOnlyNodes = on
}

// SetEmptyObjectAnswers chooses whether deployment/new and waitUntilStarted answer {}
// instead of an empty body.
func (c *Cluster) SetEmptyObjectAnswers(on bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.emptyObjectAnswers = on
}

// writeDone answers a successful deployment/new or waitUntilStarted: 200 with the empty
// body the spec declares, or {} under EmptyObjectAnswers.
func (c *Cluster) writeDone(w http.ResponseWriter) {
	c.mu.Lock()
	object := c.emptyObjectAnswers
	c.mu.Unlock()
	if object {
		mock.WriteCompactJSON(w, http.StatusOK, struct{}{})
		return
	}
	w.WriteHeader(http.StatusOK)
}
