package fireflowmock

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// API paths.
const (
	APIPrefix          = "/FireFlow/api"
	AuthenticatePath   = APIPrefix + "/authentication/authenticate"
	SessionPath        = APIPrefix + "/session"
	ObjectCreatePath   = APIPrefix + "/request/object"
	RuleRemovalPath    = APIPrefix + "/change-requests/rule-removal"
	changeRequestsPath = APIPrefix + "/change-requests/"
)

// ChangeRequestPath is the read path of a change request of kind k.
func ChangeRequestPath(k Kind, id int) string {
	return changeRequestsPath + string(k) + "/" + strconv.Itoa(id)
}

// ServeHTTP serves the FireFlow REST API under /FireFlow/api and the mock hooks under /_mock/.
func (f *FireFlow) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimSuffix(r.URL.Path, "/")
	if rest, ok := strings.CutPrefix(path, "/_mock/"); ok {
		f.serveHook(w, r, rest)
		return
	}
	switch path {
	case AuthenticatePath:
		if allowed(w, r, http.MethodPost) {
			f.authenticate(w, r)
		}
	case SessionPath:
		if allowed(w, r, http.MethodGet) {
			f.sessionAlive(w, r)
		}
	case ObjectCreatePath:
		if allowed(w, r, http.MethodPost) && f.requireSession(w, r) {
			f.createObjectRequest(w, r)
		}
	case RuleRemovalPath:
		if allowed(w, r, http.MethodPost) && f.requireSession(w, r) {
			f.createRuleRemovalRequest(w, r)
		}
	default:
		kind, id, ok := strings.Cut(strings.TrimPrefix(path, changeRequestsPath), "/")
		if !strings.HasPrefix(path, changeRequestsPath) || !ok || strings.Contains(id, "/") || !knownKind(Kind(kind)) {
			writeFailure(w, http.StatusNotFound, Message{CodeNotFound, "No resource at " + r.URL.Path})
			return
		}
		if allowed(w, r, http.MethodGet) && f.requireSession(w, r) {
			f.readChangeRequest(w, Kind(kind), id)
		}
	}
}

func knownKind(k Kind) bool {
	return k == KindObject || k == KindRuleRemoval || k == KindTraffic
}

// allowed answers 405 and reports false when r does not use method. No route
// deletes or edits a change request (fireflow.md section 6).
func allowed(w http.ResponseWriter, r *http.Request, method string) bool {
	if r.Method == method {
		return true
	}
	w.Header().Set("Allow", method)
	writeFailure(w, http.StatusMethodNotAllowed, Message{CodeMethodNotAllowed, "Request method '" + r.Method + "' is not supported"})
	return false
}

// decodeBody checks the Content-Type and parses the JSON body into v; it
// returns the body, or answers 400 BAD_MEDIA_TYPE or BAD_JSON_FORMAT and
// reports false.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) ([]byte, bool) {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "application/json" {
		writeFailure(w, http.StatusBadRequest, Message{CodeBadMediaType, msgBadMediaType})
		return nil, false
	}
	body, err := io.ReadAll(r.Body)
	if err != nil || json.Unmarshal(body, v) != nil {
		writeFailure(w, http.StatusBadRequest, Message{CodeBadJSONFormat, msgBadJSON})
		return nil, false
	}
	return body, true
}
