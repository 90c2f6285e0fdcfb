package transport

import (
	"context"
	"net/http"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

const masked = "***"

// Field names whose values are secrets, in JSON, XML and form bodies.
var (
	secretJSON = regexp.MustCompile(`(?i)("[a-z_]*(?:password|passwd|secret|token|session|cookie|authorization|shared_?key)[a-z_]*"\s*:\s*)"(?:[^"\\]|\\.)*"`)
	secretXML  = regexp.MustCompile(`(?i)(<([a-z_]*(?:password|secret|token|session)[a-z_]*)>)[^<]*(</)`)
	secretForm = regexp.MustCompile(`(?i)((?:^|&)[a-z_]*(?:password|secret|token|session)[a-z_]*=)[^&]*`)
)

// masker replaces known secret values; rebuilt whenever a secret is added.
type masker struct{ r *strings.Replacer }

func (c *Client) addSecrets(values ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, v := range values {
		if len(v) < 4 {
			continue // too short to mask without garbling every message
		}
		c.secrets = append(c.secrets, v)
	}
	pairs := make([]string, 0, 2*len(c.secrets))
	for _, v := range c.secrets {
		pairs = append(pairs, v, masked)
	}
	c.masker = &masker{r: strings.NewReplacer(pairs...)}
}

// mask removes every known secret value from s.
func (c *Client) mask(s string) string {
	c.mu.RLock()
	m := c.masker
	c.mu.RUnlock()
	if m == nil {
		return s
	}
	return m.r.Replace(s)
}

// redactBody masks secret fields by name, then any known secret value.
func (c *Client) redactBody(body []byte) string {
	s := string(body)
	s = secretJSON.ReplaceAllString(s, `$1"`+masked+`"`)
	s = secretXML.ReplaceAllString(s, `$1`+masked+`$3`)
	s = secretForm.ReplaceAllString(s, `$1`+masked)
	return c.mask(s)
}

func (c *Client) redactHeader(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range h {
		lk := strings.ToLower(k)
		if lk == "authorization" || strings.Contains(lk, "cookie") || strings.Contains(lk, "token") || strings.Contains(lk, "session") {
			out[k] = masked
			continue
		}
		out[k] = c.mask(strings.Join(v, ", "))
	}
	return out
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
	tflog.SubsystemDebug(ctx, c.cfg.Vendor, msg, fields)
}

func (c *Client) traceRequest(ctx context.Context, req Request, h http.Header) {
	if !tflog.SubsystemIsTrace(ctx, c.cfg.Vendor) {
		return
	}
	tflog.SubsystemTrace(ctx, c.cfg.Vendor, "request body", map[string]any{
		"method": req.Method, "path": req.Path, "header": c.redactHeader(h), "body": c.redactBody(req.Body),
	})
}

func (c *Client) traceResponse(ctx context.Context, req Request, resp *Response) {
	if !tflog.SubsystemIsTrace(ctx, c.cfg.Vendor) {
		return
	}
	tflog.SubsystemTrace(ctx, c.cfg.Vendor, "response body", map[string]any{
		"method": req.Method, "path": req.Path, "status": resp.Status, "header": c.redactHeader(resp.Header), "body": c.redactBody(resp.Body),
	})
}
