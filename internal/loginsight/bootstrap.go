package loginsight

import (
	"context"
	"net/http"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// AdminUser is the first user of a new cluster, created by the bootstrap.
type AdminUser struct {
	UserName string `json:"userName"`
	Password string `json:"password"`
	Email    string `json:"email,omitempty"`
}

// Bootstrap makes this new, unbootstrapped node the first node (the master) of a new
// cluster with POST /deployment/new; no session is needed. The schema's userName is
// sent, as real clients do (loginsight.md section 3). The node then takes several
// minutes to start: follow with WaitUntilStarted. A node that is already bootstrapped
// answers 409 (AlreadyBootstrapped).
func (c *Client) Bootstrap(ctx context.Context, admin AdminUser) error {
	c.t.AddSecrets(admin.Password)
	body := map[string]AdminUser{"user": admin}
	return c.call(ctx, transport.Call{Method: http.MethodPost, Path: "/deployment/new", Body: body, NoAuth: true, Timeout: startRequestTimeout})
}

// Time references of TimeConfig.
const (
	TimeNTPServer = "NTP_SERVER"
	TimeESXHost   = "ESX_HOST"
)

// TimeConfig is the cluster's time source.
type TimeConfig struct {
	TimeReference string   `json:"timeReference"`
	NTPServers    []string `json:"ntpServers,omitempty"`
}

// SetTimeConfig sets the cluster's time source with PUT /time/config (Bearer).
func (c *Client) SetTimeConfig(ctx context.Context, tc TimeConfig) error {
	return c.call(ctx, transport.Call{Method: http.MethodPut, Path: "/time/config", Body: tc})
}

// CurrentSession reads GET /sessions/current; it logs in first when the client holds no
// session, so it checks the client's credentials.
func (c *Client) CurrentSession(ctx context.Context) error {
	var out struct {
		UserID string `json:"userId"`
	}
	return c.call(ctx, transport.Call{Method: http.MethodGet, Path: "/sessions/current", Out: &out})
}
