package transport

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Session is what a login hands back.
type Session struct {
	// Token is the bearer token, session id or cookie value.
	Token string
	// Secrets are masked in logs: the token and anything else the login returned.
	Secrets []string
	// ExpiresAt, when set, makes the client renew the session shortly before it.
	ExpiresAt time.Time
	// Data holds vendor state such as a refresh token.
	Data any
}

// Authenticator is a vendor's login flow.
type Authenticator interface {
	// Login obtains a session; its requests go through c with Request.NoAuth set.
	Login(ctx context.Context, c *Client) (*Session, error)
	// Apply adds the session to an outgoing request's headers.
	Apply(h http.Header, s *Session)
	// Expired reports whether resp is the vendor's "session expired or invalid" answer.
	Expired(resp *Response) bool
}

// Refresher is an Authenticator that can renew a session without the password.
type Refresher interface {
	Refresh(ctx context.Context, c *Client, s *Session) (*Session, error)
}

// Logouter is an Authenticator that can end a session on the appliance.
type Logouter interface {
	Logout(ctx context.Context, c *Client, s *Session) error
}

// renewBefore is how long before ExpiresAt a session is renewed.
const renewBefore = 60 * time.Second

// sessions holds the one session of an endpoint, shared by all concurrent callers.
type sessions struct {
	auth Authenticator
	// sem serialises logins: whoever holds it logs in while the others wait for its result.
	sem     chan struct{}
	current *Session
	gen     uint64
	logins  int
}

func newSessions(a Authenticator) *sessions {
	return &sessions{auth: a, sem: make(chan struct{}, 1)}
}

// get returns a valid session and its generation, logging in once for all waiters.
func (s *sessions) get(ctx context.Context, c *Client) (*Session, uint64, error) {
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, 0, ctx.Err()
	}
	defer func() { <-s.sem }()
	if s.current != nil && (s.current.ExpiresAt.IsZero() || time.Until(s.current.ExpiresAt) > renewBefore) {
		return s.current, s.gen, nil
	}
	var next *Session
	var err error
	if r, ok := s.auth.(Refresher); ok && s.current != nil {
		next, err = r.Refresh(ctx, c, s.current)
		if err != nil {
			c.debug(ctx, "session refresh failed, logging in again", map[string]any{"error": c.mask(err.Error())})
		}
	}
	if next == nil {
		s.logins++
		next, err = s.auth.Login(ctx, c)
		if err != nil {
			s.current = nil
			return nil, 0, &SessionError{Err: fmt.Errorf("%s login failed: %w", c.cfg.Product, err)}
		}
	}
	c.addSecrets(next.Secrets...)
	c.addSecrets(next.Token)
	s.current = next
	s.gen++
	return s.current, s.gen, nil
}

// invalidate drops the session of generation gen; a newer session is kept, so many
// callers seeing the same expiry cause one login.
func (s *sessions) invalidate(ctx context.Context, gen uint64) error {
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s.sem }()
	if s.gen == gen {
		s.current = nil
	}
	return nil
}

// take removes and returns the current session (for logout).
func (s *sessions) take() *Session {
	s.sem <- struct{}{}
	defer func() { <-s.sem }()
	cur := s.current
	s.current = nil
	return cur
}

// SessionError is a request that was not processed because no session could be had: the
// login failed, or the appliance refused a fresh session.
type SessionError struct{ Err error }

func (e *SessionError) Error() string { return e.Err.Error() }

func (e *SessionError) Unwrap() error { return e.Err }

// ValidToken reports whether a token can be sent in a header: a login answer holding a
// line break or another control character in it would make every later request fail
// with an error that no longer names the login.
func ValidToken(token string) bool {
	return token != "" && !strings.ContainsFunc(token, func(r rune) bool { return r < 0x20 || r == 0x7f })
}
