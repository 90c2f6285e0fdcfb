package sbcmock

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/mock"
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

// router serves the unit's API on ServeMux patterns; unknown paths and wrong
// methods answer the SBC XML envelope.
func (h unitHandler) router() *mock.Router {
	rt := mock.NewRouter(notFound, methodNotAllowed).TrimSlash("/")
	rt.HandleFunc("GET /rest/api/supportedversions", h.negotiated(func(w http.ResponseWriter, r *http.Request) {
		if h.p.versionsNeedToken() && !h.authorize(w, r, anyToken) {
			return
		}
		h.supportedVersions(w)
	}))
	// versionMsg is the documented 404 text for an unsupported version.
	route := func(pattern string, need access, versionMsg string, serve func(unitHandler, http.ResponseWriter, *http.Request)) {
		method, resource, _ := strings.Cut(pattern, " ")
		rt.With(h.versioned(versionMsg)).HandleFunc(method+" /rest/{version}/"+resource, h.negotiated(func(w http.ResponseWriter, r *http.Request) {
			if h.authorize(w, r, need) {
				serve(h, w, r)
			}
		}))
	}
	route("POST auth/token", basicAuth, msgUnsupportedVersion, unitHandler.issueToken)
	route("GET system/status", anyToken, msgNotFound, unitHandler.systemStatus)
	route("POST admin/switchover", adminToken, msgUnsupportedVersion, unitHandler.switchover)
	h.hooks(rt)
	return rt
}

func (h unitHandler) versioned(msg string) mock.Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !h.p.supports(h.u, r.PathValue("version")) {
				writeError(w, http.StatusNotFound, msg)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func notFound(w http.ResponseWriter, _ *http.Request) {
	writeError(w, http.StatusNotFound, msgNotFound)
}

func methodNotAllowed(w http.ResponseWriter, _ *http.Request, allow []string) {
	w.Header().Set("Allow", strings.Join(allow, ", "))
	writeError(w, http.StatusMethodNotAllowed, "Method not allowed")
}

// negotiated answers 406 when the request does not accept XML.
func (h unitHandler) negotiated(serve http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !mock.Accepts(r, "application/xml") {
			writeError(w, http.StatusNotAcceptable, "Not acceptable: the only supported media type is application/xml")
			return
		}
		serve(w, r)
	}
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
	versions := h.p.Versions(h.u)
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
