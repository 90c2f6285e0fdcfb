package loginsightmock

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Error codes of the error body (loginsight.md section 5).
const (
	codeFieldError      = "FIELD_ERROR"
	codeJSONFormat      = "JSON_FORMAT_ERROR"
	codeDeploymentError = "DEPLOYMENT_ERROR"
	codeSSLCertificate  = "SSL_CERTIFICATE_ERROR"
)

// Texts of the bare-string answers (loginsight.md sections 2 and 5).
const (
	msgInvalidSession = "Invalid session ID"
	msgLoginTimeout   = "Login Timeout"
	msgNotFound       = "Not Found"
)

// apiError is the vendor's error body.
type apiError struct {
	ErrorMessage string            `json:"errorMessage"`
	ErrorCode    string            `json:"errorCode,omitempty"`
	ErrorDetails map[string]string `json:"errorDetails,omitempty"`
}

func writeError(w http.ResponseWriter, status int, e apiError) {
	mock.WriteCompactJSON(w, status, e)
}

// writeBadBody answers 400 JSON_FORMAT_ERROR, the documented answer to a body
// that is not valid JSON or not of the required form.
func writeBadBody(w http.ResponseWriter, reason string) {
	writeError(w, http.StatusBadRequest, apiError{
		ErrorMessage: "Invalid request body.",
		ErrorCode:    codeJSONFormat,
		ErrorDetails: map[string]string{"reason": reason},
	})
}

// writeSessionError answers 401 or 440 with a bare string: text/plain in v1, a
// JSON string in v2 (loginsight.md section 2).
func writeSessionError(w http.ResponseWriter, version, status int) {
	text := msgInvalidSession
	if status == 440 {
		text = msgLoginTimeout
	}
	if version == 2 {
		mock.WriteCompactJSON(w, status, text)
		return
	}
	mock.WriteText(w, status, text)
}

func writeInternalError(w http.ResponseWriter) {
	writeError(w, http.StatusInternalServerError, apiError{ErrorMessage: "The operation failed due to an internal error."})
}

// product is how error texts name the product in each API version.
func product(version int) string {
	if version == 1 {
		return "Log Insight"
	}
	return "Operations for Logs"
}

func writeNotBootstrapped(w http.ResponseWriter, version int) {
	writeError(w, http.StatusServiceUnavailable, apiError{
		ErrorMessage: product(version) + " server should be bootstrapped to process this API call",
	})
}

// writeAlreadyBootstrapped answers new or join on a bootstrapped node: 409 in
// v2, 403 in v1, with the seed's text and no errorCode.
func writeAlreadyBootstrapped(w http.ResponseWriter, version int) {
	status := http.StatusConflict
	if version == 1 {
		status = http.StatusForbidden
	}
	writeError(w, status, apiError{
		ErrorMessage: "This call isn't allowed after the " + product(version) + " server is bootstrapped",
	})
}

// readBody decodes a JSON object body into v; it answers 400 and reports false
// when the body is empty or not JSON of that form.
func readBody(w http.ResponseWriter, r *http.Request, v any) bool {
	raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		writeBadBody(w, "cannot read the request body: "+err.Error())
		return false
	}
	if len(raw) == 0 {
		writeBadBody(w, "the request body is empty")
		return false
	}
	if err := json.Unmarshal(raw, v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			writeBadBody(w, "field "+typeErr.Field+" must be of type "+typeErr.Type.String())
			return false
		}
		writeBadBody(w, "the request body is not valid JSON: "+err.Error())
		return false
	}
	return true
}
