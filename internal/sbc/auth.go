package sbc

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"time"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// tokenLifetime is the SBC's fixed token validity; the body carries no expiry.
const tokenLifetime = 10 * time.Minute

// tokenAuth obtains a token with Basic credentials and sends it as a Bearer.
type tokenAuth struct {
	username, password string
	// version is the client's REST API version, known before the first login.
	version func() string
}

func (a *tokenAuth) Login(ctx context.Context, c *transport.Client) (*transport.Session, error) {
	basic := base64.StdEncoding.EncodeToString([]byte(a.username + ":" + a.password))
	issued := time.Now()
	resp, err := c.Do(ctx, transport.Request{
		Method: http.MethodPost,
		Path:   "/rest/" + a.version() + "/auth/token",
		Header: http.Header{"Authorization": {"Basic " + basic}},
		NoAuth: true,
	})
	if err != nil {
		if transport.StatusOf(err) == http.StatusUnauthorized {
			return nil, errors.New("the SBC refused the username or password (401); check sbc.username and sbc.password")
		}
		return nil, err
	}
	var data struct {
		AccessToken string `xml:"accessToken"`
	}
	if err := decodeAnswer(resp, &data); err != nil {
		return nil, err
	}
	if data.AccessToken == "" {
		return nil, transport.UnexpectedAnswer(resp, "the token answer holds no response/data/accessToken")
	}
	if !transport.ValidToken(data.AccessToken) {
		return nil, transport.UnexpectedAnswer(resp, "its response/data/accessToken holds a character a header cannot carry")
	}
	return &transport.Session{Token: data.AccessToken, ExpiresAt: issued.Add(tokenLifetime)}, nil
}

func (a *tokenAuth) Apply(h http.Header, s *transport.Session) {
	h.Set("Authorization", "Bearer "+s.Token)
}

func (a *tokenAuth) Expired(resp *transport.Response) bool {
	return resp.Status == http.StatusUnauthorized
}
