package mock

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

func TestFaultStatusBodyRetryAfter(t *testing.T) {
	s, h, c := startServer(t)
	s.Inject(Fault{Method: "POST", Path: "/x", Status: 503, Body: `{"busy":true}`, ContentType: "application/json", RetryAfter: "7"})

	res := mustSend(t, c, "POST", s.URL()+"/x", "payload")
	if res.status != 503 || res.body != `{"busy":true}` || res.header.Get("Content-Type") != "application/json" || res.header.Get("Retry-After") != "7" {
		t.Fatalf("faulted answer: %d %q %v", res.status, res.body, res.header)
	}
	if h.runs.Load() != 0 {
		t.Fatal("vendor handler ran behind a status fault")
	}
	if res := mustSend(t, c, "POST", s.URL()+"/x", ""); res.status != 201 {
		t.Fatalf("second request: %d, want the handler's 201", res.status)
	}
	calls := s.Calls()
	if len(calls) != 2 || !calls[0].Fault || calls[0].Status != 503 || calls[0].Body != "payload" || calls[1].Fault || calls[1].Status != 201 {
		t.Fatalf("calls: %+v", calls)
	}
}

func TestFaultTimesAndMatching(t *testing.T) {
	s, _, c := startServer(t)
	s.Inject(Fault{Method: "get", Path: "/api/*", Times: 2, Status: 502})

	steps := []struct {
		method, path string
		want         int
	}{
		{"POST", "/api/a", 201}, // method does not match
		{"GET", "/other", 200},  // path does not match
		{"GET", "/api/a", 502},
		{"GET", "/api/b/c", 502},
		{"GET", "/api/a", 200}, // used up
	}
	for _, st := range steps {
		if res := mustSend(t, c, st.method, s.URL()+st.path, ""); res.status != st.want {
			t.Errorf("%s %s: %d, want %d", st.method, st.path, res.status, st.want)
		}
	}
	s.Inject(Fault{Path: "/exact", Status: 500})
	if res := mustSend(t, c, "GET", s.URL()+"/exact/more", ""); res.status != 200 {
		t.Errorf("exact path matched a longer path: %d", res.status)
	}
	if res := mustSend(t, c, "DELETE", s.URL()+"/exact", ""); res.status != 500 {
		t.Errorf("exact path with any method: %d", res.status)
	}
}

func TestFaultRetryAfterOnHandlerAnswer(t *testing.T) {
	s, h, c := startServer(t)
	s.Inject(Fault{Path: "/x", RetryAfter: "3"})
	res := mustSend(t, c, "GET", s.URL()+"/x", "")
	if res.status != 200 || res.header.Get("Retry-After") != "3" || h.runs.Load() != 1 {
		t.Fatalf("got %d %v, runs %d", res.status, res.header, h.runs.Load())
	}
}

func TestFaultDelay(t *testing.T) {
	s, h, c := startServer(t)
	s.Inject(Fault{Path: "/slow", Delay: 200 * time.Millisecond})
	start := time.Now()
	res := mustSend(t, c, "GET", s.URL()+"/slow", "")
	if elapsed := time.Since(start); elapsed < 200*time.Millisecond {
		t.Errorf("answered after %v, want at least the delay", elapsed)
	}
	if res.status != 200 || h.runs.Load() != 1 {
		t.Fatalf("got %d, runs %d", res.status, h.runs.Load())
	}
}

func TestFaultDelayHonoursCancellation(t *testing.T) {
	const delay = 2 * time.Second
	s, h, c := startServer(t)
	s.Inject(Fault{Path: "/slow", Delay: delay})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL()+"/slow", nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	done := make(chan error, 1)
	go func() {
		resp, err := c.Do(req)
		if err == nil {
			_ = resp.Body.Close()
		}
		done <- err
	}()
	// The client gives up once the mock holds the request in the fault's delay (the call
	// is logged as faulted before the delay starts), well within the delay.
	for calls := s.Calls(); len(calls) == 0 || !calls[0].Fault; calls = s.Calls() {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err == nil {
		t.Fatal("request outlived its context")
	}
	time.Sleep(time.Until(start.Add(delay + 500*time.Millisecond)))
	if h.runs.Load() != 0 {
		t.Fatal("vendor handler ran after the client gave up")
	}
	if calls := s.Calls(); len(calls) != 1 || calls[0].Status != 0 || !calls[0].Fault {
		t.Fatalf("calls: %+v", calls)
	}
}

func TestFaultDropBefore(t *testing.T) {
	s, h, c := startServer(t)
	s.Inject(Fault{Path: "/x", Drop: DropBefore})
	if res, err := send(t, c, "POST", s.URL()+"/x", "", nil); err == nil {
		t.Fatalf("got an answer %d, want a dropped connection", res.status)
	}
	if h.runs.Load() != 0 {
		t.Fatal("vendor handler ran for a drop-before fault")
	}
	if calls := s.Calls(); len(calls) != 1 || calls[0].Status != 0 || !calls[0].Fault {
		t.Fatalf("calls: %+v", calls)
	}
	if res := mustSend(t, c, "POST", s.URL()+"/x", ""); res.status != 201 {
		t.Fatalf("after the drop: %d", res.status)
	}
}

func TestFaultDropAfter(t *testing.T) {
	s, h, c := startServer(t)
	s.Inject(Fault{Path: "/x", Drop: DropAfter})
	if res, err := send(t, c, "POST", s.URL()+"/x", "", nil); err == nil {
		t.Fatalf("got an answer %d, want a dropped connection", res.status)
	}
	if h.runs.Load() != 1 {
		t.Fatal("vendor handler did not run for a drop-after fault")
	}
	if calls := s.Calls(); len(calls) != 1 || calls[0].Status != 201 || !calls[0].Fault {
		t.Fatalf("calls: %+v", calls)
	}
}

func TestFaultJSON(t *testing.T) {
	var f Fault
	if err := json.Unmarshal([]byte(`{"method":"POST","path":"/a*","times":3,"status":429,"retry_after":"1","delay":"1.5s","drop":"after"}`), &f); err != nil {
		t.Fatal(err)
	}
	want := Fault{Method: "POST", Path: "/a*", Times: 3, Status: 429, RetryAfter: "1", Delay: 1500 * time.Millisecond, Drop: DropAfter}
	if f != want {
		t.Fatalf("got %+v, want %+v", f, want)
	}
	b, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	var back Fault
	if err := json.Unmarshal(b, &back); err != nil || back != want {
		t.Fatalf("round trip: %+v, %v", back, err)
	}
	for _, bad := range []string{`{"delay":"soon"}`, `{"drop":"later"}`, `{"drop":7}`} {
		if err := json.Unmarshal([]byte(bad), &f); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}
