package mock

import (
	"testing"
	"time"
)

func TestFakeClock(t *testing.T) {
	start := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	c := NewFakeClock(start)
	c.Advance(90 * time.Second)
	if got := c.Now(); !got.Equal(start.Add(90 * time.Second)) {
		t.Fatalf("Now() = %v", got)
	}
	var wall Clock = RealClock{}
	if d := time.Since(wall.Now()); d < 0 || d > time.Second {
		t.Fatalf("RealClock is %v off", d)
	}
}
