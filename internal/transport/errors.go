package transport

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Error is a vendor's error answer: the HTTP status plus the vendor's code and messages.
type Error struct {
	Vendor   string
	Method   string
	Path     string
	Status   int
	Code     string
	Messages []string
	// notFound is the vendor's definitive "gone" (Config.NotFound).
	notFound bool
}

// ErrNotFound matches, with errors.Is, an answer that says the object asked for does not
// exist: a 404, or the vendor's own not-found code.
var ErrNotFound = errors.New("not found")

// Is makes a not-found answer match ErrNotFound.
func (e *Error) Is(target error) bool { return target == ErrNotFound && e.notFound }

// IsNotFound reports whether err is a definitive "gone" from the vendor, answered to the
// request itself. An error raised while authenticating (login, token refresh, a session
// refused) or negotiating (version lookup) never is, whatever status it carries: a 404
// from a login or a version lookup says nothing about the object asked for. Use it, not
// errors.Is(err, ErrNotFound), which sees through those wrappers.
func IsNotFound(err error) bool {
	return !IsSetupFailure(err) && errors.Is(err, ErrNotFound)
}

// IsSetupFailure reports whether err is, or wraps, a failure to authenticate
// (*SessionError) or to negotiate (*NegotiationError): the request itself was never
// answered.
func IsSetupFailure(err error) bool {
	var se *SessionError
	var ne *NegotiationError
	return errors.As(err, &se) || errors.As(err, &ne)
}

// NegotiationError is a request that was not sent because a step before it failed: the
// lookup of the API versions the appliance offers, or the choice among them. Its text
// is that of Err.
type NegotiationError struct{ Err error }

func (e *NegotiationError) Error() string { return e.Err.Error() }

func (e *NegotiationError) Unwrap() error { return e.Err }

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s answered %d %s to %s %s", e.Vendor, e.Status, http.StatusText(e.Status), e.Method, e.Path)
	if detail := e.Detail(); detail != "" {
		b.WriteString(": ")
		b.WriteString(detail)
	}
	return b.String()
}

// Detail is the vendor's code and messages, "CODE: message; message".
func (e *Error) Detail() string {
	msgs := strings.Join(e.Messages, "; ")
	switch {
	case e.Code != "" && msgs != "":
		return e.Code + ": " + msgs
	case e.Code != "":
		return e.Code
	default:
		return msgs
	}
}

// StatusOf returns the HTTP status of a vendor error, or 0 when err is not one.
func StatusOf(err error) int {
	var e *Error
	if As(err, &e) {
		return e.Status
	}
	return 0
}
