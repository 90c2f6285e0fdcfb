package loginsightmock

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// nodeHandler serves the API of one node.
type nodeHandler struct {
	c *Cluster
	n *node
}

type access int

const (
	open               access = iota // deployment calls: any state, no session
	unbootstrappedOnly               // deployment/new: refused once bootstrapped, whatever the body
	startedOnly                      // a started node, no session (login)
	withSession                      // a started node and a valid Bearer session
)

// request is what routing learnt about a call.
type request struct {
	version int    // 1 or 2
	arg     string // {nodeToken} of cluster/nodes/{nodeToken}
	session session
}

// router serves the node's API on ServeMux patterns, /api/v1 and /api/v2 alike
// (deployment/token, time and version only in v2); unknown paths answer the bare "Not
// Found" text. Every /api/v2 request is held to VMware's v2 spec: its path and method
// before routing, its query and body once the route's access checks passed.
func (h nodeHandler) router() *mock.Router {
	rt := mock.NewRouter(func(w http.ResponseWriter, _ *http.Request) {
		mock.WriteText(w, http.StatusNotFound, msgNotFound)
	}, func(w http.ResponseWriter, _ *http.Request, allow []string) {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		mock.WriteText(w, http.StatusMethodNotAllowed, "Method Not Allowed")
	})
	for version := 1; version <= 2; version++ {
		route := func(pattern string, need access, serve func(nodeHandler, http.ResponseWriter, *http.Request, request)) {
			method, name, _ := strings.Cut(pattern, " ")
			rt.HandleFunc(method+" /api/v"+strconv.Itoa(version)+"/"+name, func(w http.ResponseWriter, r *http.Request) {
				rq := request{version: version, arg: r.PathValue("nodeToken")}
				if need == unbootstrappedOnly && !h.c.unbootstrapped(h.n) {
					writeAlreadyBootstrapped(w, rq.version)
					return
				}
				if need >= startedOnly && !h.c.started(h.n) {
					writeNotBootstrapped(w, rq.version)
					return
				}
				if need == withSession && !h.authorize(w, r, &rq) {
					return
				}
				if version == 2 && !h.conforms(w, r) {
					return
				}
				serve(h, w, r, rq)
			})
		}
		route("POST sessions", startedOnly, nodeHandler.login)
		route("GET sessions/current", withSession, nodeHandler.currentSession)
		route("POST deployment/new", unbootstrappedOnly, nodeHandler.deploymentNew)
		route("POST deployment/join", open, nodeHandler.join)
		route("POST deployment/approve", withSession, nodeHandler.approve)
		route("POST deployment/waitUntilStarted", open, nodeHandler.waitUntilStarted)
		if version == 2 {
			route("GET deployment/token", open, nodeHandler.deploymentToken)
			route("GET time/config", withSession, nodeHandler.readTimeConfig)
			route("POST time/test", withSession, nodeHandler.testTime)
			route("GET version", withSession, nodeHandler.version)
		}
		route("GET upgrades", withSession, nodeHandler.upgrades)
		route("GET cluster/nodes", withSession, nodeHandler.clusterNodes)
		route("GET cluster/nodes/{nodeToken}", withSession, nodeHandler.clusterNode)
		route("PUT time/config", withSession, nodeHandler.timeConfig)
	}
	rt.Use(h.releaseGate, h.declared)
	h.hooks(rt)
	return rt
}

// started reports whether n serves sessions and protected calls.
func (c *Cluster) started(n *node) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settle()
	return n.started()
}

// unbootstrapped reports whether n still takes deployment/new.
func (c *Cluster) unbootstrapped(n *node) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settle()
	return n.state == StateUnbootstrapped
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
