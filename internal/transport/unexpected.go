package transport

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strings"
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
		b.WriteString(" with an empty body.")
	} else {
		fmt.Fprintf(&b, ": %s.", e.Quote)
	}
	b.WriteString(" Please report this answer, with the appliance's release, to the provider's maintainers.")
	return b.String()
}

// Unexpected builds the UnexpectedAnswerError for an answer to method path, quoting it
// through the client's masker.
func (c *Client) Unexpected(method, path string, resp *Response, reason string) *UnexpectedAnswerError {
	e := &UnexpectedAnswerError{Vendor: c.cfg.Product, Method: method, Path: path, Reason: reason}
	if resp != nil {
		e.Status = resp.Status
		e.ContentType = resp.Header.Get("Content-Type")
		e.Quote = quote(c.mask(strings.TrimSpace(string(resp.Body))))
	}
	return e
}

// quote cuts s at quoteLimit bytes on a character boundary and quotes it.
func quote(s string) string {
	if s == "" {
		return ""
	}
	if len(s) > quoteLimit {
		cut := quoteLimit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return fmt.Sprintf("%q… (%d bytes in all)", s[:cut], len(s))
	}
	return fmt.Sprintf("%q", s)
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
