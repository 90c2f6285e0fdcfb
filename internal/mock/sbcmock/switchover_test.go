package sbcmock

import (
	"net/http"
	"sync"
	"testing"
	"time"
)

func TestStatusBeforeAnySwitchover(t *testing.T) {
	f := newFixture(t)
	token := f.login(t, UnitB, ReadOnlyUser, ReadOnlyPassword)
	f.pair.SetHealth(UnitA, 90)
	d := f.status(t, UnitB, token).body.Data
	if d.HostName != "sbc-b" || d.SystemState != "online" || d.Role != "standby" || d.HealthScorePercent != 100 ||
		d.HAPeerName != "sbc-a" || d.HAPeerRole != "active" || d.HAHealth != 90 || d.HASwitchOvers != 0 || len(d.Logs) != 0 {
		t.Fatalf("status: %+v", d)
	}
	if len(d.HASync) == 0 || d.HASync[0].State != "true" {
		t.Fatalf("sync state: %+v", d.HASync)
	}
}

func TestSwitchoverSwapsAfterDelay(t *testing.T) {
	f := newFixture(t)
	tokenA := f.login(t, UnitA, AdminUser, AdminPassword)
	tokenB := f.login(t, UnitB, AdminUser, AdminPassword)

	ans := f.switchover(t, UnitA, tokenA)
	if ans.status != 204 || ans.raw != "" {
		t.Fatalf("switchover: %d %q", ans.status, ans.raw)
	}
	if f.pair.AcceptedSwitchovers() != 1 {
		t.Fatalf("accepted = %d", f.pair.AcceptedSwitchovers())
	}

	f.clock.Advance(2*time.Second - time.Millisecond)
	if a, b := f.status(t, UnitA, tokenA).body.Data, f.status(t, UnitB, tokenB).body.Data; a.Role != "active" || b.Role != "standby" || a.HASwitchOvers != 0 {
		t.Fatalf("during the delay: A %s, B %s, count %d", a.Role, b.Role, a.HASwitchOvers)
	}
	expectError(t, f.switchover(t, UnitA, tokenA), 400, "already in progress")

	f.clock.Advance(time.Millisecond)
	a, b := f.status(t, UnitA, tokenA).body.Data, f.status(t, UnitB, tokenB).body.Data
	if a.Role != "standby" || a.HAPeerRole != "active" || b.Role != "active" || b.HAPeerRole != "standby" {
		t.Fatalf("after the delay: A %s (peer %s), B %s (peer %s)", a.Role, a.HAPeerRole, b.Role, b.HAPeerRole)
	}
	if a.HASwitchOvers != 1 || b.HASwitchOvers != 1 || f.pair.SwitchoverCount() != 1 || f.pair.Active() != UnitB {
		t.Fatalf("counters: A %d, B %d, pair %d, active %s", a.HASwitchOvers, b.HASwitchOvers, f.pair.SwitchoverCount(), f.pair.Active())
	}
	if len(a.Logs) == 0 || a.Logs[0].OldState != "Active" || a.Logs[0].NewState != "RelinquishingActive" || a.Logs[0].Info != "switchover forced by command" {
		t.Fatalf("A logs: %+v", a.Logs)
	}
	if last := b.Logs[len(b.Logs)-1]; b.Logs[0].OldState != "Standby" || b.Logs[0].NewState != "BecomingActive" || last.NewState != "Active" {
		t.Fatalf("B logs: %+v", b.Logs)
	}
	if _, err := time.Parse(logTimeLayout, a.Logs[0].Time); err != nil {
		t.Errorf("log time %q: %v", a.Logs[0].Time, err)
	}

	// Back again, now from B.
	expectError(t, f.switchover(t, UnitA, tokenA), 400, "not the active unit")
	if ans := f.switchover(t, UnitB, tokenB); ans.status != 204 {
		t.Fatalf("switchover from B: %d %s", ans.status, ans.raw)
	}
	f.clock.Advance(2 * time.Second)
	if f.pair.Active() != UnitA || f.pair.SwitchoverCount() != 2 || f.pair.Role(UnitB) != "standby" {
		t.Fatalf("second switchover: active %s, count %d", f.pair.Active(), f.pair.SwitchoverCount())
	}
}

func TestSwitchoverRefusals(t *testing.T) {
	cases := []struct {
		name   string
		setup  func(p *Pair)
		unit   Unit
		text   string
		roleB  string
		health int
	}{
		{"HA not configured", func(p *Pair) { p.SetHAConfigured(false) }, UnitA, "not configured", "standalone", 0},
		{"sent to the standby", func(*Pair) {}, UnitB, "not the active unit", "standby", 0},
		{"standby not synchronized", func(p *Pair) { p.SetSynced(UnitB, false) }, UnitA, "not synchronized", "standby", 0},
		{"standby out of service", func(p *Pair) { p.SetOutOfService(UnitB, true) }, UnitA, "out of service", "out of service", 0},
		{"standby unhealthy", func(p *Pair) { p.SetHealth(UnitB, 74) }, UnitA, "threshold of 75%", "standby", 0},
		{"active out of service", func(p *Pair) { p.SetOutOfService(UnitA, true) }, UnitA, "not the active unit", "standby", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			tc.setup(f.pair)
			token := f.login(t, tc.unit, AdminUser, AdminPassword)
			expectError(t, f.switchover(t, tc.unit, token), 400, tc.text)
			f.clock.Advance(time.Minute)
			if f.pair.AcceptedSwitchovers() != 0 || f.pair.SwitchoverCount() != 0 || f.pair.Active() != UnitA {
				t.Fatal("a refused switchover changed the pair")
			}
			if role := f.pair.Role(UnitB); role != tc.roleB {
				t.Errorf("B reports %q, want %q", role, tc.roleB)
			}
		})
	}
}

func TestStandaloneHasNoHAFields(t *testing.T) {
	f := newFixture(t)
	f.pair.SetHAConfigured(false)
	ans := f.status(t, UnitA, f.login(t, UnitA, AdminUser, AdminPassword))
	if d := ans.body.Data; d.Role != "standalone" || d.HAPeerName != "" || d.HAPeerRole != "" || len(d.HASync) != 0 {
		t.Fatalf("standalone status: %s", ans.raw)
	}
}

func TestHealthAtThresholdAccepted(t *testing.T) {
	f := newFixture(t)
	f.pair.SetHealth(UnitB, 75)
	token := f.login(t, UnitA, AdminUser, AdminPassword)
	if ans := f.switchover(t, UnitA, token); ans.status != 204 {
		t.Fatalf("health at the threshold refused: %d %s", ans.status, ans.raw)
	}
}

func TestAcceptOnStandby(t *testing.T) {
	f := newFixture(t)
	f.pair.SetAcceptOnStandby(true)
	token := f.login(t, UnitB, AdminUser, AdminPassword)
	if ans := f.switchover(t, UnitB, token); ans.status != 204 {
		t.Fatalf("switchover on the standby: %d %s", ans.status, ans.raw)
	}
	f.clock.Advance(2 * time.Second)
	if f.pair.Active() != UnitB {
		t.Fatal("roles did not swap")
	}
}

func TestNeverSwap(t *testing.T) {
	f := newFixture(t)
	f.pair.SetNeverSwap(true)
	token := f.login(t, UnitA, AdminUser, AdminPassword)
	for i := range 2 {
		if ans := f.switchover(t, UnitA, token); ans.status != 204 {
			t.Fatalf("switchover %d: %d %s", i, ans.status, ans.raw)
		}
	}
	f.clock.Advance(time.Hour)
	if f.pair.Active() != UnitA || f.pair.SwitchoverCount() != 0 || f.pair.AcceptedSwitchovers() != 2 {
		t.Fatalf("active %s, count %d, accepted %d", f.pair.Active(), f.pair.SwitchoverCount(), f.pair.AcceptedSwitchovers())
	}
}

func TestSwitchoverDelayOnRealClock(t *testing.T) {
	p := NewPair(Options{SwitchoverDelay: 20 * time.Millisecond})
	if reason := p.switchover(UnitA); reason != "" {
		t.Fatal(reason)
	}
	if p.Active() != UnitA {
		t.Fatal("swapped before the delay")
	}
	time.Sleep(30 * time.Millisecond)
	if p.Active() != UnitB {
		t.Fatal("not swapped after the delay")
	}
}

func TestConcurrentUse(t *testing.T) {
	f := newFixture(t)
	token := f.login(t, UnitA, AdminUser, AdminPassword)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			method, path := "GET", "/rest/v1.1/system/status"
			if i%2 == 0 {
				method, path = "POST", "/rest/v1.1/admin/switchover"
			}
			req, err := http.NewRequestWithContext(t.Context(), method, f.a.URL()+path, nil)
			if err != nil {
				t.Error(err)
				return
			}
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := f.client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			_ = resp.Body.Close()
			if resp.StatusCode >= 500 || resp.StatusCode == http.StatusUnauthorized {
				t.Errorf("%s %s: %d", method, path, resp.StatusCode)
			}
			f.clock.Advance(time.Second)
		})
	}
	wg.Wait()
	if got := f.pair.AcceptedSwitchovers(); got < 1 {
		t.Errorf("accepted %d switchovers", got)
	}
}
