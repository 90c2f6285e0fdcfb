package sbcmock

import (
	"crypto/rand"
	"time"
)

type token struct {
	admin   bool
	expires time.Time
}

// tokenCheck is the outcome of validating a Bearer token.
type tokenCheck int

const (
	tokenValid tokenCheck = iota
	tokenUnknown
	tokenExpired
)

// SetTokenLifetime sets the lifetime of tokens issued from now on.
func (p *Pair) SetTokenLifetime(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tokenLifetime = d
}

// ExpireTokens expires every token unit u has issued.
func (p *Pair) ExpireTokens(u Unit) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.expireTokens(u)
}

func (p *Pair) expireTokens(u Unit) {
	now := p.clock.Now()
	for id, t := range p.units[u].tokens {
		t.expires = now
		p.units[u].tokens[id] = t
	}
}

// SetExpireTokensOnSwitchover makes an accepted switchover expire the tokens of
// the unit that received it.
func (p *Pair) SetExpireTokensOnSwitchover(on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.expireOnSwitch = on
}

// issueToken returns a new opaque token valid on unit u only.
func (p *Pair) issueToken(u Unit, admin bool) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.clock.Now()
	tokens := p.units[u].tokens
	for id, t := range tokens {
		if now.Sub(t.expires) > time.Hour {
			delete(tokens, id)
		}
	}
	id := rand.Text()
	tokens[id] = token{admin: admin, expires: now.Add(p.tokenLifetime)}
	return id
}

func (p *Pair) checkToken(u Unit, id string) (token, tokenCheck) {
	p.mu.Lock()
	defer p.mu.Unlock()
	t, ok := p.units[u].tokens[id]
	switch {
	case !ok:
		return t, tokenUnknown
	case !p.clock.Now().Before(t.expires):
		return t, tokenExpired
	default:
		return t, tokenValid
	}
}
