package transport_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// appliance is a fake vendor endpoint with bearer-token sessions: POST /login and
// POST /refresh hand out tokens, GET /items needs a valid one.
type appliance struct {
	*server
	logins, refreshes, items atomic.Int64
	// reject answers 401 on /items whatever the token.
	reject atomic.Bool
	// onStale, when set, runs before /items answers 401.
	onStale func(r *http.Request)

	mu     sync.Mutex
	valid  map[string]bool
	minted int
}

func newAppliance(t *testing.T, onStale func(r *http.Request)) *appliance {
	t.Helper()
	a := &appliance{valid: map[string]bool{}, onStale: onStale}
	a.server = newServer(t, a.serve)
	return a
}

func (a *appliance) serve(w http.ResponseWriter, r *http.Request, n int64) {
	token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	switch r.URL.Path {
	case "/login":
		a.logins.Add(1)
		a.writeToken(w)
	case "/refresh":
		a.refreshes.Add(1)
		if !a.revoke(token) {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		a.writeToken(w)
	case "/items":
		a.items.Add(1)
		if a.reject.Load() || !a.isValid(token) {
			if a.onStale != nil {
				a.onStale(r)
			}
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		ok(w, r, n)
	default:
		http.NotFound(w, r)
	}
}

func (a *appliance) writeToken(w http.ResponseWriter) {
	a.mu.Lock()
	a.minted++
	token := fmt.Sprintf("token-%d", a.minted)
	a.valid[token] = true
	a.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"access_token": token})
}

func (a *appliance) isValid(token string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.valid[token]
}

// revoke invalidates token and reports whether it was valid.
func (a *appliance) revoke(token string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	was := a.valid[token]
	delete(a.valid, token)
	return was
}

// expireSessions invalidates every token handed out so far.
func (a *appliance) expireSessions() {
	a.mu.Lock()
	defer a.mu.Unlock()
	clear(a.valid)
}

// bearerAuth logs in with POST /login and sends the token as a bearer token.
type bearerAuth struct {
	loginBody []byte
	// parse reads the token from the login answer; its JSON access_token when nil.
	parse func(body []byte) (string, error)
	// ttl, when set, gives sessions an ExpiresAt this far from now.
	ttl time.Duration
}

func (a *bearerAuth) Login(ctx context.Context, c *transport.Client) (*transport.Session, error) {
	resp, err := c.Do(ctx, transport.Request{Method: http.MethodPost, Path: "/login", Body: a.loginBody, NoAuth: true})
	if err != nil {
		return nil, err
	}
	return a.session(resp.Body)
}

func (a *bearerAuth) Apply(h http.Header, s *transport.Session) {
	h.Set("Authorization", "Bearer "+s.Token)
}

func (a *bearerAuth) Expired(resp *transport.Response) bool {
	return resp.Status == http.StatusUnauthorized
}

func (a *bearerAuth) session(body []byte) (*transport.Session, error) {
	parse := a.parse
	if parse == nil {
		parse = jsonToken
	}
	token, err := parse(body)
	if err != nil {
		return nil, err
	}
	if token == "" {
		return nil, errors.New("no token in the login answer")
	}
	s := &transport.Session{Token: token}
	if a.ttl != 0 {
		s.ExpiresAt = time.Now().Add(a.ttl)
	}
	return s, nil
}

func jsonToken(body []byte) (string, error) {
	var v struct {
		AccessToken string `json:"access_token"`
	}
	err := json.Unmarshal(body, &v)
	return v.AccessToken, err
}

// refreshingAuth renews a session with POST /refresh, which swaps the old token for a new one.
type refreshingAuth struct{ bearerAuth }

func (a *refreshingAuth) Refresh(ctx context.Context, c *transport.Client, s *transport.Session) (*transport.Session, error) {
	resp, err := c.Do(ctx, transport.Request{
		Method: http.MethodPost, Path: "/refresh", NoAuth: true,
		Header: http.Header{"Authorization": {"Bearer " + s.Token}},
	})
	if err != nil {
		return nil, err
	}
	return a.session(resp.Body)
}
