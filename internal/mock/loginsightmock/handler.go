package loginsightmock

import (
	"net/http"
	"strings"
)

// nodeHandler serves the API of one node.
type nodeHandler struct {
	c *Cluster
	n *node
}

type access int

const (
	open        access = iota // deployment calls: any state, no session
	startedOnly               // a started node, no session (login)
	withSession               // a started node and a valid Bearer session
)

type route struct {
	method string
	access access
	v2Only bool
	serve  func(h nodeHandler, w http.ResponseWriter, r *http.Request, rq request)
}

// request is what routing learnt about a call.
type request struct {
	version int    // 1 or 2
	arg     string // {nodeToken} of cluster/nodes/{nodeToken}
	session session
}

const nodeByToken = "cluster/nodes/{nodeToken}"

// routes are relative to /api/v1 and /api/v2.
var routes = map[string]route{
	"sessions":                    {http.MethodPost, startedOnly, false, nodeHandler.login},
	"sessions/current":            {http.MethodGet, withSession, false, nodeHandler.currentSession},
	"deployment/new":              {http.MethodPost, open, false, nodeHandler.deploymentNew},
	"deployment/join":             {http.MethodPost, open, false, nodeHandler.join},
	"deployment/approve":          {http.MethodPost, withSession, false, nodeHandler.approve},
	"deployment/waitUntilStarted": {http.MethodPost, open, false, nodeHandler.waitUntilStarted},
	"deployment/token":            {http.MethodGet, open, true, nodeHandler.deploymentToken},
	"upgrades":                    {http.MethodGet, withSession, false, nodeHandler.upgrades},
	"cluster/nodes":               {http.MethodGet, withSession, false, nodeHandler.clusterNodes},
	nodeByToken:                   {http.MethodGet, withSession, false, nodeHandler.clusterNode},
}

func (h nodeHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if name, ok := strings.CutPrefix(r.URL.Path, "/_mock/"); ok {
		h.serveHook(w, r, strings.TrimSuffix(name, "/"))
		return
	}
	rq, name, ok := parsePath(r.URL.Path)
	rt, found := routes[name]
	if !ok || !found || (rt.v2Only && rq.version != 2) {
		writeText(w, http.StatusNotFound, msgNotFound)
		return
	}
	if r.Method != rt.method {
		w.Header().Set("Allow", rt.method)
		writeText(w, http.StatusMethodNotAllowed, "Method Not Allowed")
		return
	}
	if rt.access != open && !h.c.started(h.n) {
		writeNotBootstrapped(w, rq.version)
		return
	}
	if rt.access == withSession && !h.authorize(w, r, &rq) {
		return
	}
	rt.serve(h, w, r, rq)
}

func parsePath(path string) (request, string, bool) {
	var rq request
	switch {
	case strings.HasPrefix(path, "/api/v1/"):
		rq.version = 1
	case strings.HasPrefix(path, "/api/v2/"):
		rq.version = 2
	default:
		return rq, "", false
	}
	name := path[len("/api/v1/"):]
	if token, ok := strings.CutPrefix(name, "cluster/nodes/"); ok && token != "" && !strings.Contains(token, "/") {
		rq.arg = token
		name = nodeByToken
	}
	return rq, name, true
}

// started reports whether n serves sessions and protected calls.
func (c *Cluster) started(n *node) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settle()
	return n.started()
}

// authorize accepts only "Authorization: Bearer <sessionId>"; a bare id or an
// X-Auth-Token header is refused like a missing one (loginsight.md section 2).
func (h nodeHandler) authorize(w http.ResponseWriter, r *http.Request, rq *request) bool {
	scheme, id, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Bearer") || id == "" {
		writeSessionError(w, rq.version, http.StatusUnauthorized)
		return false
	}
	s, status := h.c.checkSession(h.n, id)
	if status != 0 {
		writeSessionError(w, rq.version, status)
		return false
	}
	rq.session = s
	return true
}
