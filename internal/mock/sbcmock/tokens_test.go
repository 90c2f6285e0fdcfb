package sbcmock

import (
	"testing"
	"time"
)

func TestTokenLifetime(t *testing.T) {
	f := newFixture(t)
	token := f.login(t, UnitA, AdminUser, AdminPassword)
	f.clock.Advance(10*time.Minute - time.Second)
	f.status(t, UnitA, token)
	f.clock.Advance(time.Second)
	expectError(t, f.do(t, UnitA, "GET", "/rest/v1.1/system/status", bearer(token)), 401, "expired")

	f.pair.SetTokenLifetime(time.Minute)
	short := f.login(t, UnitA, AdminUser, AdminPassword)
	f.clock.Advance(time.Minute)
	expectError(t, f.do(t, UnitA, "GET", "/rest/v1.1/system/status", bearer(short)), 401, "expired")
}

func TestExpireTokens(t *testing.T) {
	f := newFixture(t)
	tokenA := f.login(t, UnitA, AdminUser, AdminPassword)
	tokenB := f.login(t, UnitB, AdminUser, AdminPassword)
	f.pair.ExpireTokens(UnitA)
	expectError(t, f.do(t, UnitA, "GET", "/rest/v1.1/system/status", bearer(tokenA)), 401, "expired")
	f.status(t, UnitB, tokenB)
	f.status(t, UnitA, f.login(t, UnitA, AdminUser, AdminPassword))
}

func TestExpireTokensOnSwitchover(t *testing.T) {
	f := newFixture(t)
	f.pair.SetExpireTokensOnSwitchover(true)
	tokenA := f.login(t, UnitA, AdminUser, AdminPassword)
	tokenB := f.login(t, UnitB, AdminUser, AdminPassword)
	if ans := f.switchover(t, UnitA, tokenA); ans.status != 204 {
		t.Fatalf("switchover: %d %s", ans.status, ans.raw)
	}
	expectError(t, f.do(t, UnitA, "GET", "/rest/v1.1/system/status", bearer(tokenA)), 401, "expired")
	f.status(t, UnitB, tokenB)
}
