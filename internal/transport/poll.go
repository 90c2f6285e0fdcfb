package transport

import (
	"context"
	"time"
)

// Polling bounds the waits of long operations: the first check after Min, then every
// tenth of the time waited so far, between Min and Max. An operation is thus seen done
// within max(Min, 10% of its duration), capped by Max.
type Polling struct {
	Min, Max time.Duration
	// Sleep waits between checks; nil uses a timer. Tests pass a mock clock's advance.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock the wait is measured on; nil is the wall clock. With a clock of
	// its own, a wait also ends once that clock reaches the context's deadline, as it
	// stood when the wait began; tests pass the mock clock whose time Sleep advances.
	Now func() time.Time
}

// DefaultPolling starts near one second and settles at ten.
func DefaultPolling() Polling { return Polling{Min: time.Second, Max: 10 * time.Second} }

func (p Polling) withDefaults() Polling {
	d := DefaultPolling()
	if p.Min <= 0 {
		p.Min = d.Min
	}
	if p.Max < p.Min {
		p.Max = max(d.Max, p.Min)
	}
	if p.Sleep == nil {
		p.Sleep = sleepTimer
	}
	return p
}

func (p Polling) now() time.Time {
	if p.Now == nil {
		return time.Now()
	}
	return p.Now()
}

// deadline is ctx's deadline on p's clock; ok is false without a deadline or when the
// wall clock measures the wait (the context then ends it by itself).
func (p Polling) deadline(ctx context.Context) (deadline time.Time, ok bool) {
	d, ok := ctx.Deadline()
	if !ok || p.Now == nil {
		return time.Time{}, false
	}
	return p.Now().Add(time.Until(d)), true
}

// Poll calls check after each interval until it reports done, returns an error, or ctx
// ends (then ctx.Err() is returned, or context.DeadlineExceeded when Now's clock reaches
// the deadline first). attempt counts from 1.
func Poll(ctx context.Context, p Polling, check func(ctx context.Context, attempt int) (bool, error)) error {
	deadline, bounded := p.deadline(ctx)
	return poll(ctx, p, deadline, bounded, check)
}

// poll is Poll with the deadline on p's clock fixed by the caller.
func poll(ctx context.Context, p Polling, deadline time.Time, bounded bool, check func(ctx context.Context, attempt int) (bool, error)) error {
	p = p.withDefaults()
	interval := p.Min
	var waited time.Duration // sleeps and checks so far
	for attempt := 1; ; attempt++ {
		step := interval
		if bounded {
			left := deadline.Sub(p.now())
			if left <= 0 {
				return context.DeadlineExceeded
			}
			step = min(step, left)
		}
		if err := p.Sleep(ctx, step); err != nil {
			return err
		}
		start := p.now()
		done, err := check(ctx, attempt)
		if err != nil || done {
			return err
		}
		waited += step + p.now().Sub(start)
		interval = min(max(waited/10, p.Min), p.Max)
	}
}

func sleepTimer(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
