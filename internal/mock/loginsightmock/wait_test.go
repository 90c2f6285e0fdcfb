package loginsightmock

import (
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

const waitPath = "/api/v2/deployment/waitUntilStarted"

// startWait sends waitUntilStarted in the background and returns once the mock
// holds it.
func (f *fixture) startWait(t *testing.T, s *mock.Server) <-chan answer {
	t.Helper()
	held := f.cluster.HeldWaits()
	done := make(chan answer, 1)
	go func() {
		ans, err := f.send(t, s, "POST", waitPath, "", nil)
		if err != nil {
			ans = answer{status: -1, raw: err.Error()}
		}
		done <- ans
	}()
	for f.cluster.HeldWaits() == held {
		select {
		case ans := <-done:
			t.Fatalf("answered without holding: %d %s", ans.status, ans.raw)
		case <-time.After(time.Millisecond):
		}
	}
	return done
}

func expectHeld(t *testing.T, done <-chan answer) {
	t.Helper()
	select {
	case ans := <-done:
		t.Fatalf("answered while it should hold: %d %s", ans.status, ans.raw)
	case <-time.After(30 * time.Millisecond):
	}
}

func receive(t *testing.T, done <-chan answer) answer {
	t.Helper()
	select {
	case ans := <-done:
		return ans
	case <-time.After(5 * time.Second):
		t.Fatal("still held")
		return answer{}
	}
}

func TestWaitUntilStartedHoldsForTheStartDelay(t *testing.T) {
	f := newFixture(t)
	f.cluster.SetStartDelay(10 * time.Second)
	f.approve(t, f.login(t, f.master), f.join(t, f.nodes[0]), true)
	done := f.startWait(t, f.nodes[0])
	f.clock.Advance(10*time.Second - time.Millisecond)
	expectHeld(t, done)
	if n := f.node(t, f.nodes[0]); n.State != StateStarting {
		t.Fatalf("state during the delay: %s", n.State)
	}
	f.clock.Advance(time.Millisecond)
	if ans := receive(t, done); ans.status != 200 || ans.raw != "" {
		t.Fatalf("after the delay: %d %q", ans.status, ans.raw)
	}
	if n := f.node(t, f.nodes[0]); n.State != StateRunning {
		t.Fatalf("state after the delay: %s", n.State)
	}
	// Once running, at once; the master too.
	for _, s := range []*mock.Server{f.nodes[0], f.master} {
		if ans := f.do(t, s, "POST", waitPath, "", nil); ans.status != 200 {
			t.Fatalf("running node %s: %d", s.Host(), ans.status)
		}
	}
	if f.cluster.HeldWaits() != 0 || f.cluster.WaitUntilStartedCalls() != 3 {
		t.Errorf("held %d, calls %d", f.cluster.HeldWaits(), f.cluster.WaitUntilStartedCalls())
	}
}

func TestWaitUntilStartedBeforeJoin(t *testing.T) {
	f := newFixture(t)
	e := expectError(t, f.do(t, f.nodes[0], "POST", waitPath, "", nil), 500, "", "The operation failed due to an internal error.")
	if e.ErrorMessage != "The operation failed due to an internal error." {
		t.Errorf("message %q", e.ErrorMessage)
	}
}

func TestWaitUntilStartedAwaitingApproval(t *testing.T) {
	f := newFixture(t)
	f.cluster.SetWaitTimeout(time.Minute)
	session := f.login(t, f.master)

	// Not approved within the wait timeout: 500.
	f.join(t, f.nodes[0])
	done := f.startWait(t, f.nodes[0])
	f.clock.Advance(time.Minute - time.Millisecond)
	expectHeld(t, done)
	f.clock.Advance(time.Millisecond)
	expectError(t, receive(t, done), 500, "", "internal error")

	// Approved while held: it holds on through the start, then 200.
	done = f.startWait(t, f.nodes[0])
	f.approve(t, session, ticket{WorkerAddress: "127.0.0.1", WorkerPort: 16520, WorkerToken: f.node(t, f.nodes[0]).WorkerToken}, true)
	f.clock.Advance(time.Second)
	expectHeld(t, done)
	f.clock.Advance(time.Second)
	if ans := receive(t, done); ans.status != 200 {
		t.Fatalf("approved while held: %d %s", ans.status, ans.raw)
	}

	// Denied while held: 500 at once.
	tk := f.join(t, f.nodes[1])
	done = f.startWait(t, f.nodes[1])
	f.approve(t, session, tk, false)
	expectError(t, receive(t, done), 500, "", "internal error")
}

func TestWaitUntilStartedStartLongerThanTimeout(t *testing.T) {
	f := newFixture(t)
	f.cluster.SetWaitTimeout(time.Second)
	f.approve(t, f.login(t, f.master), f.join(t, f.nodes[0]), true)
	done := f.startWait(t, f.nodes[0])
	f.clock.Advance(time.Second)
	expectError(t, receive(t, done), 500, "", "internal error")
	f.clock.Advance(time.Second)
	if ans := f.do(t, f.nodes[0], "POST", waitPath, "", nil); ans.status != 200 {
		t.Fatalf("retry after the start: %d", ans.status)
	}
}

func TestWaitUntilStartedFailures(t *testing.T) {
	for _, mode := range []FailMode{FailStatus500, FailDrop} {
		t.Run(string(mode), func(t *testing.T) {
			f := newFixture(t)
			f.addWorker(t, f.login(t, f.master), f.nodes[0])
			if err := f.cluster.FailWaitUntilStarted(2, mode); err != nil {
				t.Fatal(err)
			}
			for i := range 2 {
				ans, err := f.send(t, f.nodes[0], "POST", waitPath, "", nil)
				switch mode {
				case FailDrop:
					if err == nil {
						t.Fatalf("call %d answered %d, want a dropped connection", i, ans.status)
					}
				default:
					if err != nil {
						t.Fatal(err)
					}
					expectError(t, ans, 500, "", "internal error")
				}
			}
			if ans := f.do(t, f.nodes[0], "POST", waitPath, "", nil); ans.status != 200 {
				t.Fatalf("third call: %d %s", ans.status, ans.raw)
			}
			if n := f.cluster.WaitUntilStartedCalls(); n != 3 {
				t.Errorf("%d calls counted", n)
			}
			want := []int{500, 500, 200}
			if mode == FailDrop {
				want = []int{0, 0, 200} // no answer logged for a drop
			}
			for i, c := range f.nodes[0].Calls()[len(f.nodes[0].Calls())-3:] {
				if c.Path != waitPath || c.Status != want[i] {
					t.Errorf("call %d logged as %s %d, want %d", i, c.Path, c.Status, want[i])
				}
			}
		})
	}
	f := newFixture(t)
	if err := f.cluster.FailWaitUntilStarted(1, "503"); err == nil {
		t.Error("unknown fail mode accepted")
	}
}

// TestWaitUntilStartedRealClock holds for a short real start delay, as the
// acceptance tests and the standalone mock do.
func TestWaitUntilStartedRealClock(t *testing.T) {
	f := newFixtureWith(t, Options{StartDelay: 150 * time.Millisecond}, nil)
	f.approve(t, f.login(t, f.master), f.join(t, f.nodes[0]), true)
	begin := time.Now()
	ans := f.do(t, f.nodes[0], "POST", waitPath, "", nil)
	if took := time.Since(begin); ans.status != 200 || took < 100*time.Millisecond || took > 2*time.Second {
		t.Fatalf("wait: %d after %s", ans.status, took)
	}
	if n := f.node(t, f.nodes[0]); n.State != StateRunning {
		t.Fatalf("state %s", n.State)
	}
}
