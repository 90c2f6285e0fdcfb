package transport

import (
	"fmt"
	"net/http"

	"github.com/go-resty/resty/v2"
)

// refuseRedirects keeps net/http from following a redirect: the 3xx answer itself comes
// back to the caller. Following one would resend the body (a login's password) and the
// session to wherever Location points, plain http included.
func refuseRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// noRedirects installs refuseRedirects on both layers: the http.Client the resty client
// wraps, and resty's own redirect policy (which replaces the http.Client's CheckRedirect
// whenever it is set), so neither default can bring following back.
func noRedirects(hc *http.Client, rc *resty.Client) {
	hc.CheckRedirect = refuseRedirects
	rc.SetRedirectPolicy(resty.RedirectPolicyFunc(refuseRedirects))
}

// isRedirect is a 3xx that points elsewhere (304 Not Modified is no redirect).
func isRedirect(status int) bool {
	return status >= 300 && status < 400 && status != http.StatusNotModified
}

// redirectMessage explains a refused redirect, naming where it pointed so that a user who
// typed the wrong host learns the right one.
func (c *Client) redirectMessage(resp *Response) string {
	loc := resp.Header.Get("Location")
	if loc == "" {
		return "redirect without a Location, not followed: the provider never follows redirects"
	}
	return fmt.Sprintf("redirect to %s, not followed: the provider never follows redirects "+
		"(they would resend credentials); if that is the appliance's address, set host to it", c.mask(loc))
}
