package fireflow

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// sessionAuth logs in with username and password and sends the session id as the
// FireFlow_Session cookie.
type sessionAuth struct {
	username, password string
}

type loginData struct {
	SessionID    string `json:"sessionId"`
	FASessionID  string `json:"faSessionId"`
	PHPSessionID string `json:"phpSessionId"`
}

func (a *sessionAuth) Login(ctx context.Context, c *transport.Client) (*transport.Session, error) {
	body := map[string]string{"username": a.username, "password": a.password}
	const path = apiPath + "/authentication/authenticate"
	var env envelope
	resp, err := c.JSON(ctx, transport.Call{Method: http.MethodPost, Path: path, Body: body, NoAuth: true, Out: &env})
	if err != nil {
		var te *transport.Error
		if errors.As(err, &te) && (te.Status == http.StatusForbidden || te.Status == http.StatusUnauthorized || te.Status == http.StatusBadRequest) {
			return nil, errors.New("FireFlow refused the username or password (" + strings.Join(te.Messages, "; ") + "); check fireflow.username and fireflow.password")
		}
		return nil, err
	}
	if reason := env.shapeProblem(); reason != "" {
		return nil, c.Unexpected(http.MethodPost, path, resp, reason)
	}
	if !env.success() {
		return nil, errors.New("FireFlow refused the login (" + strings.Join(env.masked(c.Mask).messageTexts(), "; ") + "); check fireflow.username and fireflow.password")
	}
	var data loginData
	if err := json.Unmarshal(env.Data, &data); err != nil || data.SessionID == "" {
		return nil, c.Unexpected(http.MethodPost, path, resp, `it holds no "data.sessionId"`)
	}
	if !transport.ValidToken(data.SessionID) {
		return nil, c.Unexpected(http.MethodPost, path, resp, `its "data.sessionId" holds a character a header cannot carry`)
	}
	return &transport.Session{Token: data.SessionID, Secrets: []string{data.FASessionID, data.PHPSessionID}}, nil
}

func (a *sessionAuth) Apply(h http.Header, s *transport.Session) {
	h.Set("Cookie", "FireFlow_Session="+s.Token)
}

// Expired recognises a lost session: 403 other than a missing permission, or the
// invalid/expired session codes FireFlow may send with HTTP 200.
func (a *sessionAuth) Expired(resp *transport.Response) bool {
	env, err := decodeEnvelope(resp.Body)
	if err != nil {
		return resp.Status == http.StatusForbidden
	}
	if env.hasCode("INVALID_SESSION_KEY", "EXPIRED_SESSION_KEY") {
		return true
	}
	return resp.Status == http.StatusForbidden && !env.hasCode("NO_PERMISSIONS")
}
