package ftd

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// tokenAuth obtains FDM tokens with the password grant, renews them with the refresh
// token and revokes the last one on Close.
type tokenAuth struct {
	username, password, path string
}

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
}

func (a *tokenAuth) grant(ctx context.Context, c *transport.Client, body map[string]any) (*transport.Session, error) {
	issued := time.Now()
	resp, err := c.JSON(ctx, transport.Call{Method: http.MethodPost, Path: a.path, Body: body, NoAuth: true})
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
		rs := refreshState{token: tr.RefreshToken}
		if tr.RefreshExpiresIn > 0 {
			rs.expiresAt = issued.Add(time.Duration(tr.RefreshExpiresIn) * time.Second)
		}
		s.Data = rs
	}
	return s, nil
}

func (a *tokenAuth) Login(ctx context.Context, c *transport.Client) (*transport.Session, error) {
	s, err := a.grant(ctx, c, map[string]any{"grant_type": "password", "username": a.username, "password": a.password})
	if transport.StatusOf(err) == http.StatusBadRequest {
		return nil, errors.New("the FTD refused the username or password (400); check ftd.username and ftd.password")
	}
	return s, err
}

// Refresh renews the token with the refresh token, which FDM rotates with it.
func (a *tokenAuth) Refresh(ctx context.Context, c *transport.Client, s *transport.Session) (*transport.Session, error) {
	rs, ok := s.Data.(refreshState)
	if !ok || (!rs.expiresAt.IsZero() && time.Until(rs.expiresAt) < 30*time.Second) {
		return nil, errors.New("no usable refresh token")
	}
	return a.grant(ctx, c, map[string]any{"grant_type": "refresh_token", "refresh_token": rs.token})
}

// Logout revokes the refresh token, as FTDAnsible's logout does, then the access token,
// so that neither keeps counting against the unit's five logins. The refresh token goes
// first: each revoke must carry a valid access token. FDM does not say whether revoking
// one token of a pair ends the other; when it does, the second revoke is refused (400)
// with the pair already ended, which is not an error.
func (a *tokenAuth) Logout(ctx context.Context, c *transport.Client, s *transport.Session) error {
	revoke := func(token string) error {
		body := map[string]any{"grant_type": "revoke_token", "access_token": s.Token, "token_to_revoke": token}
		_, err := c.JSON(ctx, transport.Call{Method: http.MethodPost, Path: a.path, Body: body, NoAuth: true})
		return err
	}
	rs, hasRefresh := s.Data.(refreshState)
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
