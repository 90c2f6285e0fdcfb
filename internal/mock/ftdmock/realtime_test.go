package ftdmock

import (
	"sync"
	"testing"
	"time"
)

// TestPairFormationOnRealTime is what acceptance tests rely on: with
// QuickTimings and the real clock, a pair forms within a short real delay.
func TestPairFormationOnRealTime(t *testing.T) {
	const step = 40 * time.Millisecond
	f := newFixtureWith(t, Options{Timings: QuickTimings(step)})
	if f.pair.Timings() != QuickTimings(step) {
		t.Fatalf("timings: %+v", f.pair.Timings())
	}
	tp, ts := f.login(t, Primary).AccessToken, f.login(t, Secondary).AccessToken
	began := time.Now()
	for _, side := range []struct {
		u     Unit
		token string
		role  string
	}{{Primary, tp, RolePrimary}, {Secondary, ts, RoleSecondary}} {
		f.configure(t, side.u, side.token, side.role)
		j := f.postJob(t, side.u, OpJoin, side.token, map[string]any{"name": "join " + side.u.String()})
		for got := j; got.EndTime == -1; got = f.job(t, side.u, OpJoin, side.token, j.ID) {
			if time.Since(began) > 5*time.Second {
				t.Fatalf("job still %s", got.State)
			}
			time.Sleep(step / 4)
		}
	}
	for {
		st := f.status(t, Secondary, ts)
		if st.NodeState == NodeStandby && st.ConfigStatus == ConfigInSync {
			break
		}
		if time.Since(began) > 5*time.Second {
			t.Fatalf("pair still %+v", st)
		}
		time.Sleep(step / 4)
	}
	if elapsed := time.Since(began); elapsed < 6*step {
		t.Fatalf("formed in %s, faster than the timings allow", elapsed)
	}
	expectStatus(t, f.status(t, Primary, tp), RolePrimary, NodeActive, NodeStandby, ConfigInSync, HealthHealthy)
}

func TestConcurrentLoginsKeepTheLimit(t *testing.T) {
	f := newFixture(t)
	var wg sync.WaitGroup
	for range 12 {
		wg.Go(func() {
			ans, _ := f.grant(t, Primary, map[string]any{"grant_type": "password", "username": Username, "password": Password})
			if ans.status != 200 {
				t.Errorf("login: %d %s", ans.status, ans.raw)
			}
		})
	}
	wg.Go(func() { f.pair.HAStatus(Primary) })
	wg.Wait()
	if st := f.pair.Tokens(Primary); st.Live != 5 || st.PasswordGrants != 12 || st.Evicted != 7 {
		t.Fatalf("stats: %+v", st)
	}
}
