package loginsight

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// sessionAuth opens a session with POST /sessions and sends it as a Bearer token.
type sessionAuth struct {
	username, password, provider string
	// check names the settings that hold the credentials, for the refusal's message.
	check string
}

// Login refusals, matched with errors.Is.
var (
	// ErrCredentialsRefused is a 401 to POST /sessions: wrong user, password or provider.
	ErrCredentialsRefused = errors.New("the Log Insight master refused the username, password or auth_provider (401)")
	// ErrNotBootstrapped is a 503 to POST /sessions: the node has not been bootstrapped
	// (or has not started yet).
	ErrNotBootstrapped = errors.New("the Log Insight host is not bootstrapped (503)")
)

// defaultCredentialsCheck names the provider's settings.
const defaultCredentialsCheck = "loginsight.username, loginsight.password and loginsight.auth_provider"

func (a *sessionAuth) Login(ctx context.Context, c *transport.Client) (*transport.Session, error) {
	body := map[string]string{"username": a.username, "password": a.password, "provider": a.provider}
	issued := time.Now()
	var s struct {
		SessionID string `json:"sessionId"`
		TTL       int64  `json:"ttl"`
	}
	resp, err := c.JSON(ctx, transport.Call{Method: http.MethodPost, Path: apiPath + "/sessions", Body: body, NoAuth: true, Out: &s})
	switch transport.StatusOf(err) {
	case 0:
	case http.StatusUnauthorized:
		return nil, fmt.Errorf("%w; check %s", ErrCredentialsRefused, a.check)
	case http.StatusServiceUnavailable:
		return nil, fmt.Errorf("%w: loginsight.host must point at the cluster's master", ErrNotBootstrapped)
	case http.StatusNotFound:
		return nil, notServed(ctx, c, err, true)
	}
	if err != nil {
		return nil, err
	}
	if s.SessionID == "" {
		return nil, c.Unexpected(http.MethodPost, apiPath+"/sessions", resp, transport.Lacks([]string{"sessionId"}))
	}
	if !transport.ValidToken(s.SessionID) {
		return nil, c.Unexpected(http.MethodPost, apiPath+"/sessions", resp, `its "sessionId" holds a character a header cannot carry`)
	}
	sess := &transport.Session{Token: s.SessionID}
	if s.TTL > 0 {
		sess.ExpiresAt = issued.Add(time.Duration(s.TTL) * time.Second)
	}
	return sess, nil
}

func (a *sessionAuth) Apply(h http.Header, s *transport.Session) {
	h.Set("Authorization", "Bearer "+s.Token)
}

// Expired: 401 "Invalid session ID" and 440 "Login Timeout" both mean log in again.
func (a *sessionAuth) Expired(resp *transport.Response) bool {
	return resp.Status == http.StatusUnauthorized || resp.Status == StatusLoginTimeout
}
