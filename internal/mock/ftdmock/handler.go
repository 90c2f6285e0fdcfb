package ftdmock

import (
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strings"
)

// unitHandler serves the REST API of one unit.
type unitHandler struct {
	p *Pair
	u Unit
}

// call is one routed request: base is the absolute URL of the API root the
// client used (e.g. https://127.0.0.1:18453/api/fdm/v6), id the {objId} segment.
type call struct {
	w    http.ResponseWriter
	r    *http.Request
	base string
	id   string
}

type route struct {
	pattern string // segments after the API root; "{id}" matches one segment
	methods methods
}

var routes = []route{
	{"devices/default/interfaces", methods{get: unitHandler.listInterfaces}},
	{"devices/default/interfaces/{id}", methods{get: unitHandler.getInterface}},
	{"devices/default/ha/configurations", methods{get: unitHandler.listHAConfigurations}},
	{"devices/default/ha/configurations/{id}", methods{get: unitHandler.getHAConfiguration, put: unitHandler.putHAConfiguration}},
	{"devices/default/operational/ha/status/{id}", methods{get: unitHandler.getHAStatus}},
	{"devices/default/action/ha/join", methods{get: listJobs(OpJoin), post: unitHandler.postJoin}},
	{"devices/default/action/ha/join/{id}", methods{get: getJob(OpJoin)}},
	{"devices/default/action/ha/break", methods{get: listJobs(OpBreak), post: unitHandler.postBreak}},
	{"devices/default/action/ha/break/{id}", methods{get: getJob(OpBreak)}},
	{"devices/default/action/ha/failover", methods{post: unitHandler.postFailover}},
	{"jobs", methods{get: unitHandler.listHistory, del: unitHandler.deleteHistory}},
}

// methods builds a route's method table.
type methods struct{ get, put, post, del func(unitHandler, call) }

func (m methods) table() map[string]func(unitHandler, call) {
	t := map[string]func(unitHandler, call){}
	for method, f := range map[string]func(unitHandler, call){
		http.MethodGet: m.get, http.MethodPut: m.put, http.MethodPost: m.post, http.MethodDelete: m.del,
	} {
		if f != nil {
			t[method] = f
		}
	}
	return t
}

func (h unitHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	if name, ok := strings.CutPrefix(path, "/_mock/"); ok {
		h.serveHook(w, r, strings.TrimSuffix(name, "/"))
		return
	}
	if h.unreachable(w) {
		return
	}
	if path == "/api/versions" {
		if h.acceptable(w, r, http.MethodGet, http.MethodGet) {
			writeJSON(w, http.StatusOK, map[string][]string{"supportedVersions": h.p.Versions()})
		}
		return
	}
	rest, ok := strings.CutPrefix(path, "/api/fdm/")
	version, resource, _ := strings.Cut(rest, "/")
	if !ok || !h.p.supports(version) {
		writeFDMError(w, general(http.StatusNotFound, "notFound", "Resource not found: "+path))
		return
	}
	base := "https://" + r.Host + "/api/fdm/" + version
	resource = strings.TrimSuffix(resource, "/")
	if resource == "fdm/token" {
		if h.acceptable(w, r, http.MethodPost, http.MethodPost) {
			h.token(w, r)
		}
		return
	}
	if !h.authorize(w, r) {
		return
	}
	for _, rt := range routes {
		id, ok := matchRoute(rt.pattern, resource)
		if !ok {
			continue
		}
		table := rt.methods.table()
		serve, ok := table[r.Method]
		allow := make([]string, 0, len(table))
		for m := range table {
			allow = append(allow, m)
		}
		slices.Sort(allow)
		if !h.acceptable(w, r, r.Method, allow...) || !ok {
			return
		}
		serve(h, call{w: w, r: r, base: base, id: id})
		return
	}
	writeFDMError(w, general(http.StatusNotFound, "notFound", "Resource not found: "+path))
}

func matchRoute(pattern, resource string) (id string, ok bool) {
	want, got := strings.Split(pattern, "/"), strings.Split(resource, "/")
	if len(want) != len(got) {
		return "", false
	}
	for i, seg := range want {
		switch {
		case seg == "{id}" && got[i] != "":
			id = got[i]
		case seg != got[i]:
			return "", false
		}
	}
	return id, true
}

// acceptable answers 405, 406 or 415 and reports false when the request cannot
// be served with JSON.
func (h unitHandler) acceptable(w http.ResponseWriter, r *http.Request, method string, allow ...string) bool {
	allowed := false
	for _, m := range allow {
		allowed = allowed || m == method
	}
	if !allowed || r.Method != method {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeFDMError(w, general(http.StatusMethodNotAllowed, "methodNotAllowed",
			fmt.Sprintf("Request method %s is not supported for %s", r.Method, r.URL.Path)))
		return false
	}
	if !acceptsJSON(r.Header.Values("Accept")) {
		writeFDMError(w, general(http.StatusNotAcceptable, "notAcceptable", "The only supported media type is application/json"))
		return false
	}
	if ct := r.Header.Get("Content-Type"); ct != "" && r.ContentLength != 0 {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			writeFDMError(w, general(http.StatusUnsupportedMediaType, "unsupportedMediaType",
				"Content type "+ct+" is not supported: send application/json"))
			return false
		}
	}
	return true
}

func acceptsJSON(accept []string) bool {
	if len(accept) == 0 {
		return true
	}
	for _, v := range accept {
		for _, part := range strings.Split(v, ",") {
			mediaType, _, _ := strings.Cut(part, ";")
			switch strings.ToLower(strings.TrimSpace(mediaType)) {
			case "application/json", "application/*", "*/*", "":
				return true
			}
		}
	}
	return false
}

// authorize answers 401 (or the expiry status) and reports false unless the
// request carries a live access token of this unit.
func (h unitHandler) authorize(w http.ResponseWriter, r *http.Request) bool {
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	if !strings.EqualFold(scheme, "Bearer") || token == "" {
		writeFDMError(w, general(http.StatusUnauthorized, "unauthorized", "Authentication required: send Authorization: Bearer <access_token>"))
		return false
	}
	switch check, status := h.p.checkAccess(h.u, token); check {
	case tokenUnknown:
		writeFDMError(w, general(http.StatusUnauthorized, "invalidToken", "Access token is invalid"))
		return false
	case tokenExpired:
		writeFDMError(w, general(status, "expiredToken", "Access token has expired or was revoked"))
		return false
	}
	return true
}

func notFound(what, id string) *fdmError {
	return general(http.StatusNotFound, "objectNotFound", fmt.Sprintf("The requested %s (id %s) was not found", what, id))
}
