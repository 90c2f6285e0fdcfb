// Package fireflow is a client of the AlgoSec FireFlow REST API: session login, object and
// rule-removal and traffic change requests, change request reads, and ActiveChange.
package fireflow

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// Config describes a FireFlow server.
type Config struct {
	// BaseURL is https://host[:port].
	BaseURL   string
	Username  string
	Password  string
	Insecure  bool
	CACertPEM string
	Transport transport.Config
	// Polling bounds the waits of ActiveChange (default 1 s growing to 10 s).
	Polling transport.Polling
}

const apiPath = "/FireFlow/api"

// Client talks to one FireFlow server; its session is shared by every caller.
type Client struct {
	t       *transport.Client
	baseURL string
	polling transport.Polling

	// What was learnt of this server: the ActiveChange route spellings it serves (0
	// until known), and its templates.
	triggerRoute, statusRoute atomic.Int32
	mu                        sync.Mutex
	templates                 []Template
	templatesUnserved         bool
}

// New builds a client; nothing is sent until the first call.
func New(cfg Config) (*Client, error) {
	tc := cfg.Transport
	tc.Vendor = "fireflow"
	tc.Product = "FireFlow"
	tc.BaseURL = cfg.BaseURL
	tc.Insecure = cfg.Insecure
	tc.CACertPEM = cfg.CACertPEM
	tc.Header = http.Header{"Accept": {"application/json"}, "Content-Type": {"application/json"}}
	tc.DecodeError = decodeError
	tc.Auth = &sessionAuth{username: cfg.Username, password: cfg.Password}
	tc.Secrets = append(tc.Secrets, cfg.Password)
	// FireFlow does not deduplicate: a replayed create opens a second ticket.
	tc.StrictPOST = true
	// A missing change request is told by its code (Error), not by a 404.
	tc.NotFound = func(int, string) bool { return false }
	t, err := transport.New(tc)
	if err != nil {
		return nil, err
	}
	return &Client{t: t, baseURL: t.BaseURL(), polling: cfg.Polling}, nil
}

// Close ends the client's session where FireFlow has a way to: no REST logout is
// documented (fireflow.md section 1), so the session lives until FireFlow expires it.
func (c *Client) Close(ctx context.Context) error { return c.t.Close(ctx) }

// Logins counts the sessions this client opened.
func (c *Client) Logins() int { return c.t.Logins() }

// call sends a request and unwraps the envelope: success is decided by its status,
// whatever the HTTP code. An answer that is not the envelope, or whose data is not what
// was asked for, is a transport.UnexpectedAnswerError quoting it.
func (c *Client) call(ctx context.Context, method, path string, body any, data any) error {
	path = apiPath + path
	var env envelope
	resp, err := c.t.JSON(ctx, transport.Call{Method: method, Path: path, Body: body, Out: &env})
	if err != nil {
		// resp is nil when the vendor error is wrapped in another (a failed login, a
		// fresh session refused, a retry cut short); that error is returned as is.
		var te *transport.Error
		if !errors.As(err, &te) || resp == nil {
			return err
		}
		fe := &Error{Err: te}
		if env, derr := decodeEnvelope(resp.Body); derr == nil {
			fe.Messages = env.masked(c.t.Mask).Messages
		}
		return fe
	}
	if reason := env.shapeProblem(); reason != "" {
		return c.t.Unexpected(method, path, resp, reason)
	}
	if !env.success() {
		m := env.masked(c.t.Mask)
		return &Error{Err: &transport.Error{Vendor: "FireFlow", Method: method, Path: path, Status: resp.Status, Code: m.firstCode(), Messages: m.messageTexts()}, Messages: m.Messages}
	}
	if data == nil {
		return nil
	}
	if len(env.Data) == 0 || string(env.Data) == "null" {
		return c.t.Unexpected(method, path, resp, `it says Success but holds no "data"`)
	}
	if err := json.Unmarshal(env.Data, data); err != nil {
		return c.t.Unexpected(method, path, resp, "its data does not decode ("+err.Error()+")")
	}
	return nil
}
