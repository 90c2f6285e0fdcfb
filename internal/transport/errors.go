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

// IsNotFound reports whether err is a definitive "gone" from the vendor.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

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
