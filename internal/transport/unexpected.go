package transport

import (
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"
)

// quoteLimit bounds how much of an unexpected answer an error quotes.
const quoteLimit = 300

// UnexpectedAnswerError is a successful answer whose body does not have the shape the
// client expects: a missing field, another content type, an unknown enum value. It names
// the request and quotes the answer in the vendor's own words, masked and shortened.
type UnexpectedAnswerError struct {
	Vendor      string
	Method      string
	Path        string
	Status      int
	ContentType string
	// What says what was expected and not found ("no accessToken", "state \"PAUSED\" is not a job state").
	What string
	// Quote is the start of the body, secrets masked.
	Quote string
}

func (e *UnexpectedAnswerError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s answered %s %s with %d %s", e.Vendor, e.Method, e.Path, e.Status, http.StatusText(e.Status))
	if e.ContentType != "" {
		fmt.Fprintf(&b, " (%s)", e.ContentType)
	}
	fmt.Fprintf(&b, " that the provider cannot use: %s. ", e.What)
	if e.Quote == "" {
		b.WriteString("The body was empty")
	} else {
		fmt.Fprintf(&b, "The answer was: %s", e.Quote)
	}
	return b.String()
}

// UnexpectedAnswer describes resp, an answer of this client, that lacks what the caller
// needs; what names the problem. The quoted body is masked like a logged one.
func UnexpectedAnswer(resp *Response, what string) error {
	e := &UnexpectedAnswerError{What: what}
	if resp == nil {
		return e
	}
	e.Vendor, e.Method, e.Path, e.Status = resp.vendor, resp.method, resp.path, resp.Status
	if resp.Header != nil {
		e.ContentType = resp.Header.Get("Content-Type")
	}
	quote := strings.Join(strings.Fields(string(resp.Body)), " ")
	if resp.redact != nil {
		quote = resp.redact(quote)
	}
	if len(quote) > quoteLimit {
		cut := quoteLimit
		for cut > 0 && !utf8.RuneStart(quote[cut]) {
			cut--
		}
		quote = quote[:cut] + "…"
	}
	e.Quote = quote
	return e
}
