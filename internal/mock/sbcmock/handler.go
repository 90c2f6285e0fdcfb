package sbcmock

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

const (
	msgNotFound           = "Resource not found"
	msgUnsupportedVersion = "Unsupported versionId in URI"
)

// unitHandler serves the REST API of one unit.
type unitHandler struct {
	p *Pair
	u Unit
}

type access int

const (
	basicAuth  access = iota // user name and password
	anyToken                 // any valid Bearer token
	adminToken               // a valid Bearer token of an administrator
)

type route struct {
	method string
	access access
	// versionMsg is the documented 404 text for an unsupported version.
	versionMsg string
	serve      func(h unitHandler, w http.ResponseWriter, r *http.Request)
}

var routes = map[string]route{
	"auth/token":       {http.MethodPost, basicAuth, msgUnsupportedVersion, unitHandler.issueToken},
	"system/status":    {http.MethodGet, anyToken, msgNotFound, unitHandler.systemStatus},
	"admin/switchover": {http.MethodPost, adminToken, msgUnsupportedVersion, unitHandler.switchover},
}

func (h unitHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimSuffix(r.URL.Path, "/")
	if strings.HasPrefix(path, "/_mock/") {
		h.serveHook(w, r, strings.TrimPrefix(path, "/_mock/"))
		return
	}
	if path == "/rest/api/supportedversions" {
		if !allowed(w, r, http.MethodGet) {
			return
		}
		h.supportedVersions(w)
		return
	}
	version, resource, _ := strings.Cut(strings.TrimPrefix(path, "/rest/"), "/")
	rt, ok := routes[resource]
	if !ok || !strings.HasPrefix(path, "/rest/") {
		writeError(w, http.StatusNotFound, msgNotFound)
		return
	}
	if !h.p.supports(version) {
		writeError(w, http.StatusNotFound, rt.versionMsg)
		return
	}
	if !allowed(w, r, rt.method) || !h.authorize(w, r, rt.access) {
		return
	}
	rt.serve(h, w, r)
}

// allowed answers 405 or 406 and reports false when the request cannot be served.
func allowed(w http.ResponseWriter, r *http.Request, method string) bool {
	if r.Method != method {
		w.Header().Set("Allow", method)
		writeError(w, http.StatusMethodNotAllowed, "Method not allowed")
		return false
	}
	if !acceptsXML(r.Header.Values("Accept")) {
		writeError(w, http.StatusNotAcceptable, "Not acceptable: the only supported media type is application/xml")
		return false
	}
	return true
}

func acceptsXML(accept []string) bool {
	if len(accept) == 0 {
		return true
	}
	for _, v := range accept {
		for _, part := range strings.Split(v, ",") {
			mediaType, _, _ := strings.Cut(part, ";")
			switch strings.ToLower(strings.TrimSpace(mediaType)) {
			case "application/xml", "application/*", "*/*", "":
				return true
			}
		}
	}
	return false
}

// authorize answers 401 or 403 and reports false when access is denied.
func (h unitHandler) authorize(w http.ResponseWriter, r *http.Request, need access) bool {
	if need == basicAuth {
		return true // the token endpoint checks the password itself
	}
	scheme, id, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Bearer") || id == "" {
		writeError(w, http.StatusUnauthorized, "Unauthorized: a Bearer access token is required")
		return false
	}
	t, check := h.p.checkToken(h.u, strings.TrimSpace(id))
	switch check {
	case tokenUnknown:
		writeError(w, http.StatusUnauthorized, "Unauthorized: invalid access token")
		return false
	case tokenExpired:
		writeError(w, http.StatusUnauthorized, "Unauthorized: access token has expired")
		return false
	}
	if need == adminToken && !t.admin {
		writeError(w, http.StatusForbidden, "This request requires the client credentials to have administrator privileges")
		return false
	}
	return true
}

func (h unitHandler) supportedVersions(w http.ResponseWriter) {
	versions := h.p.versions
	latest := len(versions) - 1
	writeData(w, http.StatusOK, supportedVersions{Latest: versions[latest], Others: versions[:latest]})
}

func (h unitHandler) issueToken(w http.ResponseWriter, r *http.Request) {
	user, password, ok := r.BasicAuth()
	admin := user == AdminUser
	want := ReadOnlyPassword
	if admin {
		want = AdminPassword
	}
	if !ok || (!admin && user != ReadOnlyUser) || subtle.ConstantTimeCompare([]byte(password), []byte(want)) != 1 {
		writeError(w, http.StatusUnauthorized, "Unauthorized: invalid username or password")
		return
	}
	writeData(w, http.StatusOK, accessToken{AccessToken: h.p.issueToken(h.u, admin)})
}

func (h unitHandler) systemStatus(w http.ResponseWriter, _ *http.Request) {
	writeData(w, http.StatusOK, h.p.status(h.u))
}

func (h unitHandler) switchover(w http.ResponseWriter, _ *http.Request) {
	if reason := h.p.switchover(h.u); reason != "" {
		writeError(w, http.StatusBadRequest, reason)
		return
	}
	// The documented 204 example carries this Content-Type (seed 004).
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(http.StatusNoContent)
}
