package fireflowmock

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Cookies that carry the session id: the documented one and the RT name some
// doc examples show (fireflow.md section 1).
const (
	SessionCookie   = "FireFlow_Session"
	RTSessionCookie = "RT_SID_FireFlow.443"
)

type session struct {
	id      string
	issued  time.Time
	expires time.Time
}

// Session is a login as the mock sees it.
type Session struct {
	ID      string    `json:"id"`
	Issued  time.Time `json:"issued"`
	Expires time.Time `json:"expires"`
	Expired bool      `json:"expired"`
}

type sessionCheck int

const (
	sessionValid sessionCheck = iota
	sessionUnknown
	sessionExpired
)

// Logins counts successful logins.
func (f *FireFlow) Logins() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.logins
}

// FailedLogins counts logins refused with authentication.failure.
func (f *FireFlow) FailedLogins() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.failedLogins
}

// Sessions lists the sessions issued (those expired for over an hour are
// forgotten at the next login), oldest first.
func (f *FireFlow) Sessions() []Session {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.sessionList()
}

func (f *FireFlow) sessionList() []Session {
	now := f.clock.Now()
	out := make([]Session, 0, len(f.sessions))
	for _, s := range f.sessions {
		out = append(out, Session{ID: s.id, Issued: s.issued, Expires: s.expires, Expired: !now.Before(s.expires)})
	}
	slices.SortFunc(out, func(a, b Session) int {
		if c := a.Issued.Compare(b.Issued); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// SetSessionLifetime sets the lifetime of sessions issued from now on.
func (f *FireFlow) SetSessionLifetime(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sessionLifetime = max(d, 0)
}

// ExpireSessions expires every session issued so far.
func (f *FireFlow) ExpireSessions() {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.clock.Now()
	for _, s := range f.sessions {
		if now.Before(s.expires) {
			s.expires = now
		}
	}
}

// SetLoginFailureStatus sets the HTTP status of a refused login (default 200:
// the source gives none; clients must judge by the envelope status).
func (f *FireFlow) SetLoginFailureStatus(status int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.loginFailureStatus = status
}

// loginBody is the body of POST /authentication/authenticate; other members
// (one client sends "domain": null) are ignored.
type loginBody struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// loginData is the data of a successful login.
type loginData struct {
	SessionID    string `json:"sessionId"`
	FASessionID  string `json:"faSessionId"`
	PHPSessionID string `json:"phpSessionId"`
}

func (f *FireFlow) authenticate(w http.ResponseWriter, r *http.Request) {
	var body loginBody
	if _, ok := decodeBody(w, r, &body); !ok {
		return
	}
	if !validCredentials(body.Username, body.Password) {
		f.mu.Lock()
		f.failedLogins++
		status := f.loginFailureStatus
		f.mu.Unlock()
		writeFailure(w, status, Message{CodeAuthenticationFailure, "Authentication Failed"})
		return
	}
	data := loginData{SessionID: f.newSession(), FASessionID: hexID(), PHPSessionID: "PHPSESSID=" + hexID() + "; path=/; secure; HttpOnly"}
	f.mu.Lock()
	f.issued = append(f.issued, data.SessionID, data.FASessionID, data.PHPSessionID)
	f.mu.Unlock()
	writeSuccess(w, successMessages, data)
}

func validCredentials(user, password string) bool {
	okUser := subtle.ConstantTimeCompare([]byte(user), []byte(Username))
	okPassword := subtle.ConstantTimeCompare([]byte(password), []byte(Password))
	return okUser&okPassword == 1
}

func (f *FireFlow) newSession() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.clock.Now()
	for id, s := range f.sessions {
		if now.Sub(s.expires) > time.Hour {
			delete(f.sessions, id)
		}
	}
	id := hexID()
	f.sessions[id] = &session{id: id, issued: now, expires: now.Add(f.sessionLifetime)}
	f.logins++
	return id
}

// hexID returns 32 hex digits, the shape of the documented session ids.
func hexID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// sessionOf checks the session cookie of r.
func (f *FireFlow) sessionOf(r *http.Request) sessionCheck {
	id := ""
	for _, name := range []string{SessionCookie, RTSessionCookie} {
		if c, err := r.Cookie(name); err == nil && c.Value != "" {
			id = c.Value
			break
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	s, ok := f.sessions[id]
	switch {
	case !ok:
		return sessionUnknown
	case !f.clock.Now().Before(s.expires):
		return sessionExpired
	default:
		return sessionValid
	}
}

// sessionAnswer is the body of GET /session, the one answer outside the envelope.
type sessionAnswer struct {
	Message Message `json:"message"`
	Valid   bool    `json:"valid"`
}

// sessionAlive answers GET /session: HTTP 200 whether or not the key is valid.
func (f *FireFlow) sessionAlive(w http.ResponseWriter, r *http.Request) {
	ans := sessionAnswer{Message: Message{CodeSuccess, "Success"}, Valid: true}
	switch f.sessionOf(r) {
	case sessionUnknown:
		ans = sessionAnswer{Message: Message{CodeInvalidSessionKey, msgInvalidSession}}
	case sessionExpired:
		ans = sessionAnswer{Message: Message{CodeExpiredSessionKey, msgExpiredSession}}
	}
	mock.WriteJSON(w, http.StatusOK, ans)
}

// requireSession answers 403 and reports false unless r carries a valid session.
func (f *FireFlow) requireSession(w http.ResponseWriter, r *http.Request) bool {
	switch f.sessionOf(r) {
	case sessionUnknown:
		writeFailure(w, http.StatusForbidden, Message{CodeInvalidSessionKey, msgInvalidSession})
		return false
	case sessionExpired:
		writeFailure(w, http.StatusForbidden, Message{CodeExpiredSessionKey, msgExpiredSession})
		return false
	}
	return true
}

// IssuedSecrets lists every session value logins handed out, for tests that look for leaks.
func (f *FireFlow) IssuedSecrets() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.issued...)
}

// LiveSessions counts the sessions that have not expired. No REST logout is
// documented (fireflow.md section 1), so only expiry ends one.
func (f *FireFlow) LiveSessions() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, s := range f.sessionList() {
		if !s.Expired {
			n++
		}
	}
	return n
}
