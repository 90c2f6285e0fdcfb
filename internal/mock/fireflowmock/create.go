package fireflowmock

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
)

// FailMode says what an injected create failure does before answering 500.
type FailMode int

// Create failure modes.
const (
	FailBeforeCreate FailMode = iota // create nothing
	FailAfterCreate                  // create the change request, then answer 500
)

// String returns "before" or "after".
func (m FailMode) String() string {
	if m == FailAfterCreate {
		return "after"
	}
	return "before"
}

func parseFailMode(s string) (FailMode, error) {
	switch s {
	case "before":
		return FailBeforeCreate, nil
	case "after":
		return FailAfterCreate, nil
	}
	return 0, fmt.Errorf("fail_mode must be \"before\" or \"after\", not %q", s)
}

// FailCreates makes the next n create requests (object or rule removal) that
// pass the session, media type and JSON checks answer 500
// UNEXPECTED_ERROR_OCCURRED. FailAfterCreate stores the change request first;
// a request refused with 400 then does not use up a failure.
func (f *FireFlow) FailCreates(n int, mode FailMode) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failCreates = max(n, 0)
	f.failMode = mode
}

// createData is the data of a successful create (seeds 002 and 003 spell it so;
// old doc tables write changeRequestID / redirectURL).
type createData struct {
	ChangeRequestID int    `json:"changeRequestId"`
	RedirectURL     string `json:"redirectUrl"`
}

// finishCreate runs create under the lock, applying injected failures, and
// answers. create validates, stores and returns the new id, or the refusal.
func (f *FireFlow) finishCreate(w http.ResponseWriter, r *http.Request, create func() (int, []Message)) {
	id, status, msgs := f.runCreate(create)
	switch status {
	case http.StatusOK:
		writeSuccess(w, successMessages, createData{
			ChangeRequestID: id,
			RedirectURL:     "https://" + r.Host + "/FireFlow/Ticket/Display.html?id=" + strconv.Itoa(id),
		})
	case http.StatusInternalServerError:
		writeFailure(w, status, Message{CodeUnexpectedError, msgUnexpectedError})
	default:
		writeFailure(w, status, msgs...)
	}
}

func (f *FireFlow) runCreate(create func() (int, []Message)) (id, status int, msgs []Message) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failCreates > 0 && f.failMode == FailBeforeCreate {
		f.failCreates--
		return 0, http.StatusInternalServerError, nil
	}
	id, msgs = create()
	if len(msgs) > 0 {
		return 0, http.StatusBadRequest, msgs
	}
	if f.failCreates > 0 && f.failMode == FailAfterCreate {
		f.failCreates--
		return id, http.StatusInternalServerError, nil
	}
	return id, http.StatusOK, nil
}

// templateProblem checks a create's template. Callers hold f.mu.
func (f *FireFlow) templateProblem(name string, k Kind) []Message {
	if name == "" {
		return []Message{missing("template")}
	}
	t, ok := f.templates[name]
	switch {
	case !ok:
		return []Message{{CodeTemplateNotFound, "Template not found: " + name}}
	case t.Kind != k:
		return []Message{{CodeTemplateNotFound, fmt.Sprintf("Template %s is not a template for %s change requests", name, k)}}
	case t.Disabled:
		return []Message{{CodeTemplateNotFound, "Template is disabled: " + name}}
	}
	return nil
}

func missing(what string) Message {
	return Message{CodeMandatoryFieldMissing, "Mandatory field is missing: " + what}
}

func invalid(format string, args ...any) Message {
	return Message{CodeInvalidFieldValue, fmt.Sprintf(format, args...)}
}

// unknownDevices lists the names that are no device, once each. Callers hold f.mu.
func (f *FireFlow) unknownDevices(names []string) []string {
	var out []string
	for _, n := range names {
		if _, ok := f.devices[n]; !ok && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}
