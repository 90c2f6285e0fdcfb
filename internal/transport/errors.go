package transport

import (
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
}

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
