package transport

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

const masked = "***"

// secretName matches the name of a field whose value is a secret, in JSON, XML and form
// bodies: one of the words below inside a run of letters, digits, '_', '-' and '.', so
// "X-Auth-Token", "token2", "shared-key" and "session.id" count.
const secretName = `[\w.-]*(?:password|passwd|passphrase|secret|token|session|cookie|authorization|credential|(?:shared|api|private|pre)[_-]?key)[\w.-]*` //nolint:gosec // a pattern of field names, not a credential

var (
	secretJSON = regexp.MustCompile(`(?i)("` + secretName + `"\s*:\s*)"(?:[^"\\]|\\.)*"`)
	secretXML  = regexp.MustCompile(`(?i)(<` + secretName + `(?:\s[^>]*)?>)[^<]*(</)`)
	secretForm = regexp.MustCompile(`(?i)((?:^|&)` + secretName + `=)[^&]*`)
)

// secretFieldKeys are log field names whose values tflog masks whatever they hold.
var secretFieldKeys = []string{
	"password", "passwd", "secret", "token", "access_token", "refresh_token", "session", "session_id", "sessionId",
	"cookie", "authorization", "Authorization", "shared_key", "sharedKey", "api_key",
}

// shortSecret is the length under which a secret is masked only where it stands alone:
// replacing "ab1" inside every longer word would garble every message, and a secret
// inside a longer run of letters and digits does not stand out as one.
const shortSecret = 4

// masker replaces known secret values; rebuilt whenever a secret is added.
type masker struct {
	long  *strings.Replacer
	short []*regexp.Regexp
	// longValues are the values handed to tflog's own masking.
	longValues []string
	// wrapped are the values of splitSecret bytes or more, flattened, masked also where
	// line breaks were put inside them.
	wrapped []string
}

func (c *Client) addSecrets(values ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	added := false
	for _, v := range values {
		if v == "" || slices.Contains(c.secrets, v) {
			continue
		}
		c.secrets = append(c.secrets, v)
		added = true
	}
	if added || c.masker == nil {
		c.masker = newMasker(c.secrets)
	}
}

// AddSecrets registers values (a shared key a request carries, a token a vendor client
// found) to be masked in every log line and error message of this client.
func (c *Client) AddSecrets(values ...string) { c.addSecrets(values...) }

// Mask removes every known secret value from s; vendor clients use it on messages they
// build from an answer themselves.
func (c *Client) Mask(s string) string { return c.mask(s) }

func newMasker(secrets []string) *masker {
	var long []string
	m := &masker{}
	seen := map[string]bool{}
	for _, s := range secrets {
		for _, v := range encodings(s) {
			if seen[v] {
				continue
			}
			seen[v] = true
			if len(v) < shortSecret {
				m.short = append(m.short, regexp.MustCompile(`(^|[^\pL\pN])`+regexp.QuoteMeta(v)+`($|[^\pL\pN])`))
				continue
			}
			long = append(long, v)
			if flat := flatten(v); len(flat) >= splitSecret {
				m.wrapped = append(m.wrapped, flat)
			}
		}
	}
	// Longest first, so a secret that starts with another is masked whole.
	slices.SortFunc(long, func(a, b string) int { return len(b) - len(a) })
	pairs := make([]string, 0, 2*len(long))
	for _, v := range long {
		pairs = append(pairs, v, masked)
	}
	m.long = strings.NewReplacer(pairs...)
	m.longValues = long
	return m
}

// encodings are the forms a secret takes in a log line or an answer: as is, escaped
// inside a JSON string (as Go writes it, with and without HTML escaping; with every
// non-ASCII character as \uXXXX, as Python and PHP do; with "/" as "\/", as PHP does),
// URL-encoded in a form or query, and base64-encoded.
func encodings(s string) []string {
	out := []string{s}
	if b, err := json.Marshal(s); err == nil {
		out = append(out, string(b[1:len(b)-1]))
	}
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if enc.Encode(s) == nil {
		j := strings.TrimSpace(buf.String())
		out = append(out, j[1:len(j)-1])
	}
	for _, j := range append(slices.Clone(out[1:]), asciiJSON(s)) {
		out = append(out, j, strings.ReplaceAll(j, "/", `\/`))
	}
	out = append(out, url.QueryEscape(s), url.PathEscape(s))
	return append(out, base64Forms(s)...)
}

// mask removes every known secret value from s.
func (c *Client) mask(s string) string {
	c.mu.RLock()
	m := c.masker
	c.mu.RUnlock()
	if m == nil {
		return s
	}
	s = maskWrapped(m.long.Replace(s), m.wrapped)
	for _, re := range m.short {
		// Adjacent matches share a boundary character: repeat until none is left.
		for range 4 {
			next := re.ReplaceAllString(s, "${1}"+masked+"${2}")
			if next == s {
				break
			}
			s = next
		}
	}
	return s
}

// redactBody masks secret fields by name, then any known secret value.
func (c *Client) redactBody(body []byte) string {
	s := string(body)
	s = secretJSON.ReplaceAllString(s, `$1"`+masked+`"`)
	s = secretXML.ReplaceAllString(s, `$1`+masked+`$2`)
	s = secretForm.ReplaceAllString(s, `$1`+masked)
	return c.mask(s)
}

func (c *Client) redactHeader(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range h {
		lk := strings.ToLower(k)
		if secretHeader(lk) {
			out[k] = masked
			continue
		}
		out[k] = c.mask(strings.Join(v, ", "))
	}
	return out
}

// secretHeader reports a header (lower case) whose value is a credential.
func secretHeader(lk string) bool {
	for _, w := range []string{"authorization", "x-auth", "cookie", "token", "session", "secret", "password", "api-key", "apikey"} {
		if strings.Contains(lk, w) {
			return true
		}
	}
	return false
}

// maskedLog is ctx with tflog's own masking of this client's subsystem: field names that
// hold secrets, and every secret known now. It is a second line of defence behind the
// masking each log call does itself.
func (c *Client) maskedLog(ctx context.Context) context.Context {
	c.mu.RLock()
	m := c.masker
	c.mu.RUnlock()
	ctx = tflog.SubsystemMaskFieldValuesWithFieldKeys(ctx, c.cfg.Vendor, secretFieldKeys...)
	if m == nil {
		return ctx
	}
	ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, c.cfg.Vendor, m.longValues...)
	ctx = tflog.SubsystemMaskMessageStrings(ctx, c.cfg.Vendor, m.longValues...)
	return tflog.SubsystemMaskLogRegexes(ctx, c.cfg.Vendor, m.short...)
}

// debugging reports whether the vendor's subsystem logs at DEBUG: callers on the request
// path build their fields only then.
func (c *Client) debugging(ctx context.Context) bool {
	return tflog.SubsystemIsDebug(ctx, c.cfg.Vendor)
}

func (c *Client) debug(ctx context.Context, msg string, fields map[string]any) {
	if !c.debugging(ctx) {
		return
	}
	tflog.SubsystemDebug(c.maskedLog(ctx), c.cfg.Vendor, msg, fields)
}

func (c *Client) traceRequest(ctx context.Context, req Request, h http.Header) {
	if !tflog.SubsystemIsTrace(ctx, c.cfg.Vendor) {
		return
	}
	tflog.SubsystemTrace(c.maskedLog(ctx), c.cfg.Vendor, "request body", map[string]any{
		"method": req.Method, "path": req.Path, "header": c.redactHeader(h), "body": c.redactBody(req.Body),
	})
}

func (c *Client) traceResponse(ctx context.Context, req Request, resp *Response) {
	if !tflog.SubsystemIsTrace(ctx, c.cfg.Vendor) {
		return
	}
	tflog.SubsystemTrace(c.maskedLog(ctx), c.cfg.Vendor, "response body", map[string]any{
		"method": req.Method, "path": req.Path, "status": resp.Status, "header": c.redactHeader(resp.Header), "body": c.redactBody(resp.Body),
	})
}
