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

// APIVersions is what the unit answered to GET /api/versions.
type APIVersions struct {
	// Offered is empty when the unit does not serve GET /api/versions.
	Offered []string
	// Effective is the version the client's path names: the configured one, or the
	// newest offered for "latest".
	Effective string
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

// APIVersions reads GET /api/versions once per client (no token; the global base URL
// does not apply) and checks the configured version against it.
func (c *Client) APIVersions(ctx context.Context) (*APIVersions, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.versions != nil {
		return c.versions, nil
	}
	var out struct {
		SupportedVersions []string `json:"supportedVersions"`
	}
	resp, err := c.t.JSON(ctx, transport.Call{Method: http.MethodGet, Path: "/api/versions", Out: &out, NoAuth: true})
	if transport.IsNotFound(err) {
		// Documented for every release the provider supports, but a unit or a proxy that
		// does not serve it leaves only the configured version to go by: the requests
		// themselves will say whether the unit serves it.
		c.versions = &APIVersions{Effective: c.version}
		return c.versions, nil
	}
	if err != nil {
		return nil, fmt.Errorf("could not learn the API versions the FTD at %s offers (GET /api/versions): %w", c.Endpoint(), err)
	}
	if len(out.SupportedVersions) == 0 {
		return nil, transport.UnexpectedAnswer(resp, "it lists no supportedVersions")
	}
	v := &APIVersions{Offered: out.SupportedVersions, Effective: c.version}
	if c.version == DefaultAPIVersion {
		v.Effective = newest(out.SupportedVersions)
	} else if !contains(out.SupportedVersions, c.version) {
		return nil, fmt.Errorf("the FTD at %s does not offer API version %s; it offers %s: set ftd.api_version (NETOPS_FTD_API_VERSION) to one of them, or to latest",
			c.Endpoint(), c.version, strings.Join(out.SupportedVersions, ", "))
	}
	c.versions = v
	return v, nil
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
