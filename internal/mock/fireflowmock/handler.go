package fireflowmock

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// API paths.
const (
	APIPrefix          = "/FireFlow/api"
	AuthenticatePath   = APIPrefix + "/authentication/authenticate"
	SessionPath        = APIPrefix + "/session"
	ObjectCreatePath   = APIPrefix + "/request/object"
	RuleRemovalPath    = APIPrefix + "/change-requests/rule-removal"
	TrafficCreatePath  = APIPrefix + "/change-requests/traffic"
	changeRequestsPath = APIPrefix + "/change-requests/"
)

// ChangeRequestPath is the read path of a change request of kind k.
func ChangeRequestPath(k Kind, id int) string {
	return changeRequestsPath + string(k) + "/" + strconv.Itoa(id)
}

// TemplatesPath lists the change request templates (fireflow.md section 9).
const TemplatesPath = APIPrefix + "/templates"

// ActiveChangeCalculatePath triggers ActiveChange on a traffic change request (the curl
// examples' spelling).
func ActiveChangeCalculatePath(id int) string {
	return ActiveChangePath(id) + "/calculate"
}

// ActiveChangePath reads the ActiveChange state of a traffic change request (the curl
// examples' spelling).
func ActiveChangePath(id int) string {
	return ChangeRequestPath(KindTraffic, id) + "/active-change"
}

// WorkOrderImplementPath triggers ActiveChange on a traffic change request (the
// Resource Name spelling, fireflow.md section 9).
func WorkOrderImplementPath(id int) string {
	return ChangeRequestPath(KindTraffic, id) + "/work-order/implement"
}

// WorkOrderResultPath reads the ActiveChange state of a traffic change request (the
// Resource Name spelling).
func WorkOrderResultPath(id int) string {
	return ChangeRequestPath(KindTraffic, id) + "/work-order/implementation/result"
}

// TrafficFieldsPath updates the custom fields of a traffic change request (fireflow.md
// section 9).
func TrafficFieldsPath(id int) string {
	return ChangeRequestPath(KindTraffic, id) + "/fields"
}

// ServeHTTP serves the FireFlow REST API under /FireFlow/api and the mock hooks under /_mock/.
func (f *FireFlow) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.router.ServeHTTP(w, r)
}

// routes serves the API on ServeMux patterns; unknown paths and wrong methods
// answer the FireFlow Failure envelope. No route deletes or edits a change
// request (fireflow.md section 6); the one edit is of a traffic request's custom fields
// (section 9).
func (f *FireFlow) routes() *mock.Router {
	rt := mock.NewRouter(func(w http.ResponseWriter, r *http.Request) {
		writeFailure(w, http.StatusNotFound, Message{CodeNotFound, "No resource at " + mock.SentPath(r)})
	}, func(w http.ResponseWriter, r *http.Request, allow []string) {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeFailure(w, http.StatusMethodNotAllowed, Message{CodeMethodNotAllowed, "Request method '" + r.Method + "' is not supported"})
	}).TrimSlash("/")
	rt.HandleFunc("POST "+AuthenticatePath, f.authenticate)
	rt.HandleFunc("GET "+SessionPath, f.sessionAlive)
	rt.HandleFunc("POST "+ObjectCreatePath, f.withSession(f.createObjectRequest))
	rt.HandleFunc("POST "+RuleRemovalPath, f.withSession(f.createRuleRemovalRequest))
	rt.HandleFunc("POST "+TrafficCreatePath, f.withSession(f.createTrafficRequest))
	rt.HandleFunc("GET "+TemplatesPath, f.withSession(f.listTemplates))
	rt.HandleFunc("POST "+TrafficCreatePath+"/{id}/active-change/calculate", f.activeChangeRoute(false, f.triggerActiveChange))
	rt.HandleFunc("GET "+TrafficCreatePath+"/{id}/active-change", f.activeChangeRoute(false, f.activeChangeStatus))
	rt.HandleFunc("POST "+TrafficCreatePath+"/{id}/work-order/implement", f.activeChangeRoute(true, f.triggerActiveChange))
	rt.HandleFunc("GET "+TrafficCreatePath+"/{id}/work-order/implementation/result", f.activeChangeRoute(true, f.activeChangeStatus))
	rt.HandleFunc("PUT "+TrafficCreatePath+"/{id}/fields", f.withSession(f.updateTrafficFields))
	for _, k := range []Kind{KindObject, KindRuleRemoval, KindTraffic} {
		rt.HandleFunc("GET "+changeRequestsPath+string(k)+"/{id}", f.withSession(func(w http.ResponseWriter, r *http.Request) {
			f.readChangeRequest(w, k, r.PathValue("id"))
		}))
	}
	f.hooks(rt)
	return rt
}

func (f *FireFlow) withSession(serve http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if f.requireSession(w, r) {
			serve(w, r)
		}
	}
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
