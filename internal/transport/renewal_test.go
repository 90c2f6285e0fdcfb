package transport_test

import (
	"testing"
	"time"
)

// TestSessionRenewedBeforeExpiry: a session past, or close to, its ExpiresAt is renewed before use.
func TestSessionRenewedBeforeExpiry(t *testing.T) {
	tests := []struct {
		name   string
		ttl    time.Duration
		logins int64
	}{
		{"expired", -time.Minute, 2},
		{"within the renewal window", 30 * time.Second, 2},
		{"far from expiry", time.Hour, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newAppliance(t, nil)
			c := newSessionClient(t, a, &bearerAuth{ttl: tt.ttl})
			for i := range 2 {
				if err := getItems(t, c); err != nil {
					t.Fatalf("call %d: %v", i+1, err)
				}
			}
			assertCounts(t, a, c, tt.logins, 2)
		})
	}
}

func TestSessionRefresherRenewsWithoutLogin(t *testing.T) {
	a := newAppliance(t, nil)
	c := newSessionClient(t, a, &refreshingAuth{bearerAuth{ttl: 30 * time.Second}})
	for i := range 3 {
		if err := getItems(t, c); err != nil {
			t.Fatalf("call %d: %v", i+1, err)
		}
	}
	// The refresh revokes the old token, so the calls only succeed with the refreshed one.
	assertCounts(t, a, c, 1, 3)
	if n := a.refreshes.Load(); n != 2 {
		t.Errorf("server saw %d refreshes, want 2", n)
	}
}
