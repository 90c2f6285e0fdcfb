package mock

import (
	"encoding/json"
	"testing"
)

func TestControlEndpoints(t *testing.T) {
	s, h, c := startServer(t)
	if res := mustSend(t, c, "POST", s.URL()+"/_mock/faults", `{"path":"/x","status":429,"retry_after":"2","delay":"10ms"}`); res.status != 204 {
		t.Fatalf("inject: %d %s", res.status, res.body)
	}
	if res := mustSend(t, c, "GET", s.URL()+"/x", ""); res.status != 429 || res.header.Get("Retry-After") != "2" {
		t.Fatalf("faulted request: %d %v", res.status, res.header)
	}

	res := mustSend(t, c, "GET", s.URL()+"/_mock/calls", "")
	var calls []Call
	if err := json.Unmarshal([]byte(res.body), &calls); err != nil {
		t.Fatalf("calls JSON %q: %v", res.body, err)
	}
	if len(calls) != 1 || calls[0].Path != "/x" || calls[0].Status != 429 || !calls[0].Fault {
		t.Fatalf("calls: %+v", calls)
	}

	if res := mustSend(t, c, "DELETE", s.URL()+"/_mock/calls", ""); res.status != 204 || len(s.Calls()) != 0 {
		t.Fatalf("reset calls: %d, %d left", res.status, len(s.Calls()))
	}

	mustSend(t, c, "POST", s.URL()+"/_mock/faults", `{"path":"/x","status":500}`)
	if res := mustSend(t, c, "DELETE", s.URL()+"/_mock/faults", ""); res.status != 204 {
		t.Fatalf("clear faults: %d", res.status)
	}
	if res := mustSend(t, c, "GET", s.URL()+"/x", ""); res.status != 200 {
		t.Fatalf("fault survived clearing: %d", res.status)
	}

	if res := mustSend(t, c, "POST", s.URL()+"/_mock/faults", `{"delay":"never"}`); res.status != 400 {
		t.Errorf("bad fault JSON: %d", res.status)
	}
	if res := mustSend(t, c, "PUT", s.URL()+"/_mock/calls", ""); res.status != 405 {
		t.Errorf("PUT /_mock/calls: %d", res.status)
	}

	runs := h.runs.Load()
	if res := mustSend(t, c, "POST", s.URL()+"/_mock/vendor-hook", ""); res.body != "vendor /_mock/vendor-hook" || h.runs.Load() != runs+1 {
		t.Errorf("vendor hook not passed through: %q", res.body)
	}
	if n := len(s.Calls()); n != 1 {
		t.Errorf("%d calls logged, want only GET /x (control and hook calls are not logged)", n)
	}
}
