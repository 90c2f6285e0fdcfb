package transport

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// MaxInFlight holds the requests sent at once to the limit, however many callers share
// the client; the others wait their turn.
func TestMaxInFlight(t *testing.T) {
	var now, peak atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		n := now.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		<-release
		now.Add(-1)
	}))
	defer srv.Close()
	c, err := New(Config{Vendor: "test", BaseURL: srv.URL, MaxInFlight: 3})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err != nil {
				t.Error(err)
			}
		})
	}
	for now.Load() < 3 { // the first three are in
		runtime.Gosched()
	}
	for range 10 {
		release <- struct{}{} // each answer lets one waiting request in
	}
	wg.Wait()
	if p := peak.Load(); p != 3 {
		t.Fatalf("%d requests in flight at most, want 3", p)
	}
}
