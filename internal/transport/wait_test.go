package transport_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

func TestTransient(t *testing.T) {
	status := func(s int) error { return fmt.Errorf("reading: %w", &transport.Error{Vendor: "X", Status: s}) }
	dropped := &url.Error{Op: "Get", URL: "https://x", Err: errors.New("EOF")}
	for _, tt := range []struct {
		name  string
		err   error
		extra []int
		want  bool
	}{
		{"503", status(http.StatusServiceUnavailable), nil, true},
		{"502", status(http.StatusBadGateway), nil, true},
		{"504", status(http.StatusGatewayTimeout), nil, true},
		{"500", status(http.StatusInternalServerError), nil, false},
		{"500 as an extra", status(http.StatusInternalServerError), []int{http.StatusInternalServerError}, true},
		{"404", status(http.StatusNotFound), []int{http.StatusInternalServerError}, false},
		{"dropped connection", dropped, nil, true},
		{"cancelled", fmt.Errorf("%w: %w", context.Canceled, dropped), nil, false},
		{"other", errors.New("boom"), nil, false},
		{"nil", nil, nil, false},
	} {
		if got := transport.Transient(tt.err, tt.extra...); got != tt.want {
			t.Errorf("%s: Transient = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func clockPolling(clock *mock.FakeClock) transport.Polling {
	p := transport.DefaultPolling()
	p.Sleep, p.Now = clock.Sleep, clock.Now
	return p
}

// A wait that runs out of time on the mock clock reports the last answer seen and the
// deadline; transient failures are waited through and recorded as seen.
func TestWait_timeoutKeepsTheLastAnswer(t *testing.T) {
	clock := mock.NewFakeClock(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	busy := &transport.Error{Vendor: "X", Status: http.StatusServiceUnavailable}
	var waiting []int
	w := transport.Wait{Polling: clockPolling(clock), Waiting: func(attempt int, _ string) { waiting = append(waiting, attempt) }}
	err := w.Run(ctx, func(_ context.Context, attempt int) (bool, string, error) {
		if attempt%2 == 0 {
			return false, "", busy
		}
		return false, fmt.Sprintf("answer %d", attempt), nil
	})
	var wt *transport.WaitTimeoutError
	if !errors.As(err, &wt) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a WaitTimeoutError at the deadline", err)
	}
	if len(waiting) < 2 || waiting[0] != 1 {
		t.Fatalf("waiting told of attempts %v", waiting)
	}
	last := waiting[len(waiting)-1]
	if last%2 == 0 && (!errors.Is(wt.LastErr, busy) || wt.LastSeen != busy.Error()) || last%2 == 1 && (wt.LastErr != nil || wt.LastSeen != fmt.Sprintf("answer %d", last)) {
		t.Errorf("after attempt %d: last seen %q (%v)", last, wt.LastSeen, wt.LastErr)
	}
	if ctx.Err() != nil {
		t.Errorf("the real deadline was hit: %v", ctx.Err())
	}
}

// A failure Retry does not accept ends the wait with that failure; Immediate makes the
// first check before any sleep.
func TestWait_failureAndImmediate(t *testing.T) {
	clock := mock.NewFakeClock(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
	start := clock.Now()
	boom := errors.New("boom")
	err := transport.Wait{Polling: clockPolling(clock), Immediate: true}.Run(t.Context(), func(_ context.Context, attempt int) (bool, string, error) {
		if attempt != 1 || !clock.Now().Equal(start) {
			t.Errorf("attempt %d at %s", attempt, clock.Now().Sub(start))
		}
		return false, "", boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want the check's failure", err)
	}

	calls := 0
	err = transport.Wait{Polling: clockPolling(clock)}.Run(t.Context(), func(context.Context, int) (bool, string, error) {
		calls++
		if calls < 3 {
			return false, "", &transport.Error{Vendor: "X", Status: http.StatusInternalServerError}
		}
		return true, "done", nil
	})
	if transport.StatusOf(err) != http.StatusInternalServerError || calls != 1 {
		t.Errorf("err = %v after %d calls, want the 500 at once", err, calls)
	}
	err = transport.Wait{Polling: clockPolling(clock), Retry: func(error) bool { return true }}.Run(t.Context(), func(context.Context, int) (bool, string, error) {
		calls++
		if calls < 4 {
			return false, "", errors.New("anything")
		}
		return true, "done", nil
	})
	if err != nil || calls != 4 {
		t.Errorf("err = %v after %d calls, want done after 4", err, calls)
	}
}

// A check cut short by the end of the context does not replace the answer seen before.
func TestWait_cutCheckKeepsTheAnswerBefore(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	p := transport.Polling{Min: time.Millisecond, Max: time.Millisecond}
	err := transport.Wait{Polling: p}.Run(ctx, func(ctx context.Context, attempt int) (bool, string, error) {
		if attempt == 1 {
			return false, "state QUEUED", nil
		}
		cancel()
		return false, "", &url.Error{Op: "Get", URL: "https://x", Err: ctx.Err()}
	})
	var wt *transport.WaitTimeoutError
	if !errors.As(err, &wt) || !errors.Is(err, context.Canceled) || wt.LastSeen != "state QUEUED" || wt.LastErr != nil {
		t.Fatalf("err = %v", err)
	}
}
