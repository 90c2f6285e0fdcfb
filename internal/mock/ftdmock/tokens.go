package ftdmock

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"time"
)

// maxLiveLogins is the FDM limit of active logins; past it the oldest is
// expired (ftd-fdm.md section 1, [C:S9]).
const maxLiveLogins = 5

// login is one token grant chain: a password (or custom) grant and the pairs
// its refreshes rotated in. A login is live while its current access token is
// neither expired nor revoked.
type login struct {
	jti        string
	user       string
	custom     bool
	subject    string
	created    time.Time
	access     string
	refresh    string
	accessExp  time.Time
	refreshExp time.Time
	revoked    bool // the whole login: evicted, or revoked as a custom token or with RevokeWholeLogin
	// accessRevoked and refreshRevoked: a token_to_revoke names one token, and FDM does
	// not document whether the other token of its pair survives (ftd-fdm.md section 1);
	// the mock keeps it unless Options.RevokeWholeLogin.
	accessRevoked, refreshRevoked bool
	refreshes                     int
	// accessTTL and refreshTTL are the lifetimes of a custom token's pairs.
	accessTTL, refreshTTL time.Duration
}

func (l *login) live(now time.Time) bool {
	return !l.revoked && !l.accessRevoked && now.Before(l.accessExp)
}

// refreshable reports whether the login's refresh token still grants a new pair.
func (l *login) refreshable(now time.Time) bool {
	return !l.revoked && !l.refreshRevoked && now.Before(l.refreshExp)
}

type tokenStore struct {
	logins    []*login
	byAccess  map[string]*login
	byRefresh map[string]*login
	retired   map[string]bool // tokens a refresh replaced
	stats     TokenStats
}

// TokenStats counts one unit's token activity.
type TokenStats struct {
	Live           int `json:"live"`            // access tokens neither expired nor revoked
	LiveRefresh    int `json:"live_refresh"`    // refresh tokens neither expired nor revoked
	PasswordGrants int `json:"password_grants"` // successful grant_type=password
	RefreshGrants  int `json:"refresh_grants"`  // successful grant_type=refresh_token
	CustomGrants   int `json:"custom_grants"`   // successful grant_type=custom_token
	Revocations    int `json:"revocations"`     // successful grant_type=revoke_token
	Evicted        int `json:"evicted"`         // logins expired by the limit of 5
	Rejected       int `json:"rejected"`        // token calls answered 400
}

func newTokenStore() tokenStore {
	return tokenStore{byAccess: map[string]*login{}, byRefresh: map[string]*login{}, retired: map[string]bool{}}
}

// tokenCheck is the outcome of validating a Bearer token.
type tokenCheck int

const (
	tokenValid tokenCheck = iota
	tokenUnknown
	tokenExpired // expired, revoked or replaced by a refresh
)

func (ts *tokenStore) refreshableCount(now time.Time) int {
	n := 0
	for _, l := range ts.logins {
		if l.refreshable(now) {
			n++
		}
	}
	return n
}

func (ts *tokenStore) liveCount(now time.Time) int {
	n := 0
	for _, l := range ts.logins {
		if l.live(now) {
			n++
		}
	}
	return n
}

// newLogin issues a fresh pair, first expiring the oldest live logins beyond
// the limit.
func (ts *tokenStore) newLogin(now time.Time, user string, accessTTL, refreshTTL time.Duration, custom bool, subject string) *login {
	for ts.liveCount(now) >= maxLiveLogins {
		for _, l := range ts.logins {
			if l.live(now) {
				l.revoked = true
				ts.stats.Evicted++
				break
			}
		}
	}
	l := &login{jti: newUUID(), user: user, custom: custom, subject: subject, created: now, accessTTL: accessTTL, refreshTTL: refreshTTL}
	ts.logins = append(ts.logins, l)
	ts.rotate(l, now, accessTTL, refreshTTL)
	return l
}

// rotate gives l a new pair; the old pair stops working.
func (ts *tokenStore) rotate(l *login, now time.Time, accessTTL, refreshTTL time.Duration) {
	if l.access != "" {
		ts.retired[l.access] = true
		ts.retired[l.refresh] = true
		delete(ts.byAccess, l.access)
		delete(ts.byRefresh, l.refresh)
	}
	l.accessRevoked = false // a refresh hands out a fresh pair
	l.accessExp = now.Add(accessTTL)
	l.refreshExp = now.Add(refreshTTL)
	l.access = newJWT(l, "access", now, l.accessExp)
	l.refresh = newJWT(l, "refresh", now, l.refreshExp)
	ts.byAccess[l.access] = l
	ts.byRefresh[l.refresh] = l
}

func (ts *tokenStore) checkAccess(token string, now time.Time) (*login, tokenCheck) {
	if ts.retired[token] {
		return nil, tokenExpired
	}
	l, ok := ts.byAccess[token]
	switch {
	case !ok:
		return nil, tokenUnknown
	case !l.live(now):
		return l, tokenExpired
	}
	return l, tokenValid
}

func (ts *tokenStore) expire(now time.Time, refreshToo bool) {
	for _, l := range ts.logins {
		if l.accessExp.After(now) {
			l.accessExp = now
		}
		if refreshToo && l.refreshExp.After(now) {
			l.refreshExp = now
		}
	}
}

// newJWT returns a JWT-shaped token; the mock only ever looks it up, so the
// signature is random bytes.
func newJWT(l *login, use string, iat, exp time.Time) string {
	claims := map[string]any{
		"iat":                   iat.Unix(),
		"exp":                   exp.Unix(),
		"sub":                   l.user,
		"jti":                   l.jti,
		"refreshCount":          l.refreshes,
		"tokenUse":              use,
		"tokenType":             map[string]string{"access": "JWT_Access", "refresh": "JWT_Refresh"}[use],
		"refreshTokenExpiresAt": l.refreshExp.UnixMilli(),
		"user_uuid":             stableUUID("user", l.user),
	}
	if l.custom {
		claims["origin"] = "custom_token"
		claims["sub"] = l.subject
	} else {
		claims["origin"] = "password"
	}
	payload, _ := json.Marshal(claims)
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"HS384","typ":"JWT"}`)) + "." +
		enc.EncodeToString(payload) + "." + enc.EncodeToString(randomBytes(48))
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return b
}

func newUUID() string {
	b := randomBytes(16)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hex[c>>4], hex[c&0xf])
	}
	return string(out)
}

// randomVersion looks like an FDM object version.
func randomVersion() string {
	b := randomBytes(13)
	for i := range b {
		b[i] = 'a' + b[i]%26
	}
	return string(b)
}

// checkAccess validates a Bearer token on unit u; for an expired token it also
// returns the status that signals expiry.
func (p *Pair) checkAccess(u Unit, token string) (tokenCheck, int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	_, check := p.units[u].tokens.checkAccess(token, p.clock.Now())
	return check, p.expiryStatus
}
