package ftdmock

import (
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// tokenRequest is the body of POST /fdm/token (ftd-fdm.md section 1).
type tokenRequest struct {
	GrantType                  string `json:"grant_type"`
	Username                   string `json:"username"`
	Password                   string `json:"password"`
	RefreshToken               string `json:"refresh_token"`
	AccessToken                string `json:"access_token"`
	DesiredExpiresIn           int64  `json:"desired_expires_in"`
	DesiredRefreshExpiresIn    int64  `json:"desired_refresh_expires_in"`
	DesiredSubject             string `json:"desired_subject"`
	TokenToRevoke              string `json:"token_to_revoke"`
	CustomTokenSubjectToRevoke string `json:"custom_token_subject_to_revoke"`
	CustomTokenIDToRevoke      string `json:"custom_token_id_to_revoke"`
}

type tokenResponse struct {
	AccessToken      string `json:"access_token"`
	ExpiresIn        int64  `json:"expires_in"`
	TokenType        string `json:"token_type"`
	RefreshToken     string `json:"refresh_token"`
	RefreshExpiresIn int64  `json:"refresh_expires_in"`
}

// tokenStatus is the TokenStatus body of a revoke and of every token-call failure.
type tokenStatus struct {
	StatusCode int    `json:"status_code"`
	Message    string `json:"message"`
}

func (h unitHandler) token(w http.ResponseWriter, r *http.Request) {
	var req tokenRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		h.p.mu.Lock()
		status, body := h.p.units[h.u].tokens.reject("The request body must be a JSON object: " + err.Error())
		h.p.mu.Unlock()
		mock.WriteCompactJSON(w, status, body)
		return
	}
	status, body := h.p.grant(h.u, req)
	mock.WriteCompactJSON(w, status, body)
}

// grant answers one token call on unit u: 200 with a token pair (or the revoke
// TokenStatus), or 400 TokenStatus.
func (p *Pair) grant(u Unit, req tokenRequest) (int, any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	ts := &p.units[u].tokens
	now := p.clock.Now()
	fail := ts.reject
	switch req.GrantType {
	case "password":
		if req.Username != Username || subtle.ConstantTimeCompare([]byte(req.Password), []byte(Password)) != 1 {
			return fail("Invalid username or password")
		}
		ts.stats.PasswordGrants++
		return http.StatusOK, pairResponse(ts.newLogin(now, req.Username, p.accessLifetime, p.refreshLifetime, false, ""), now)
	case "refresh_token":
		l, ok := ts.byRefresh[req.RefreshToken]
		switch {
		case req.RefreshToken == "":
			return fail("refresh_token is required")
		case ts.retired[req.RefreshToken]:
			return fail("Refresh token has already been used")
		case !ok:
			return fail("Invalid refresh token")
		case l.revoked || l.refreshRevoked:
			return fail("Refresh token has been revoked")
		case !now.Before(l.refreshExp):
			return fail("Refresh token has expired")
		}
		accessTTL, refreshTTL := p.accessLifetime, p.refreshLifetime
		if l.custom {
			accessTTL, refreshTTL = l.accessTTL, l.refreshTTL
		}
		l.refreshes++
		ts.rotate(l, now, accessTTL, refreshTTL)
		ts.stats.RefreshGrants++
		return http.StatusOK, pairResponse(l, now)
	case "custom_token":
		issuer, check := ts.checkAccess(req.AccessToken, now)
		if check != tokenValid || issuer.custom {
			return fail("access_token must be a valid access token from a password grant")
		}
		if req.DesiredSubject == "" {
			return fail("desired_subject is required")
		}
		accessTTL, refreshTTL := p.accessLifetime, p.refreshLifetime
		if req.DesiredExpiresIn > 0 {
			accessTTL = time.Duration(req.DesiredExpiresIn) * time.Second
		}
		if req.DesiredRefreshExpiresIn > 0 {
			refreshTTL = time.Duration(req.DesiredRefreshExpiresIn) * time.Second
		}
		ts.stats.CustomGrants++
		return http.StatusOK, pairResponse(ts.newLogin(now, issuer.user, accessTTL, refreshTTL, true, req.DesiredSubject), now)
	case "revoke_token":
		if _, check := ts.checkAccess(req.AccessToken, now); check != tokenValid {
			return fail("access_token must be a valid, unexpired access token")
		}
		if msg := ts.revoke(req, p.revokeWholeLogin); msg != "" {
			return fail(msg)
		}
		ts.stats.Revocations++
		return http.StatusOK, tokenStatus{StatusCode: http.StatusOK, Message: "OK"}
	case "":
		return fail("grant_type is required")
	}
	return fail("Unsupported grant_type " + req.GrantType)
}

// revoke ends the logins a revoke_token request names; it returns why it
// cannot, or "".
func (ts *tokenStore) revoke(req tokenRequest, wholeLogin bool) string {
	var targets []*login
	switch {
	case req.TokenToRevoke != "":
		if l, ok := ts.byAccess[req.TokenToRevoke]; ok {
			l.accessRevoked = true
			l.revoked = l.revoked || wholeLogin
			return ""
		}
		if l, ok := ts.byRefresh[req.TokenToRevoke]; ok {
			l.refreshRevoked = true
			l.revoked = l.revoked || wholeLogin
			return ""
		}
		return "token_to_revoke is not a token of this device"
	case req.CustomTokenSubjectToRevoke != "" || req.CustomTokenIDToRevoke != "":
		for _, l := range ts.logins {
			if l.custom && (l.subject == req.CustomTokenSubjectToRevoke || l.jti == req.CustomTokenIDToRevoke) {
				targets = append(targets, l)
			}
		}
		if len(targets) == 0 {
			return "No custom token matches the subject or id to revoke"
		}
	default:
		return "One of token_to_revoke, custom_token_subject_to_revoke or custom_token_id_to_revoke is required"
	}
	for _, l := range targets {
		l.revoked = true
	}
	return ""
}

func pairResponse(l *login, now time.Time) tokenResponse {
	return tokenResponse{
		AccessToken:      l.access,
		ExpiresIn:        ceilSeconds(l.accessExp.Sub(now)),
		TokenType:        "Bearer",
		RefreshToken:     l.refresh,
		RefreshExpiresIn: ceilSeconds(l.refreshExp.Sub(now)),
	}
}

func ceilSeconds(d time.Duration) int64 {
	return int64((d + time.Second - 1) / time.Second)
}

// reject counts and answers a token-call failure: 400 TokenStatus.
func (ts *tokenStore) reject(msg string) (int, any) {
	ts.stats.Rejected++
	return http.StatusBadRequest, tokenStatus{StatusCode: http.StatusBadRequest, Message: msg}
}
