// Package loginsight is a client of the VMware Log Insight / Aria Operations for Logs
// REST API (v2) for cluster deployment and membership.
package loginsight

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// DefaultPort is the API port of every node.
const DefaultPort = 9543

// Config describes one node's API endpoint.
type Config struct {
	// BaseURL is https://host:port.
	BaseURL string
	// Username, Password and AuthProvider log in to the master; a new node's calls need none.
	Username     string
	Password     string
	AuthProvider string
	// CredentialsCheck names where the credentials come from, for the message of a
	// refused login; by default the provider's loginsight block.
	CredentialsCheck string
	Insecure         bool
	CACertPEM        string
	Transport        transport.Config
	// Polling bounds the repeats of waitUntilStarted (default 1 s growing to 10 s).
	Polling transport.Polling
}

const apiPath = "/api/v2"

// Client talks to one node.
type Client struct {
	t       *transport.Client
	polling transport.Polling
	// bootstrapped: this node took deployment/new through this client, or NoteBootstrapped
	// said it is bootstrapped; see Bootstrapped.
	bootstrapped atomic.Bool
}

// New builds a client; nothing is sent until the first call. Without a username the
// client only makes unauthenticated calls (join, waitUntilStarted).
func New(cfg Config) (*Client, error) {
	tc := cfg.Transport
	tc.Vendor = "loginsight"
	tc.Product = "Log Insight"
	tc.BaseURL = cfg.BaseURL
	tc.Insecure = cfg.Insecure
	tc.CACertPEM = cfg.CACertPEM
	tc.Header = http.Header{"Accept": {"application/json"}}
	tc.DecodeError = decodeError
	if cfg.Username != "" {
		if cfg.AuthProvider == "" {
			cfg.AuthProvider = "Local"
		}
		if cfg.CredentialsCheck == "" {
			cfg.CredentialsCheck = defaultCredentialsCheck
		}
		tc.Auth = &sessionAuth{username: cfg.Username, password: cfg.Password, provider: cfg.AuthProvider, check: cfg.CredentialsCheck}
		tc.Secrets = append(tc.Secrets, cfg.Password)
	}
	t, err := transport.New(tc)
	if err != nil {
		return nil, err
	}
	return &Client{t: t, polling: cfg.Polling}, nil
}

// Endpoint is the node's base URL.
func (c *Client) Endpoint() string { return c.t.BaseURL() }

// Close ends the client's session where Log Insight has a way to: its API documents
// none (loginsight.md section 2 lists sessions and sessions/current only), so the
// session lives out its ttl.
func (c *Client) Close(ctx context.Context) error { return c.t.Close(ctx) }

// Logins counts the sessions this client opened.
func (c *Client) Logins() int { return c.t.Logins() }

// call sends a JSON request under the API path; a refusal keeps its body (Error.Body).
// Fields names the fields a successful answer must hold: an answer without them is a
// transport.UnexpectedAnswerError quoting it. Every path it is given is one the v2 API
// documents for every release this client supports, so a 404 is a ReleaseError.
func (c *Client) call(ctx context.Context, k transport.Call, fields ...string) error {
	_, err := c.send(ctx, k, true, fields...)
	return err
}

// send is call, handing back the answer; documented false leaves a 404 as it is (an
// undocumented path).
func (c *Client) send(ctx context.Context, k transport.Call, documented bool, fields ...string) (*transport.Response, error) {
	k.Path = apiPath + k.Path
	resp, err := c.t.JSON(ctx, k)
	// resp is nil when the vendor error is wrapped in another (a failed login, a fresh
	// session refused, a retry cut short); that error is returned as is.
	var te *transport.Error
	if errors.As(err, &te) && resp != nil {
		le := &Error{Err: te, Body: resp.Body}
		if documented && te.Status == http.StatusNotFound {
			return resp, notServed(ctx, c.t, le, k.NoAuth)
		}
		return resp, le
	}
	if err != nil {
		return resp, err
	}
	if missing := transport.MissingFields(resp.Body, fields...); len(missing) > 0 {
		return resp, c.t.Unexpected(k.Method, k.Path, resp, transport.Lacks(missing))
	}
	return resp, nil
}
