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
// answers 409 (AlreadyBootstrapped). Success may be an empty body or {} (loginsight.md
// section 3). After a 200 the client knows the node took it (Bootstrapped); a 409 says only
// that someone bootstrapped the node.
func (c *Client) Bootstrap(ctx context.Context, admin AdminUser) error {
	c.t.AddSecrets(admin.Password)
	body := map[string]AdminUser{"user": admin}
	err := c.call(ctx, transport.Call{Method: http.MethodPost, Path: "/deployment/new", Body: body, NoAuth: true, Timeout: startRequestTimeout})
	if err == nil {
		c.bootstrapped.Store(true)
	}
	return err
}

// Bootstrapped reports whether the node is known to have been bootstrapped for its current
// owner: it took Bootstrap through this client, or NoteBootstrapped said so. deployment/new
// is not to be sent to such a node again.
func (c *Client) Bootstrapped() bool { return c.bootstrapped.Load() }

// NoteBootstrapped records that the node is bootstrapped, known from elsewhere (a
// Terraform state that holds it as a cluster's master).
func (c *Client) NoteBootstrapped() { c.bootstrapped.Store(true) }

// CurrentSession reads GET /sessions/current; it logs in first when the client holds no
// session, so it checks the client's credentials.
func (c *Client) CurrentSession(ctx context.Context) error {
	var out struct {
		UserID string `json:"userId"`
	}
	return c.call(ctx, transport.Call{Method: http.MethodGet, Path: "/sessions/current", Out: &out})
}
