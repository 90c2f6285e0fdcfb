package ftdmock

import (
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/mock"
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

// router serves the unit's API on ServeMux patterns. Wrong methods answer the
// FDM ErrorWrapper 405 only after the version and token checks, as the device does.
func (h unitHandler) router() *mock.Router {
	rt := mock.NewRouter(h.notFound, h.methodNotAllowed).TrimSlash("/api/fdm/")
	rt.Use(h.reachable)
	rt.HandleFunc("GET /api/versions", h.negotiated(func(w http.ResponseWriter, r *http.Request) {
		if h.p.noVersions {
			h.notFound(w, r)
			return
		}
		mock.WriteCompactJSON(w, http.StatusOK, map[string][]string{"supportedVersions": h.p.Versions()})
	}))
	const api = "/api/fdm/{version}/"
	versioned := rt.With(h.versioned)
	versioned.HandleFunc("POST "+api+"fdm/token", h.negotiated(h.conforming(h.token)))
	authorized := versioned.With(h.authorized)
	handle := func(pattern string, serve func(unitHandler, call)) {
		method, path, _ := strings.Cut(pattern, " ")
		authorized.HandleFunc(method+" "+api+path, h.negotiated(h.conforming(func(w http.ResponseWriter, r *http.Request) {
			serve(h, call{w: w, r: r, base: "https://" + r.Host + "/api/fdm/" + r.PathValue("version"), id: r.PathValue("id")})
		})))
	}
	handle("GET devices/default/interfaces", unitHandler.listInterfaces)
	handle("GET devices/default/interfaces/{id}", unitHandler.getInterface)
	handle("GET devices/default/ha/configurations", unitHandler.listHAConfigurations)
	handle("GET devices/default/ha/configurations/{id}", unitHandler.getHAConfiguration)
	handle("PUT devices/default/ha/configurations/{id}", unitHandler.putHAConfiguration)
	handle("GET devices/default/operational/ha/status/{id}", unitHandler.getHAStatus)
	handle("GET devices/default/action/ha/join", listJobs(OpJoin))
	handle("POST devices/default/action/ha/join", unitHandler.postJoin)
	handle("GET devices/default/action/ha/join/{id}", getJob(OpJoin))
	handle("GET devices/default/action/ha/break", listJobs(OpBreak))
	handle("POST devices/default/action/ha/break", unitHandler.postBreak)
	handle("GET devices/default/action/ha/break/{id}", getJob(OpBreak))
	handle("POST devices/default/action/ha/failover", unitHandler.postFailover)
	h.maintenanceRoutes(handle)
	handle("GET jobs", unitHandler.listHistory)
	handle("DELETE jobs", unitHandler.deleteHistory)
	h.hooks(rt)
	return rt
}

// reachable answers or drops every API request during a join outage.
func (h unitHandler) reachable(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !h.unreachable(w) {
			next.ServeHTTP(w, r)
		}
	})
}

// versioned answers 404 for an API version the unit does not serve.
func (h unitHandler) versioned(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !h.p.supports(r.PathValue("version")) {
			h.notFound(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (h unitHandler) authorized(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.authorize(w, r) {
			next.ServeHTTP(w, r)
		}
	})
}

// notFound answers 404; under a served API version only once the token is checked.
func (h unitHandler) notFound(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/api/fdm/")
	version, _, _ := strings.Cut(rest, "/")
	if ok && h.p.supports(version) && !h.authorize(w, r) {
		return
	}
	writeFDMError(w, general(http.StatusNotFound, "notFound", "Resource not found: "+mock.SentPath(r)))
}

func (h unitHandler) methodNotAllowed(w http.ResponseWriter, r *http.Request, allow []string) {
	w.Header().Set("Allow", strings.Join(allow, ", "))
	writeFDMError(w, general(http.StatusMethodNotAllowed, "methodNotAllowed",
		fmt.Sprintf("Request method %s is not supported for %s", r.Method, mock.SentPath(r))))
}

// negotiated answers 406 or 415 when the request cannot be served with JSON.
func (h unitHandler) negotiated(serve http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !mock.Accepts(r, "application/json") {
			writeFDMError(w, general(http.StatusNotAcceptable, "notAcceptable", "The only supported media type is application/json"))
			return
		}
		if ct := r.Header.Get("Content-Type"); ct != "" && r.ContentLength != 0 {
			if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
				writeFDMError(w, general(http.StatusUnsupportedMediaType, "unsupportedMediaType",
					"Content type "+ct+" is not supported: send application/json"))
				return
			}
		}
		serve(w, r)
	}
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
