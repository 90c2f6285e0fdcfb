package ftdmock

import (
	"net/http"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Error keys of the ErrorWrapper (ftd-fdm.md section 5).
const (
	keyValidation = "Validation"
	keyGeneral    = "General"
)

// errorMessage is one item of ErrorWrapper.error.messages.
type errorMessage struct {
	Description string `json:"description"`
	Code        string `json:"code"`
	Location    string `json:"location"`
}

type errorWrapper struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Severity string         `json:"severity"`
	Key      string         `json:"key"`
	Messages []errorMessage `json:"messages"`
}

// fdmError is a refusal the handler turns into an ErrorWrapper answer.
type fdmError struct {
	status   int
	key      string
	messages []errorMessage
}

func (e *fdmError) Error() string {
	if len(e.messages) == 0 {
		return e.key
	}
	return e.messages[0].Description
}

func validation(code, location, description string) *fdmError {
	return &fdmError{status: http.StatusUnprocessableEntity, key: keyValidation,
		messages: []errorMessage{{Description: description, Code: code, Location: location}}}
}

// refusal is a 422 for a request the device's current state does not allow.
func refusal(code, description string) *fdmError {
	return general(http.StatusUnprocessableEntity, code, description)
}

func general(status int, code, description string) *fdmError {
	return &fdmError{status: status, key: keyGeneral,
		messages: []errorMessage{{Description: description, Code: code}}}
}

func writeFDMError(w http.ResponseWriter, e *fdmError) {
	mock.WriteCompactJSON(w, e.status, errorWrapper{Error: errorBody{Severity: "ERROR", Key: e.key, Messages: e.messages}})
}

type links struct {
	Self string `json:"self"`
}

// nullable maps "" to JSON null.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
