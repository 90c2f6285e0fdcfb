package transport_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// JSON sends the body as JSON and decodes the answer; an error answer keeps its body.
func TestJSON(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int64) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/echo":
			if r.Header.Get("Content-Type") != "application/json" || r.URL.Query().Get("q") != "1" {
				w.WriteHeader(http.StatusBadRequest)
			}
			_, _ = w.Write(b)
		case "/empty":
		case "/bad":
			_, _ = io.WriteString(w, "not json")
		default:
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"gone":true}`)
		}
	})
	c := newClient(t, srv, transport.Config{Product: "Appliance"})

	var out struct{ Name string }
	if _, err := c.JSON(t.Context(), transport.Call{Method: http.MethodPost, Path: "/echo", Query: map[string][]string{"q": {"1"}}, Body: map[string]string{"name": "x"}, Out: &out}); err != nil || out.Name != "x" {
		t.Errorf("echo: %+v, %v", out, err)
	}
	out.Name = "kept"
	if _, err := c.JSON(t.Context(), transport.Call{Method: http.MethodGet, Path: "/empty", Out: &out}); err != nil || out.Name != "kept" {
		t.Errorf("empty answer: %+v, %v", out, err)
	}
	if _, err := c.JSON(t.Context(), transport.Call{Method: http.MethodGet, Path: "/bad", Out: &out}); err == nil || !strings.Contains(err.Error(), "Appliance answered GET /bad with 200 OK") || !strings.Contains(err.Error(), "The answer was: not json") {
		t.Errorf("bad answer: %v", err)
	}
	resp, err := c.JSON(t.Context(), transport.Call{Method: http.MethodGet, Path: "/missing", Out: &out})
	if !transport.IsNotFound(err) || resp == nil || string(resp.Body) != `{"gone":true}` {
		t.Errorf("missing: %v", err)
	}
}

// A vendor may say which answers mean "gone"; without a rule, every 404 does.
func TestIsNotFound_vendorRule(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int64) {
		w.WriteHeader(http.StatusNotFound)
	})
	c := newClient(t, srv, transport.Config{NotFound: func(status int, code string) bool { return false }})
	_, err := c.Do(t.Context(), transport.Request{Method: http.MethodGet, Path: "/x"})
	if transport.StatusOf(err) != http.StatusNotFound || transport.IsNotFound(err) {
		t.Errorf("err = %v: a 404 the vendor does not call gone", err)
	}
}
