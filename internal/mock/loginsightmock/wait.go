package loginsightmock

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// FailMode is how a failing waitUntilStarted call fails.
type FailMode string

// Fail modes.
const (
	FailStatus500 FailMode = "500"  // 500 with the documented body
	FailDrop      FailMode = "drop" // the connection closes without an answer
)

// holdTick bounds each sleep of a held call, so a FakeClock advanced by a test
// is noticed at once.
const holdTick = 5 * time.Millisecond

type waitVerdict int

const (
	waitHold waitVerdict = iota
	waitStarted
	waitFailed
)

// waitUntilStarted answers POST /deployment/waitUntilStarted (loginsight.md
// section 7): 200 once the node runs; held while it starts or awaits approval;
// 500 when it is unbootstrapped or the hold outlasts the wait timeout.
func (h nodeHandler) waitUntilStarted(w http.ResponseWriter, r *http.Request, _ request) {
	c := h.c
	fail, mode, deadline := c.beginWait()
	if fail {
		if mode == FailDrop {
			panic(http.ErrAbortHandler) // net/http closes the connection without a response
		}
		writeInternalError(w)
		return
	}
	defer c.endWait()
	for {
		verdict, left := c.waitState(h.n, deadline)
		switch verdict {
		case waitStarted:
			c.writeDone(w)
			return
		case waitFailed:
			writeInternalError(w)
			return
		}
		if !sleep(r.Context(), min(left, holdTick)) {
			return // the client gave up
		}
	}
}

// beginWait counts the call and consumes one injected failure if any are left;
// otherwise it registers a held call and returns its deadline on the Clock.
func (c *Cluster) beginWait() (fail bool, mode FailMode, deadline time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waitCalls++
	if c.waitFailures > 0 {
		c.waitFailures--
		return true, c.waitFailMode, time.Time{}
	}
	c.holding++
	return false, "", c.clock.Now().Add(c.waitTimeout)
}

func (c *Cluster) endWait() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.holding--
}

func (c *Cluster) waitState(n *node, deadline time.Time) (waitVerdict, time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settle()
	now := c.clock.Now()
	switch n.state {
	case StateRunning, StateRemoved:
		return waitStarted, 0
	case StateUnbootstrapped:
		return waitFailed, 0
	}
	if !now.Before(deadline) {
		return waitFailed, 0
	}
	until := deadline
	if n.state == StateStarting && n.readyAt.Before(until) {
		until = n.readyAt
	}
	return waitHold, until.Sub(now)
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(max(d, time.Millisecond))
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// SetStartDelay sets how long a node stays STARTING after an approve or a new
// received from now on.
func (c *Cluster) SetStartDelay(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.startDelay = max(d, 0)
}

// SetWaitTimeout sets the longest hold of a waitUntilStarted call before it
// answers 500.
func (c *Cluster) SetWaitTimeout(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waitTimeout = max(d, 0)
}

// FailWaitUntilStarted makes the next n waitUntilStarted calls, on any node,
// fail at once in the given mode; n = 0 cancels the failures left.
func (c *Cluster) FailWaitUntilStarted(n int, mode FailMode) error {
	if err := mode.validate(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waitFailures = max(n, 0)
	c.waitFailMode = mode
	return nil
}

func (m FailMode) validate() error {
	if m != FailStatus500 && m != FailDrop {
		return errors.New(`fail mode must be "500" or "drop"`)
	}
	return nil
}

// WaitUntilStartedCalls counts waitUntilStarted calls received, failed ones included.
func (c *Cluster) WaitUntilStartedCalls() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.waitCalls
}

// HeldWaits counts waitUntilStarted calls being held right now.
func (c *Cluster) HeldWaits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.holding
}
