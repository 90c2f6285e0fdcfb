// Package sbc is a client of the Oracle Communications SBC (Acme Packet OS) REST API:
// token authentication, system status and the HA switchover.
package sbc

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// Config describes one SBC unit's management endpoint.
type Config struct {
	// BaseURL is https://host[:port] of the unit.
	BaseURL    string
	Username   string
	Password   string
	APIVersion string
	Insecure   bool
	CACertPEM  string
	Transport  transport.Config
}

// DefaultAPIVersion is the newest REST API version (SBC 8.4 and later).
const DefaultAPIVersion = "v1.2"

// Client talks to one SBC unit.
type Client struct {
	t        *transport.Client
	version  string
	username string
}

// New builds a client; nothing is sent until the first call.
func New(cfg Config) (*Client, error) {
	if cfg.APIVersion == "" {
		cfg.APIVersion = DefaultAPIVersion
	}
	tc := cfg.Transport
	tc.Vendor = "sbc"
	tc.Product = "SBC"
	tc.BaseURL = cfg.BaseURL
	tc.Insecure = cfg.Insecure
	tc.CACertPEM = cfg.CACertPEM
	tc.Header = http.Header{"Accept": {"application/xml"}}
	tc.DecodeError = decodeError
	tc.Auth = &tokenAuth{username: cfg.Username, password: cfg.Password, version: cfg.APIVersion}
	// The Basic credential of the token request is the password too, encoded.
	tc.Secrets = append(tc.Secrets, cfg.Password, base64.StdEncoding.EncodeToString([]byte(cfg.Username+":"+cfg.Password)))
	t, err := transport.New(tc)
	if err != nil {
		return nil, err
	}
	return &Client{t: t, version: cfg.APIVersion, username: cfg.Username}, nil
}

// Endpoint is the unit's base URL.
func (c *Client) Endpoint() string { return c.t.BaseURL() }

// Logins counts the tokens this client requested.
func (c *Client) Logins() int { return c.t.Logins() }

func (c *Client) path(p string) string { return "/rest/" + c.version + p }

// call sends an authenticated request and explains the SBC's refusals.
func (c *Client) call(ctx context.Context, method, p string) (*transport.Response, error) {
	resp, err := c.t.Do(ctx, transport.Request{Method: method, Path: c.path(p)})
	if err == nil {
		return resp, nil
	}
	var e *transport.Error
	if !errors.As(err, &e) {
		return nil, err
	}
	switch e.Status {
	case http.StatusForbidden:
		return nil, &Error{Err: e, Hint: fmt.Sprintf("the SBC user %q lacks administrator privileges, which this operation requires; configure an admin account", c.username)}
	case http.StatusNotFound:
		return nil, &Error{Err: e, Hint: c.versionHint(ctx)}
	}
	return nil, &Error{Err: e}
}

// versionHint names the versions the unit supports, for a 404 on a versioned path.
func (c *Client) versionHint(ctx context.Context) string {
	hint := fmt.Sprintf("the unit does not serve REST API version %s", c.version)
	versions, err := c.SupportedVersions(ctx)
	if err == nil && len(versions) > 0 {
		return fmt.Sprintf("%s; it supports %v: set sbc.api_version (NETOPS_SBC_API_VERSION) to one of them", hint, versions)
	}
	return hint + "; set sbc.api_version (NETOPS_SBC_API_VERSION) to v1.1 on SBC 8.3"
}

// Error is an SBC refusal with what to do about it.
type Error struct {
	Err  *transport.Error
	Hint string
}

func (e *Error) Error() string {
	if e.Hint == "" {
		return e.Err.Error()
	}
	return e.Err.Error() + ": " + e.Hint
}

func (e *Error) Unwrap() error { return e.Err }
