package loginsight

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// Version is GET /version: the answering node's release.
type Version struct {
	ReleaseName string `json:"releaseName"`
	Version     string `json:"version"`
}

// AtLeast reports whether the version's first two numbers are major.minor or later; a
// version that does not start with two numbers is not.
func (v Version) AtLeast(major, minor int) bool {
	parts := strings.SplitN(v.Version, ".", 3)
	if len(parts) < 2 {
		return false
	}
	maj, err1 := strconv.Atoi(parts[0])
	mnr, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return false
	}
	return maj > major || (maj == major && mnr >= minor)
}

func (v Version) String() string {
	if v.ReleaseName == "" {
		return v.Version
	}
	return v.Version + " (" + v.ReleaseName + ")"
}

// Version reads GET /version (Bearer): the release of the node.
func (c *Client) Version(ctx context.Context) (*Version, error) {
	return lookupVersion(ctx, c.t, false)
}

func lookupVersion(ctx context.Context, t *transport.Client, noAuth bool) (*Version, error) {
	var v Version
	resp, err := t.JSON(ctx, transport.Call{Method: http.MethodGet, Path: apiPath + "/version", NoAuth: noAuth, Out: &v})
	if err != nil {
		return nil, err
	}
	if v.Version == "" {
		return nil, t.Unexpected(http.MethodGet, apiPath+"/version", resp, transport.Lacks([]string{"version"}))
	}
	return &v, nil
}

// ErrAPINotServed is the class of ReleaseError, for errors.Is.
var ErrAPINotServed = errors.New("the node does not serve the Log Insight v2 API")

// ReleaseError is a 404 to a call the v2 API documents for every release this client
// speaks to (8.x to VCF Operations for Logs 9.0). VCF 9.1 replaced that API with the Log
// Management API, which has no sessions, deployment, time or upgrades paths
// (loginsight.md, Sources): the error names the release GET /version reports, or says
// why it could not be read. It never counts as not found: no object was asked for.
type ReleaseError struct {
	Endpoint string // the node's base URL
	Answer   error  // the 404
	// Release is what GET /version answered; nil when it did not, with LookupErr saying why.
	Release   *Version
	LookupErr error
}

func (e *ReleaseError) Error() string {
	host := strings.TrimPrefix(e.Endpoint, "https://")
	switch {
	case e.Release != nil && e.Release.AtLeast(9, 1):
		return fmt.Sprintf("%v. The node at %s runs release %s (GET /api/v2/version): VCF Operations for Logs 9.1 or later, "+
			"where the Log Insight v2 API this provider uses is gone. Its Log Management API has no session, deployment or time calls, "+
			"and this provider does not support it: it supports Log Insight 8.x to VCF Operations for Logs 9.0.", e.Answer, host, e.Release)
	case e.Release != nil:
		return fmt.Sprintf("%v. The node at %s runs release %s (GET /api/v2/version), which serves that call: something other than the node's API "+
			"answered. Check that loginsight.host names the node's API port (9543).", e.Answer, host, e.Release)
	}
	return fmt.Sprintf("%v. Every release from Log Insight 8.x to VCF Operations for Logs 9.0 serves that call, so either loginsight.host "+
		"does not name the node's API port (9543), or the node at %s runs VCF Operations for Logs 9.1 or later, whose Log Management API "+
		"replaced the v2 API (no session, deployment or time calls) and is not supported by this provider. "+
		"GET /api/v2/version did not name the release: %v", e.Answer, host, e.LookupErr)
}

func (e *ReleaseError) Unwrap() error { return ErrAPINotServed }

// notServed turns the 404 answer to a documented call into a ReleaseError, asking the
// node for its release the way the call was made (with or without the session).
func notServed(ctx context.Context, t *transport.Client, answer error, noAuth bool) error {
	re := &ReleaseError{Endpoint: t.BaseURL(), Answer: answer}
	re.Release, re.LookupErr = lookupVersion(ctx, t, noAuth)
	return re
}
