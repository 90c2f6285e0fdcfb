package loginsight_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
)

// approved joins node 0 and approves it: it is STARTING for 100 ms.
func (f *liCluster) approved(t *testing.T) {
	t.Helper()
	tk, err := f.nodeClient(t, f.nodes[0]).Join(t.Context(), f.joinMaster(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.masterClient(t).Approve(t.Context(), tk, true); err != nil {
		t.Fatal(err)
	}
}

func TestWaitUntilStarted_repeatsFailures(t *testing.T) {
	for _, mode := range []loginsightmock.FailMode{loginsightmock.FailStatus500, loginsightmock.FailDrop} {
		t.Run(string(mode), func(t *testing.T) {
			f := newLICluster(t)
			f.approved(t)
			if err := f.cluster.FailWaitUntilStarted(2, mode); err != nil {
				t.Fatal(err)
			}
			var progress []string
			err := f.nodeClient(t, f.nodes[0]).WaitUntilStarted(t.Context(), func(s string) { progress = append(progress, s) })
			if err != nil {
				t.Fatal(err)
			}
			// Two failed calls, then one held until the node runs.
			if n := f.cluster.WaitUntilStartedCalls(); n != 3 || f.nodes[0].CountCalls("POST", waitPath) != 3 {
				t.Errorf("mock saw %d calls, log holds %d", n, f.nodes[0].CountCalls("POST", waitPath))
			}
			if n, _ := f.cluster.Node(f.nodes[0].Host()); n.State != loginsightmock.StateRunning {
				t.Errorf("node %+v", n)
			}
			if len(progress) != 2 || !strings.HasPrefix(progress[0], "waitUntilStarted attempt 1: ") {
				t.Errorf("progress %q", progress)
			}
		})
	}
}

// The deadline is reached on the mock clock, which the wait's sleeps advance; the
// context's own deadline, in real time, is not expected to be hit.
func TestWaitUntilStarted_givesUpAtTheDeadline(t *testing.T) {
	start := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	t.Run("held", func(t *testing.T) {
		// A node awaiting approval holds the call until the mock clock passes the
		// deadline; the wait then gives up without another call.
		clock := mock.NewFakeClock(start)
		f := newLIClusterWith(t, loginsightmock.Options{Clock: clock})
		if _, err := f.nodeClient(t, f.nodes[0]).Join(t.Context(), f.joinMaster(t)); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
		defer cancel()
		go func() {
			for f.cluster.HeldWaits() == 0 {
				if ctx.Err() != nil {
					return
				}
				time.Sleep(time.Millisecond)
			}
			clock.Advance(time.Hour)
		}()
		err := f.nodeClientOnClock(t, f.nodes[0], clock).WaitUntilStarted(ctx, nil)
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "did not report started before the deadline") {
			t.Fatalf("err = %v", err)
		}
		if n := f.cluster.WaitUntilStartedCalls(); n != 1 {
			t.Errorf("%d calls", n)
		}
	})
	t.Run("failing", func(t *testing.T) {
		// An unbootstrapped node answers 500 at once, every time.
		clock := mock.NewFakeClock(start)
		f := newLICluster(t)
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
		defer cancel()
		err := f.nodeClientOnClock(t, f.nodes[1], clock).WaitUntilStarted(ctx, nil)
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "last answer: Log Insight answered 500") {
			t.Fatalf("err = %v", err)
		}
		if n := f.cluster.WaitUntilStartedCalls(); n < 2 || f.nodes[1].CountCalls("POST", waitPath) != n {
			t.Errorf("%d calls, log holds %d", n, f.nodes[1].CountCalls("POST", waitPath))
		}
	})
}
