package transport

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// quoteLimit is how much of an unexpected answer a diagnostic quotes.
const quoteLimit = 300

// UnexpectedAnswerError is an answer that does not have the shape the client expects:
// another content type, JSON that does not decode, a missing field, an unknown enum value.
// It names the vendor, method, path and status and quotes the answer (masked, shortened)
// so that a user can report it.
type UnexpectedAnswerError struct {
	Vendor      string
	Method      string
	Path        string
	Status      int
	ContentType string
	// Reason says what did not match, e.g. `it holds no "sessionId"`.
	Reason string
	// Quote is the answer's body, secrets masked, cut at a few hundred characters.
	Quote string
}

func (e *UnexpectedAnswerError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s gave an answer the provider does not understand to %s %s: %s. ", e.Vendor, e.Method, e.Path, e.Reason)
	fmt.Fprintf(&b, "The answer was %d %s", e.Status, http.StatusText(e.Status))
	if e.ContentType != "" {
		fmt.Fprintf(&b, " (%s)", e.ContentType)
	}
	if e.Quote == "" {
		b.WriteString(" with an empty body. ")
	} else {
		fmt.Fprintf(&b, ":\n\n%s\n\n", e.Quote)
	}
	b.WriteString("Please report this answer, with the appliance's release, to the provider's maintainers.")
	return b.String()
}

// Unexpected builds the UnexpectedAnswerError for an answer to method path, quoting it
// through the client's masker.
func (c *Client) Unexpected(method, path string, resp *Response, reason string) *UnexpectedAnswerError {
	// The reason may quote a value of the answer (an unknown state, a decoder's error).
	e := &UnexpectedAnswerError{Vendor: c.cfg.Product, Method: method, Path: path, Reason: c.mask(reason)}
	if resp != nil {
		e.Status = resp.Status
		e.ContentType = resp.Header.Get("Content-Type")
		e.Quote = quote(c.mask(strings.TrimSpace(string(resp.Body))))
	}
	return e
}

// quote is the answer as the vendor wrote it, for a person to read and report: runs of
// white space become one space, characters that are not printable are escaped, and the
// text is cut at quoteLimit bytes on a character boundary.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsPrint(r) {
			b.WriteRune(r)
		} else {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
	}
	out := b.String()
	if len(out) > quoteLimit {
		cut := quoteLimit
		for cut > 0 && !utf8.RuneStart(out[cut]) {
			cut--
		}
		return fmt.Sprintf("%s… (%d bytes in all)", out[:cut], len(s))
	}
	return out
}

// shorten cuts a message of a vendor's error answer at quoteLimit bytes, on a character
// boundary.
func shorten(s string) string {
	if len(s) <= quoteLimit {
		return s
	}
	cut := quoteLimit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// IsJSONContent reports whether a Content-Type names JSON (application/json, +json);
// an absent one is given the benefit of the doubt.
func IsJSONContent(contentType string) bool {
	if contentType == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// MissingFields lists which of the named fields a JSON object answer lacks or holds as
// null; a dotted name ("clusterNode.token") looks inside nested objects.
func MissingFields(body []byte, names ...string) []string {
	var missing []string
	for _, name := range names {
		var cur any
		if err := json.Unmarshal(body, &cur); err != nil {
			return names
		}
		for _, part := range strings.Split(name, ".") {
			obj, ok := cur.(map[string]any)
			if !ok {
				cur = nil
				break
			}
			cur = obj[part]
		}
		if cur == nil {
			missing = append(missing, name)
		}
	}
	return missing
}

// Lacks is the Reason of an answer without the given fields.
func Lacks(fields []string) string {
	return `it holds no "` + strings.Join(fields, `", no "`) + `"`
}

// UnexpectedAnswer is Unexpected for a caller that holds only the answer: the answer
// knows its request and masks its body as the client that received it does.
func UnexpectedAnswer(resp *Response, what string) error {
	e := &UnexpectedAnswerError{Reason: what}
	if resp == nil {
		return e
	}
	e.Vendor, e.Method, e.Path, e.Status = resp.vendor, resp.method, resp.path, resp.Status
	if resp.Header != nil {
		e.ContentType = resp.Header.Get("Content-Type")
	}
	body := strings.TrimSpace(string(resp.Body))
	if resp.redact != nil {
		body = resp.redact(body)
		e.Reason = resp.redact(e.Reason)
	}
	e.Quote = quote(body)
	return e
}
