package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/go-resty/resty/v2"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// maxBody bounds how much of an answer is read.
const maxBody = 16 << 20

// Request is one call to a vendor endpoint.
type Request struct {
	Method string
	// Path is appended to the base URL.
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte
	// NoAuth sends the request without a session (logins, unauthenticated calls).
	NoAuth bool
	// Timeout overrides the configured per-attempt timeout.
	Timeout time.Duration
}

// Response is a vendor's answer.
type Response struct {
	Status int
	Header http.Header
	Body   []byte

	// vendor, method and path name the request; redact masks the body (UnexpectedAnswer).
	vendor, method, path string
	redact               func(string) string
}

// Client talks to one vendor endpoint.
type Client struct {
	cfg      Config
	http     *resty.Client
	sessions *sessions

	mu      sync.RWMutex
	secrets []string
	masker  *masker

	slots chan struct{} // one per request in flight when MaxInFlight is set
}

// New builds a client; it sends nothing until the first request.
func New(cfg Config) (*Client, error) {
	cfg = cfg.withDefaults()
	if _, err := url.Parse(cfg.BaseURL); err != nil {
		return nil, fmt.Errorf("%s: invalid endpoint %q: %w", cfg.Vendor, cfg.BaseURL, err)
	}
	tlsCfg, err := cfg.tlsConfig()
	if err != nil {
		return nil, err
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = tlsCfg
	tr.MaxIdleConnsPerHost = 32
	hc := &http.Client{Transport: tr}
	rc := resty.NewWithClient(hc)
	noRedirects(hc, rc)
	rc.SetRetryCount(0) // retries are decided in Do, per method
	rc.SetBaseURL(cfg.BaseURL)
	rc.SetHeader("User-Agent", cfg.UserAgent)
	for k, v := range cfg.Header {
		rc.Header[k] = v
	}
	c := &Client{cfg: cfg, http: rc}
	if cfg.MaxInFlight > 0 {
		c.slots = make(chan struct{}, cfg.MaxInFlight)
	}
	if cfg.Auth != nil {
		c.sessions = newSessions(cfg.Auth)
	}
	c.addSecrets(cfg.Secrets...)
	return c, nil
}

// BaseURL is the endpoint the client talks to.
func (c *Client) BaseURL() string { return c.cfg.BaseURL }

// Logins counts the logins made so far (refreshes excluded).
func (c *Client) Logins() int {
	if c.sessions == nil {
		return 0
	}
	c.sessions.sem <- struct{}{}
	defer func() { <-c.sessions.sem }()
	return c.sessions.logins
}

// Authenticate makes sure the client holds a session, logging in when it has none; for
// vendors whose login itself settles something later requests depend on (the API
// version whose token path answers). A failure is a *SessionError.
func (c *Client) Authenticate(ctx context.Context) error {
	if c.sessions == nil {
		return nil
	}
	_, _, err := c.sessions.get(c.logContext(ctx), c)
	return err
}

// Close ends the session on the appliance when the vendor supports it.
func (c *Client) Close(ctx context.Context) error {
	if c.sessions == nil {
		return nil
	}
	lo, ok := c.cfg.Auth.(Logouter)
	if !ok {
		return nil
	}
	s := c.sessions.take()
	if s == nil {
		return nil
	}
	return lo.Logout(c.logContext(ctx), c, s)
}

// Do sends req with the shared session, retrying as the method allows, renewing the
// session once on the vendor's expiry answer. Answers outside 2xx become *Error.
func (c *Client) Do(ctx context.Context, req Request) (*Response, error) {
	ctx = c.logContext(ctx)
	if req.NoAuth || c.sessions == nil {
		resp, err := c.send(ctx, req, nil)
		return c.check(req, resp, err)
	}
	s, gen, err := c.sessions.get(ctx, c)
	if err != nil {
		return nil, err
	}
	resp, err := c.send(ctx, req, s)
	if err != nil || !c.cfg.Auth.Expired(resp) {
		return c.check(req, resp, err)
	}
	c.debug(ctx, "session expired, logging in again", map[string]any{"method": req.Method, "path": req.Path})
	if err := c.sessions.invalidate(ctx, gen); err != nil {
		return nil, err
	}
	if s, _, err = c.sessions.get(ctx, c); err != nil {
		return nil, err
	}
	resp, err = c.send(ctx, req, s)
	if err == nil && c.cfg.Auth.Expired(resp) {
		e := c.vendorError(req, resp)
		return nil, &SessionError{Err: fmt.Errorf("%s rejected a fresh session right after login (%w); check that the account may use the API", c.cfg.Product, e)}
	}
	return c.check(req, resp, err)
}

func (c *Client) check(req Request, resp *Response, err error) (*Response, error) {
	if err != nil {
		return resp, err
	}
	if resp.Status < 200 || resp.Status > 299 {
		return resp, c.vendorError(req, resp)
	}
	return resp, nil
}

func (c *Client) vendorError(req Request, resp *Response) *Error {
	e := &Error{Vendor: c.cfg.Product, Method: req.Method, Path: req.Path, Status: resp.Status}
	if isRedirect(resp.Status) {
		e.Messages = []string{c.redirectMessage(resp)}
		return e
	}
	if c.cfg.DecodeError != nil {
		e.Code, e.Messages = c.cfg.DecodeError(resp.Status, resp.Header, resp.Body)
	}
	// Masked whole, then shortened: a secret cut in two by the shortening would no
	// longer be recognised.
	e.Code = c.mask(e.Code)
	for i, m := range e.Messages {
		e.Messages[i] = shorten(c.mask(m))
	}
	if c.cfg.NotFound != nil {
		e.notFound = c.cfg.NotFound(e.Status, e.Code)
	} else {
		e.notFound = e.Status == http.StatusNotFound
	}
	return e
}

// send runs the attempts of one request under the retry policy.
func (c *Client) send(ctx context.Context, req Request, s *Session) (*Response, error) {
	var lastErr error
	for attempt := 1; ; attempt++ {
		resp, err := c.attempt(ctx, req, s)
		retry, wait := c.shouldRetry(req.Method, resp, err, attempt)
		if !retry {
			return resp, err
		}
		if err != nil {
			lastErr = err
		} else {
			lastErr = c.vendorError(req, resp)
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			return resp, err
		}
		c.debug(ctx, "retrying", map[string]any{"method": req.Method, "path": req.Path, "attempt": attempt, "wait": wait.String(), "reason": c.mask(lastErr.Error())})
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("%w (last error: %w)", ctx.Err(), lastErr)
		case <-t.C:
		}
	}
}

func (c *Client) attempt(ctx context.Context, req Request, s *Session) (*Response, error) {
	timeout := c.cfg.Timeout
	if req.Timeout > 0 {
		timeout = req.Timeout
	}
	if c.slots != nil {
		select {
		case c.slots <- struct{}{}:
			defer func() { <-c.slots }()
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	actx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	r := c.http.R().SetContext(actx).SetDoNotParseResponse(true)
	for k, v := range req.Header {
		r.Header[k] = v
	}
	if req.Query != nil {
		r.SetQueryParamsFromValues(req.Query)
	}
	if req.Body != nil {
		r.SetBody(req.Body)
	}
	if s != nil {
		c.cfg.Auth.Apply(r.Header, s)
	}
	start := time.Now()
	c.traceRequest(ctx, req, r.Header)
	raw, err := r.Execute(req.Method, req.Path)
	if err != nil {
		c.debug(ctx, "request failed", map[string]any{"method": req.Method, "path": req.Path, "duration_ms": time.Since(start).Milliseconds(), "error": c.mask(err.Error())})
		return nil, c.transportError(ctx, req, err)
	}
	body, rerr := readBody(raw)
	resp := &Response{Status: raw.StatusCode(), Header: raw.Header(), Body: body,
		vendor: c.cfg.Product, method: req.Method, path: req.Path, redact: func(s string) string { return c.redactBody([]byte(s)) }}
	if rerr != nil {
		c.debug(ctx, "reading the answer failed", map[string]any{"method": req.Method, "path": req.Path, "status": resp.Status, "error": rerr.Error()})
		return nil, c.transportError(ctx, req, rerr)
	}
	if c.debugging(ctx) {
		c.debug(ctx, "request", map[string]any{"method": req.Method, "path": req.Path, "status": resp.Status, "duration_ms": time.Since(start).Milliseconds()})
	}
	c.traceResponse(ctx, req, resp)
	return resp, nil
}

func readBody(raw *resty.Response) ([]byte, error) {
	rb := raw.RawBody()
	if rb == nil {
		return nil, nil
	}
	defer func() { _ = rb.Close() }()
	var buf bytes.Buffer
	_, err := buf.ReadFrom(io.LimitReader(rb, maxBody))
	return buf.Bytes(), err
}

// transportError explains a failure to reach the vendor.
func (c *Client) transportError(ctx context.Context, req Request, err error) error {
	if tlsErr := c.cfg.untrustedCertificate(err); tlsErr != nil {
		return tlsErr
	}
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		return &TimeoutError{Vendor: c.cfg.Product, Method: req.Method, Path: req.Path, err: err}
	}
	return fmt.Errorf("%s %s %s%s: %w", c.cfg.Product, req.Method, c.cfg.BaseURL, req.Path, err)
}

// TimeoutError is an attempt that got no answer in time; for a POST the outcome is unknown.
type TimeoutError struct {
	Vendor, Method, Path string
	err                  error
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("%s gave no answer in time to %s %s: %v", e.Vendor, e.Method, e.Path, e.err)
}

func (e *TimeoutError) Unwrap() error { return e.err }

// As is errors.As, kept here so callers need one import.
func As(err error, target any) bool { return errors.As(err, target) }

// logContext adds the vendor's logging subsystem, which inherits the provider logger's
// level. A subsystem is a new logger: below DEBUG, where it would log nothing, none is made.
func (c *Client) logContext(ctx context.Context) context.Context {
	if !tflog.IsDebug(ctx) {
		return ctx
	}
	return tflog.NewSubsystem(ctx, c.cfg.Vendor)
}
