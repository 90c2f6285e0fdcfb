package ftd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// tokenAuth obtains FDM tokens with the password grant on POST /api/fdm/{v}/fdm/token,
// renews them with the refresh token and revokes the last one on Close. The version v
// is one the unit offers, settled by Client.APIVersions before the first login; when
// the unit does not list its versions, the password grant tries the candidates in
// order, as Cisco's own client does (ftd-fdm.md section 0), and the first token path
// that answers fixes the version for good.
type tokenAuth struct {
	username, password string

	mu sync.Mutex
	// candidates are the versions whose token path the next password grant tries, in
	// order; after a grant, only the version it succeeded on.
	candidates []string
}

// use fixes the versions the password grant tries.
func (a *tokenAuth) use(versions ...string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.candidates = versions
}

// settled is the version the token calls use, "" while more than one is still possible.
func (a *tokenAuth) settled() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.candidates) != 1 {
		return ""
	}
	return a.candidates[0]
}

func (a *tokenAuth) tryOrder() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.candidates)
}

func tokenPath(version string) string { return apiRoot(version) + "/fdm/token" }

type tokenResponse struct {
	AccessToken      string `json:"access_token"`
	ExpiresIn        int64  `json:"expires_in"`
	RefreshToken     string `json:"refresh_token"`
	RefreshExpiresIn int64  `json:"refresh_expires_in"`
}

// refreshState is kept in Session.Data.
type refreshState struct {
	token     string
	expiresAt time.Time
	// version is that of the token path the pair was granted on.
	version string
}

func (a *tokenAuth) grant(ctx context.Context, c *transport.Client, version string, body map[string]any) (*transport.Session, error) {
	issued := time.Now()
	resp, err := c.JSON(ctx, transport.Call{Method: http.MethodPost, Path: tokenPath(version), Body: body, NoAuth: true})
	if err != nil {
		return nil, err
	}
	var tr tokenResponse
	if err := json.Unmarshal(resp.Body, &tr); err != nil || tr.AccessToken == "" {
		return nil, transport.UnexpectedAnswer(resp, `it holds no "access_token"`)
	}
	if !transport.ValidToken(tr.AccessToken) {
		return nil, transport.UnexpectedAnswer(resp, `its "access_token" holds a character a header cannot carry`)
	}
	s := &transport.Session{Token: tr.AccessToken, Secrets: []string{tr.RefreshToken}}
	if tr.ExpiresIn > 0 {
		s.ExpiresAt = issued.Add(time.Duration(tr.ExpiresIn) * time.Second)
	}
	if tr.RefreshToken != "" {
		rs := refreshState{token: tr.RefreshToken, version: version}
		if tr.RefreshExpiresIn > 0 {
			rs.expiresAt = issued.Add(time.Duration(tr.RefreshExpiresIn) * time.Second)
		}
		s.Data = rs
	}
	return s, nil
}

func (a *tokenAuth) Login(ctx context.Context, c *transport.Client) (*transport.Session, error) {
	versions := a.tryOrder()
	if len(versions) == 0 {
		return nil, errors.New("no FDM API version is settled to log in on")
	}
	body := map[string]any{"grant_type": "password", "username": a.username, "password": a.password}
	var notServed []string
	for i, v := range versions {
		s, err := a.grant(ctx, c, v, body)
		switch status := transport.StatusOf(err); {
		case err == nil:
			a.use(v)
			return s, nil
		case status == http.StatusBadRequest:
			return nil, errors.New("the FTD refused the username or password (400); check ftd.username and ftd.password")
		case status == http.StatusNotFound && i < len(versions)-1:
			// Not this version's token path: try the next one, as Cisco's client does.
			notServed = append(notServed, tokenPath(v))
			continue
		case status == http.StatusNotFound && len(notServed) > 0:
			notServed = append(notServed, tokenPath(v))
			return nil, fmt.Errorf("the FTD at %s does not list its API versions (GET /api/versions) and serves none of the token paths %s (each answered 404): "+
				"set ftd.api_version (NETOPS_FTD_API_VERSION) to the version the unit serves: %w", c.BaseURL(), strings.Join(notServed, ", "), err)
		default:
			return nil, err
		}
	}
	return nil, errors.New("unreachable")
}

// Refresh renews the token with the refresh token, which FDM rotates with it.
func (a *tokenAuth) Refresh(ctx context.Context, c *transport.Client, s *transport.Session) (*transport.Session, error) {
	rs, ok := s.Data.(refreshState)
	if !ok || (!rs.expiresAt.IsZero() && time.Until(rs.expiresAt) < 30*time.Second) {
		return nil, errors.New("no usable refresh token")
	}
	return a.grant(ctx, c, rs.version, map[string]any{"grant_type": "refresh_token", "refresh_token": rs.token})
}

// Logout revokes the refresh token, as FTDAnsible's logout does, then the access token,
// so that neither keeps counting against the unit's five logins. The refresh token goes
// first: each revoke must carry a valid access token. FDM does not say whether revoking
// one token of a pair ends the other; when it does, the second revoke is refused (400)
// with the pair already ended, which is not an error.
func (a *tokenAuth) Logout(ctx context.Context, c *transport.Client, s *transport.Session) error {
	rs, hasRefresh := s.Data.(refreshState)
	version := rs.version
	if version == "" {
		version = a.settled()
	}
	revoke := func(token string) error {
		body := map[string]any{"grant_type": "revoke_token", "access_token": s.Token, "token_to_revoke": token}
		_, err := c.JSON(ctx, transport.Call{Method: http.MethodPost, Path: tokenPath(version), Body: body, NoAuth: true})
		return err
	}
	if !hasRefresh || rs.token == "" {
		return revoke(s.Token)
	}
	if err := revoke(rs.token); err != nil {
		// The refresh token could not be revoked: still end the access token.
		return errors.Join(err, revoke(s.Token))
	}
	if err := revoke(s.Token); err != nil && transport.StatusOf(err) != http.StatusBadRequest {
		return err
	}
	return nil
}

func (a *tokenAuth) Apply(h http.Header, s *transport.Session) {
	h.Set("Authorization", "Bearer "+s.Token)
}

// Expired: FDM answers 401 to an expired or revoked token; Cisco's own tooling treats
// 408 the same way (ftd-fdm.md §1).
func (a *tokenAuth) Expired(resp *transport.Response) bool {
	return resp.Status == http.StatusUnauthorized || resp.Status == http.StatusRequestTimeout
}
