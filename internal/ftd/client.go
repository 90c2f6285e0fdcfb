// Package ftd is a client of the Cisco Firepower Device Manager (FDM) REST API for
// high availability: tokens, HA configuration, join, break, failover and status.
package ftd

import (
	"context"
	"net/http"
	"net/url"
	"sync"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// Config describes one FTD unit's management endpoint.
type Config struct {
	// BaseURL is https://host[:port].
	BaseURL    string
	Username   string
	Password   string
	APIVersion string
	Insecure   bool
	CACertPEM  string
	Transport  transport.Config
	// Polling bounds the waits of jobs and HA state (default 1 s growing to 10 s).
	Polling transport.Polling
}

// DefaultAPIVersion asks for the newest API version the unit offers.
const DefaultAPIVersion = "latest"

// Client talks to one FTD unit. It holds at most one token, shared by every caller.
type Client struct {
	t       *transport.Client
	auth    *tokenAuth
	version string
	polling transport.Polling

	// mu guards versions, settled once per client before the first call.
	mu       sync.Mutex
	versions *APIVersions
}

// MaxInFlight is how many requests the provider sends one FDM unit at once, whatever
// the number of resources on it. FDM's REST server is the device manager's own (its UI
// and the API share it, on the unit's management CPU) and Cisco documents no concurrency
// it supports; its login limit is 5 sessions, UI included (ftd-fdm.md section 1). Four
// keeps the provider's one token busy without crowding out an administrator, and a fleet
// run (200 units at Terraform's parallelism of 10) never gives one unit more than that.
const MaxInFlight = 4

// New builds a client; nothing is sent until the first call.
func New(cfg Config) (*Client, error) {
	if cfg.APIVersion == "" {
		cfg.APIVersion = DefaultAPIVersion
	}
	tc := cfg.Transport
	tc.Vendor = "ftd"
	tc.Product = "FTD"
	tc.BaseURL = cfg.BaseURL
	tc.Insecure = cfg.Insecure
	tc.CACertPEM = cfg.CACertPEM
	tc.Header = http.Header{"Accept": {"application/json"}}
	tc.DecodeError = decodeError
	auth := &tokenAuth{username: cfg.Username, password: cfg.Password}
	tc.Auth = auth
	tc.Secrets = append(tc.Secrets, cfg.Password)
	tc.MaxInFlight = MaxInFlight
	t, err := transport.New(tc)
	if err != nil {
		return nil, err
	}
	return &Client{t: t, auth: auth, version: cfg.APIVersion, polling: cfg.Polling}, nil
}

// Endpoint is the unit's base URL.
func (c *Client) Endpoint() string { return c.t.BaseURL() }

// Logins counts the password grants this client made.
func (c *Client) Logins() int { return c.t.Logins() }

// AddSecrets registers values (a shared key) to be masked in this client's logs and errors.
func (c *Client) AddSecrets(values ...string) { c.t.AddSecrets(values...) }

// Close revokes the client's token, freeing one of the unit's five login slots.
func (c *Client) Close(ctx context.Context) error { return c.t.Close(ctx) }

// call sends a JSON request under /api/fdm/{version}, the version settled with the unit
// (APIVersions) before anything else, and decodes the answer into out.
func (c *Client) call(ctx context.Context, method, path string, query url.Values, body, out any) (*transport.Response, error) {
	v, err := c.APIVersions(ctx)
	if err != nil {
		return nil, err
	}
	return c.t.JSON(ctx, transport.Call{Method: method, Path: apiRoot(v.Effective) + path, Query: query, Body: body, Out: out})
}

// apiRoot is the base path of API version v.
func apiRoot(v string) string { return "/api/fdm/" + v }
