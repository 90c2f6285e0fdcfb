// Package sbc is a client of the Oracle Communications SBC (Acme Packet OS) REST API:
// token authentication, system status and the HA switchover.
package sbc

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// Config describes one SBC unit's management endpoint.
type Config struct {
	// BaseURL is https://host[:port] of the unit.
	BaseURL  string
	Username string
	Password string
	// APIVersion is v1.0, v1.1 or v1.2, or "auto" (or "") to negotiate it with the unit.
	APIVersion string
	Insecure   bool
	CACertPEM  string
	Transport  transport.Config
}

// AutoVersion asks the client to negotiate the REST API version with the unit.
const AutoVersion = "auto"

// KnownVersions are the REST API versions this client implements, newest first.
var KnownVersions = []string{"v1.2", "v1.1", "v1.0"}

// bootstrapVersion is the version a token is requested in before the negotiation, for a
// unit that wants one on /rest/api/supportedversions: S-Cz8.3 documents v1.1, and 8.4 and
// later keep serving it, their own examples still calling /rest/v1.1/ (sbc.md section 3).
const bootstrapVersion = "v1.1"

// Client talks to one SBC unit.
type Client struct {
	t        *transport.Client
	username string
	explicit bool

	// negotiation serialises Version: one lookup of the unit's versions per client.
	negotiation sync.Mutex
	// mu guards version (the configured version, or the negotiated one once known) and
	// versionsWantToken (the unit answered 401 to supportedversions without a token).
	mu                sync.Mutex
	version           string
	versionsWantToken bool
}

// New builds a client; nothing is sent until the first call.
func New(cfg Config) (*Client, error) {
	c := &Client{username: cfg.Username, version: cfg.APIVersion}
	c.explicit = cfg.APIVersion != "" && cfg.APIVersion != AutoVersion
	if !c.explicit {
		c.version = ""
	}
	tc := cfg.Transport
	tc.Vendor = "sbc"
	tc.Product = "SBC"
	tc.BaseURL = cfg.BaseURL
	tc.Insecure = cfg.Insecure
	tc.CACertPEM = cfg.CACertPEM
	tc.Header = http.Header{"Accept": {"application/xml"}}
	tc.DecodeError = decodeError
	tc.Auth = &tokenAuth{username: cfg.Username, password: cfg.Password, version: c.currentVersion,
		// A login's 404 is explained without another login: the one failing is this one.
		hint: func(ctx context.Context, version string) string { return c.versionHint(ctx, version, false) }}
	// The Basic credential of the token request is the password too, encoded.
	tc.Secrets = append(tc.Secrets, cfg.Password, base64.StdEncoding.EncodeToString([]byte(cfg.Username+":"+cfg.Password)))
	t, err := transport.New(tc)
	if err != nil {
		return nil, err
	}
	c.t = t
	return c, nil
}

// Endpoint is the unit's base URL.
func (c *Client) Endpoint() string { return c.t.BaseURL() }

// Logins counts the tokens this client requested.
func (c *Client) Logins() int { return c.t.Logins() }

func (c *Client) currentVersion() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.version
}

// Version is the REST API version the client uses: the configured one, or the one
// negotiated with the unit (negotiating now if it was not yet).
func (c *Client) Version(ctx context.Context) (string, error) {
	if v := c.currentVersion(); v != "" {
		return v, nil
	}
	// The lookup may log in (a unit that wants a token on supportedversions), and the login
	// reads currentVersion: the negotiation holds its own lock, not mu.
	c.negotiation.Lock()
	defer c.negotiation.Unlock()
	if v := c.currentVersion(); v != "" {
		return v, nil
	}
	// A failed negotiation is never the answer of the request it was for: a 404 from
	// supportedversions must not pass for a missing object (transport.IsNotFound).
	offered, err := c.SupportedVersions(ctx)
	if err != nil {
		return "", &transport.NegotiationError{Err: &VersionError{Endpoint: c.Endpoint(), Err: err}}
	}
	v := pickVersion(offered)
	if v == "" {
		// The list is quoted back to the user: mask it as any answer.
		for i := range offered {
			offered[i] = c.t.Mask(offered[i])
		}
		return "", &transport.NegotiationError{Err: &VersionError{Endpoint: c.Endpoint(), Offered: offered}}
	}
	c.mu.Lock()
	c.version = v
	c.mu.Unlock()
	return v, nil
}

// pickVersion is the newest version both the unit and this client know.
func pickVersion(offered []string) string {
	for _, known := range KnownVersions {
		for _, o := range offered {
			if o == known {
				return known
			}
		}
	}
	return ""
}

// VersionError is a negotiation that found no version to use.
type VersionError struct {
	Endpoint string
	Offered  []string
	Err      error
}

func (e *VersionError) Error() string {
	const how = "set sbc.api_version (NETOPS_SBC_API_VERSION) to the version the unit serves (v1.1 on S-Cz8.3, v1.2 on S-Cz8.4 and later) to skip the negotiation"
	if e.Err != nil {
		return fmt.Sprintf("could not learn the REST API versions the SBC at %s offers (GET /rest/api/supportedversions): %v; %s", e.Endpoint, e.Err, how)
	}
	return fmt.Sprintf("the SBC at %s offers REST API versions %v, none of which this provider implements (%v); %s",
		e.Endpoint, e.Offered, KnownVersions, how)
}

func (e *VersionError) Unwrap() error { return e.Err }

// call sends an authenticated request under the negotiated version and explains the
// SBC's refusals.
func (c *Client) call(ctx context.Context, method, p string) (*transport.Response, error) {
	version, err := c.Version(ctx)
	if err != nil {
		return nil, err
	}
	resp, err := c.t.Do(ctx, transport.Request{Method: method, Path: "/rest/" + version + p})
	if err == nil {
		return resp, nil
	}
	// A failed login (or a fresh session refused) is returned as is: its status is the
	// token call's, not this request's.
	var e *transport.Error
	if transport.IsSetupFailure(err) || !errors.As(err, &e) {
		return nil, err
	}
	switch e.Status {
	case http.StatusForbidden:
		return nil, &Error{Err: e, Hint: fmt.Sprintf("the SBC user %q lacks administrator privileges, which this operation requires; configure an admin account", c.username)}
	case http.StatusNotFound:
		return nil, &Error{Err: e, Hint: c.versionHint(ctx, version, true)}
	}
	return nil, &Error{Err: e}
}

// versionHint names the versions the unit supports, for a 404 on a versioned path. It
// asks the unit with the session the client holds only when mayLogin is set: the hint
// of a failed login must not log in again.
func (c *Client) versionHint(ctx context.Context, version string, mayLogin bool) string {
	hint := fmt.Sprintf("the unit does not serve REST API version %s", version)
	if !c.explicit {
		if c.currentVersion() == "" {
			// The token requested before the negotiation (bootstrapVersion).
			return hint + "; the token was requested in it because the unit wants a token on /rest/api/supportedversions. " +
				"Set sbc.api_version (NETOPS_SBC_API_VERSION) to the version the unit serves"
		}
		return hint + ", although it listed it in /rest/api/supportedversions"
	}
	versions, err := c.supportedVersions(ctx, mayLogin)
	if err == nil && len(versions) > 0 {
		return fmt.Sprintf("%s; it supports %v: set sbc.api_version (NETOPS_SBC_API_VERSION) to one of them, or to auto", hint, versions)
	}
	return hint + "; set sbc.api_version (NETOPS_SBC_API_VERSION) to auto, or to v1.1 on SBC 8.3"
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
