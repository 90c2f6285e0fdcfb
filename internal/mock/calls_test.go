package mock

import (
	"net/http"
	"testing"
)

func TestCallLogMasksSecrets(t *testing.T) {
	s, _, c := startServer(t)
	header := http.Header{
		"Authorization": {"Bearer secret"},
		"Cookie":        {"JSESSIONID=abc"},
		"X-Auth-Token":  {"t0k"},
		"X-Session-Id":  {"s1"},
		"Accept":        {"application/xml"},
	}
	if _, err := send(t, c, "PUT", s.URL()+"/p?a=1&b=2", `{"x":1}`, header); err != nil {
		t.Fatal(err)
	}
	calls := s.Calls()
	if len(calls) != 1 {
		t.Fatalf("calls: %+v", calls)
	}
	got := calls[0]
	for _, name := range []string{"Authorization", "Cookie", "X-Auth-Token", "X-Session-Id"} {
		if v := got.Header.Get(name); v != "***" {
			t.Errorf("%s recorded as %q", name, v)
		}
	}
	if got.Header.Get("Accept") != "application/xml" || got.Method != http.MethodPut || got.Path != "/p" || got.RawQuery != "a=1&b=2" || got.Body != `{"x":1}` || got.Status != 200 {
		t.Errorf("call: %+v", got)
	}
}

func TestCountAndResetCalls(t *testing.T) {
	s, _, c := startServer(t)
	mustSend(t, c, "GET", s.URL()+"/a", "")
	mustSend(t, c, "POST", s.URL()+"/a", "")
	mustSend(t, c, "GET", s.URL()+"/b", "")
	if n := s.CountCalls("", "/a"); n != 2 {
		t.Errorf("CountCalls any /a = %d", n)
	}
	if n := s.CountCalls("post", "/a"); n != 1 {
		t.Errorf("CountCalls POST /a = %d", n)
	}
	s.ResetCalls()
	if n := len(s.Calls()); n != 0 {
		t.Errorf("%d calls after reset", n)
	}
}
