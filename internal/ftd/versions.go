package ftd

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// interfaceOptionFrom is the first API version whose break takes the interfaceOption
// body: Cisco documents it for 6.6 (API v5) and later, and only the clearIntfs query up
// to 6.3 (ftd-fdm.md section 3). The releases in between are undocumented; they get the
// older form.
const interfaceOptionFrom = 5

// APIVersions is what the unit answered to GET /api/versions and the version the client
// speaks.
type APIVersions struct {
	// Offered is empty when the unit does not serve GET /api/versions.
	Offered []string
	// Effective is the version every path names, login included: one the unit offers.
	// For "latest" it is the newest numbered version offered, so that a unit whose list
	// lacks "latest" (6.2 and 6.3 may not serve it) is never spoken to on it.
	Effective string
}

// fallbackVersions are the versions tried, in order, when the unit does not serve GET
// /api/versions: Cisco's own client does the same (FTDAnsible httpapi_plugins/ftd.py,
// DEFAULT_API_VERSIONS; ftd-fdm.md section 0).
var fallbackVersions = []string{"v2", "v1"}

// firstActionBodyVersion is the first API version whose HA join and break take a body:
// the v2 (6.3) spec declares none for either (fdm-v2-ha-spec.json), the v3 reference
// documents the JoinHAStatus body (ftd-fdm.md section 2).
const firstActionBodyVersion = 3

// ActionsTakeBody reports whether POST join, break and failover carry a JSON body under
// this version; up to v2 they declare none, and none is sent.
func (v *APIVersions) ActionsTakeBody() bool {
	n, ok := versionNumber(v.Effective)
	return !ok || n >= firstActionBodyVersion
}

// BreakTakesInterfaceOption reports whether a break under this version takes the
// interfaceOption body (6.6 and later) rather than the clearIntfs query.
func (v *APIVersions) BreakTakesInterfaceOption() bool {
	n, ok := versionNumber(v.Effective)
	return !ok || n >= interfaceOptionFrom
}

// versionNumber is N of "vN".
func versionNumber(v string) (int, bool) {
	rest, ok := strings.CutPrefix(v, "v")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil
}

// APIVersions settles, once per client, the API version every call names: it reads GET
// /api/versions (no token; the versioned base path does not apply), then picks the
// configured version, refused when the unit does not offer it, or for "latest" the
// newest it offers. When the unit does not serve GET /api/versions, the configured vN
// is used as given, and "latest" becomes the first of v2, v1 whose token path answers,
// which takes a login now. A failure here is a *transport.NegotiationError (or a
// *transport.SessionError for that login): never the answer of the call it was for.
func (c *Client) APIVersions(ctx context.Context) (*APIVersions, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.versions != nil {
		return c.versions, nil
	}
	offered, served, err := c.readVersions(ctx)
	if err != nil {
		return nil, &transport.NegotiationError{Err: fmt.Errorf("could not learn the API versions the FTD at %s offers (GET /api/versions): %w", c.Endpoint(), err)}
	}
	v := &APIVersions{Offered: offered, Effective: c.version}
	switch {
	case served && c.version == DefaultAPIVersion:
		v.Effective = newest(offered)
	case served && !contains(offered, c.version):
		return nil, &transport.NegotiationError{Err: fmt.Errorf("the FTD at %s does not offer API version %s; it offers %s: set ftd.api_version (NETOPS_FTD_API_VERSION) to one of them, or to latest",
			c.Endpoint(), c.version, strings.Join(offered, ", "))}
	case !served && c.version == DefaultAPIVersion:
		c.auth.use(fallbackVersions...)
		if err := c.t.Authenticate(ctx); err != nil {
			return nil, err
		}
		v.Effective = c.auth.settled()
	}
	c.auth.use(v.Effective)
	c.versions = v
	return v, nil
}

// readVersions reads GET /api/versions; served is false when the unit answers 404.
func (c *Client) readVersions(ctx context.Context) (offered []string, served bool, err error) {
	var out struct {
		SupportedVersions []string `json:"supportedVersions"`
	}
	resp, err := c.t.JSON(ctx, transport.Call{Method: http.MethodGet, Path: "/api/versions", Out: &out, NoAuth: true})
	if transport.StatusOf(err) == http.StatusNotFound {
		// Documented for every release covered, but a unit or a proxy that does not
		// serve it leaves the configured version, or Cisco's fallback, to go by.
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if len(out.SupportedVersions) == 0 {
		return nil, false, transport.UnexpectedAnswer(resp, "it lists no supportedVersions")
	}
	return out.SupportedVersions, true, nil
}

// newest is the highest vN of the list, or its last entry when none is numbered.
func newest(versions []string) string {
	best, bestN := versions[len(versions)-1], -1
	for _, v := range versions {
		if n, ok := versionNumber(v); ok && n > bestN {
			best, bestN = v, n
		}
	}
	return best
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
