package loginsight

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// Status codes Log Insight adds to HTTP's.
const (
	StatusLoginTimeout     = 440 // the session expired
	StatusCertificateError = 495 // the new node does not trust the master's certificate
)

// errorBody is {errorMessage, errorCode, errorDetails}; 401 and 440 answer a bare string.
type errorBody struct {
	ErrorMessage string         `json:"errorMessage"`
	ErrorCode    string         `json:"errorCode"`
	ErrorDetails map[string]any `json:"errorDetails"`
}

func decodeError(_ int, _ http.Header, body []byte) (string, []string) {
	text := strings.TrimSpace(string(body))
	if text == "" {
		return "", nil
	}
	var eb errorBody
	if err := json.Unmarshal(body, &eb); err == nil && eb.ErrorMessage != "" {
		msgs := []string{eb.ErrorMessage}
		if reason, ok := eb.ErrorDetails["reason"].(string); ok && reason != "" {
			msgs = append(msgs, reason)
		}
		return eb.ErrorCode, msgs
	}
	var s string
	if err := json.Unmarshal(body, &s); err == nil {
		return "", []string{s}
	}
	return "", []string{text}
}

// Error is a Log Insight refusal.
type Error struct {
	Err  *transport.Error
	Body []byte
}

func (e *Error) Error() string { return e.Err.Error() }

func (e *Error) Unwrap() error { return e.Err }

// AlreadyBootstrapped reports a join refused because the node is already set up (409).
func AlreadyBootstrapped(err error) bool { return transport.StatusOf(err) == http.StatusConflict }

// CertificateRefused reports a join refused because the new node does not trust the
// master's certificate (495).
func CertificateRefused(err error) bool { return transport.StatusOf(err) == StatusCertificateError }
