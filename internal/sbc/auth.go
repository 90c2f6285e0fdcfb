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
	// version is the client's REST API version: configured, negotiated, or "" while the
	// negotiation itself needs a token (the login then uses bootstrapVersion).
	version func() string
	// hint explains a 404 on a versioned path: the versions the unit serves.
	hint func(ctx context.Context, version string) string
}

func (a *tokenAuth) Login(ctx context.Context, c *transport.Client) (*transport.Session, error) {
	basic := base64.StdEncoding.EncodeToString([]byte(a.username + ":" + a.password))
	issued := time.Now()
	version := a.version()
	if version == "" {
		version = bootstrapVersion
	}
	resp, err := c.Do(ctx, transport.Request{
		Method: http.MethodPost,
		Path:   "/rest/" + version + "/auth/token",
		Header: http.Header{"Authorization": {"Basic " + basic}},
		NoAuth: true,
	})
	if err != nil {
		var te *transport.Error
		switch {
		case transport.StatusOf(err) == http.StatusUnauthorized:
			return nil, errors.New("the SBC refused the username or password (401); check sbc.username and sbc.password")
		case errors.As(err, &te) && te.Status == http.StatusNotFound && a.hint != nil:
			return nil, &Error{Err: te, Hint: a.hint(ctx, version)}
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
