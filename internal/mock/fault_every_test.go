package mock

import (
	"net/http"
	"sync/atomic"
	"testing"
)

func TestFaultEveryAndOnNext(t *testing.T) {
	ca, err := NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	var handled atomic.Int32
	srv, err := ca.Serve("t", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		handled.Add(1)
		w.WriteHeader(http.StatusOK)
	}), "")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	srv.Inject(Fault{Method: http.MethodGet, Path: "/x", Times: 100, Every: 5, Status: http.StatusServiceUnavailable})
	hooked := 0
	srv.OnNext(http.MethodGet, "/x", func() { hooked++ })

	client := newClient(t, ca)
	var statuses []int
	for range 20 {
		resp, err := client.Get(srv.URL() + "/x")
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		statuses = append(statuses, resp.StatusCode)
	}
	faulted := 0
	for i, st := range statuses {
		if st == http.StatusServiceUnavailable {
			faulted++
			if (i+1)%5 != 0 {
				t.Errorf("request %d faulted, want every 5th", i+1)
			}
		}
	}
	if faulted != 4 || handled.Load() != 16 || hooked != 1 {
		t.Fatalf("faulted %d, handled %d, hook ran %d times; want 4, 16, 1", faulted, handled.Load(), hooked)
	}
}

func TestFaultAfterHandler(t *testing.T) {
	ca, err := NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	var handled atomic.Int32
	srv, err := ca.Serve("t", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		handled.Add(1)
		w.WriteHeader(http.StatusOK)
	}), "")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	srv.Inject(Fault{Method: http.MethodPost, Path: "/x", Status: http.StatusInternalServerError, AfterHandler: true})
	resp, err := newClient(t, ca).Post(srv.URL()+"/x", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError || handled.Load() != 1 || srv.Calls()[0].Status != http.StatusInternalServerError {
		t.Fatalf("status %d, handled %d, logged %d; want 500 after the handler ran", resp.StatusCode, handled.Load(), srv.Calls()[0].Status)
	}
}
