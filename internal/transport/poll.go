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
	return p
}

// Poll calls check after each interval until it reports done, returns an error, or ctx
// ends (then ctx.Err() is returned). attempt counts from 1.
func Poll(ctx context.Context, p Polling, check func(ctx context.Context, attempt int) (bool, error)) error {
	p = p.withDefaults()
	interval := p.Min
	sleep := p.Sleep
	if sleep == nil {
		sleep = sleepTimer
	}
	var waited time.Duration // sleeps and checks so far
	for attempt := 1; ; attempt++ {
		if err := sleep(ctx, interval); err != nil {
			return err
		}
		start := time.Now()
		done, err := check(ctx, attempt)
		if err != nil || done {
			return err
		}
		waited += interval + time.Since(start)
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
