package loginsightmock

import (
	"crypto/subtle"
	"errors"
	"time"
)

// realm is the user table of one cluster; sessions it issued are accepted by
// every node of that cluster.
type realm struct {
	users map[string]user // Local users by name
}

type user struct {
	id       string
	password string
}

func newRealm(name, password string) *realm {
	return &realm{users: map[string]user{name: {id: newUUID(), password: password}}}
}

type session struct {
	realm   *realm
	userID  string
	expires time.Time
}

// authProviders are the values sessions accepts for provider (loginsight.md section 2).
var authProviders = map[string]bool{"Local": true, "ActiveDirectory": true, "vIDM": true}

// login checks Local credentials on node n and opens a session. Callers have
// checked that n has started and that provider is known.
func (c *Cluster) login(n *node, name, password, provider string) (id string, s session, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	u, known := n.realm.users[name]
	// Only Local users exist in the mock: every other provider refuses.
	if provider != AuthProvider || !known || subtle.ConstantTimeCompare([]byte(password), []byte(u.password)) != 1 {
		c.loginFailures++
		return "", session{}, false
	}
	now := c.clock.Now()
	for sid, old := range c.sessions {
		if now.Sub(old.expires) > time.Hour {
			delete(c.sessions, sid)
		}
	}
	id = newSessionID()
	s = session{realm: n.realm, userID: u.id, expires: now.Add(c.sessionTTL)}
	c.sessions[id] = &s
	c.logins++
	return id, s, true
}

// checkSession returns the session behind id on node n, or the status that
// refuses it: 401 when unknown here, the expired status once expired.
func (c *Cluster) checkSession(n *node, id string) (session, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.sessions[id]
	switch {
	case !ok || s.realm != n.realm:
		return session{}, 401
	case !c.clock.Now().Before(s.expires):
		return session{}, c.expiredStatus
	}
	if c.expireAfter > 0 {
		c.expireAfter--
		if c.expireAfter == 0 {
			c.expireSessions()
		}
	}
	return *s, 0
}

// ttlSeconds rounds the time left up to whole seconds, as "ttl" is an integer.
func ttlSeconds(left time.Duration) int {
	if left <= 0 {
		return 0
	}
	return int((left + time.Second - 1) / time.Second)
}

// SetSessionTTL sets the lifetime of sessions opened from now on.
func (c *Cluster) SetSessionTTL(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sessionTTL = max(d, time.Millisecond)
}

// ExpireSessions expires every session now; later use gets the expired status.
func (c *Cluster) ExpireSessions() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.expireSessions()
}

func (c *Cluster) expireSessions() {
	now := c.clock.Now()
	for _, s := range c.sessions {
		if s.expires.After(now) {
			s.expires = now
		}
	}
	c.expireAfter = 0
}

// ExpireSessionsAfter expires every session once n more authenticated requests
// have been let through (one shot): with n = 1 the next authenticated request
// succeeds and the one after it finds its session expired. n <= 0 expires now.
func (c *Cluster) ExpireSessionsAfter(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n <= 0 {
		c.expireSessions()
		return
	}
	c.expireAfter = n
}

// SetExpiredStatus chooses how an expired session is refused: 440 Login Timeout
// (the default, as documented) or 401 Invalid session ID.
func (c *Cluster) SetExpiredStatus(code int) error {
	if code != 401 && code != 440 {
		return errors.New("expired sessions answer 401 or 440")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.expiredStatus = code
	return nil
}

// Logins counts sessions opened (POST /sessions answered 200).
func (c *Cluster) Logins() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.logins
}

// LoginFailures counts POST /sessions answered 401.
func (c *Cluster) LoginFailures() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.loginFailures
}

// LiveSessions counts sessions that have not expired.
func (c *Cluster) LiveSessions() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.liveSessions()
}

func (c *Cluster) liveSessions() int {
	now := c.clock.Now()
	n := 0
	for _, s := range c.sessions {
		if now.Before(s.expires) {
			n++
		}
	}
	return n
}
