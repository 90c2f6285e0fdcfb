package transport_test

import (
	"context"
	"errors"
	"testing"
	"time"

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

	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if err := transport.Poll(ctx, p, func(context.Context, int) (bool, error) { return false, nil }); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the context's deadline", err)
	}
}
