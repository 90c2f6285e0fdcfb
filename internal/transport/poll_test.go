package transport_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

func TestPoll(t *testing.T) {
	p := transport.Polling{Min: time.Millisecond, Max: 2 * time.Millisecond}
	calls := 0
	err := transport.Poll(t.Context(), p, func(_ context.Context, attempt int) (bool, error) {
		calls++
		if attempt != calls {
			t.Errorf("attempt %d on call %d", attempt, calls)
		}
		return calls == 3, nil
	})
	if err != nil || calls != 3 {
		t.Fatalf("err %v after %d calls, want nil after 3", err, calls)
	}

	boom := errors.New("boom")
	if err := transport.Poll(t.Context(), p, func(context.Context, int) (bool, error) { return false, boom }); !errors.Is(err, boom) {
		t.Errorf("err = %v, want the check's error", err)
	}

	// The context's deadline, measured on the mock clock the sleeps advance, is reached
	// without waiting for it in real time.
	clock := mock.NewFakeClock(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
	start := clock.Now()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	p = transport.DefaultPolling()
	p.Sleep, p.Now = clock.Sleep, clock.Now
	if err := transport.Poll(ctx, p, func(context.Context, int) (bool, error) { return false, nil }); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the context's deadline", err)
	}
	if waited := clock.Now().Sub(start); waited < 29*time.Second || waited > 30*time.Second {
		t.Errorf("the mock clock moved %s, want the 30 s to the deadline", waited)
	}
	if ctx.Err() != nil {
		t.Errorf("the real deadline was hit: %v", ctx.Err())
	}
}
