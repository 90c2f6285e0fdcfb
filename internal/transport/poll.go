package transport

import (
	"context"
	"time"
)

// Polling bounds the waits of long operations: the first check after Min, then
// intervals growing by half up to Max.
type Polling struct {
	Min, Max time.Duration
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
	for attempt := 1; ; attempt++ {
		t := time.NewTimer(interval)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		done, err := check(ctx, attempt)
		if err != nil || done {
			return err
		}
		interval = min(interval*3/2, p.Max)
	}
}
