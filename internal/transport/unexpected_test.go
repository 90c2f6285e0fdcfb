package transport_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// An answer of the wrong shape names the vendor, method, path and status and quotes the
// answer, masked and shortened.
func TestJSON_unexpectedAnswer(t *testing.T) {
	const secret = "s3cr3t-Pa55word"
	long := strings.Repeat("é", 400) // 800 bytes of two-byte characters
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int64) {
		switch r.URL.Path {
		case "/html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = io.WriteString(w, "<html><body>Proxy login for admin/"+secret+"</body></html>")
		case "/truncated":
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"name":"`+long)
		case "/wrongtype":
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"name":42}`)
		case "/problem":
			w.Header().Set("Content-Type", "application/problem+json")
			_, _ = io.WriteString(w, `{"name":"ok"}`)
		}
	})
	c := newClient(t, srv, transport.Config{Product: "Appliance", Secrets: []string{secret}})
	var out struct{ Name string }
	call := func(path string) *transport.UnexpectedAnswerError {
		t.Helper()
		_, err := c.JSON(t.Context(), transport.Call{Method: http.MethodGet, Path: path, Out: &out})
		var ue *transport.UnexpectedAnswerError
		if !errors.As(err, &ue) {
			t.Fatalf("%s: %v, want an UnexpectedAnswerError", path, err)
		}
		if ue.Vendor != "Appliance" || ue.Method != http.MethodGet || ue.Path != path || ue.Status != http.StatusOK {
			t.Errorf("%s: %+v", path, ue)
		}
		return ue
	}

	html := call("/html")
	msg := html.Error()
	for _, want := range []string{"Appliance", "GET /html", "it is text/html; charset=utf-8, not JSON", "200 OK", `<html><body>Proxy login for admin/`, "report"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q: %s", want, msg)
		}
	}
	if strings.Contains(msg, secret) {
		t.Errorf("message shows the secret: %s", msg)
	}

	cut := call("/truncated")
	if !strings.Contains(cut.Reason, "does not decode") || len(cut.Quote) > 400 || !strings.Contains(cut.Quote, "bytes in all") || strings.Contains(cut.Quote, "\\x") {
		t.Errorf("quote of a long answer: %d bytes: %s", len(cut.Quote), cut.Quote)
	}
	if ue := call("/wrongtype"); !strings.Contains(ue.Reason, "cannot unmarshal number") || ue.Quote != `{"name":42}` {
		t.Errorf("wrong type: %+v", ue)
	}
	if _, err := c.JSON(t.Context(), transport.Call{Method: http.MethodGet, Path: "/problem", Out: &out}); err != nil || out.Name != "ok" {
		t.Errorf("a +json content type is JSON: %v", err)
	}
}

func TestUnexpectedAnswer_namesRequestAndQuotesMaskedBody(t *testing.T) {
	body := `<html><body>` + strings.Repeat("proxy says hello ", 40) + `</body></html>`
	s := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int64) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte(`<p>user admin password S3cret-Value-1</p>` + body))
	})
	c := newClient(t, s, transport.Config{Product: "SBC", Secrets: []string{"S3cret-Value-1"}})
	resp, err := c.Do(context.Background(), transport.Request{Method: http.MethodGet, Path: "/rest/v1.2/system/status"})
	if err != nil {
		t.Fatal(err)
	}
	err = transport.UnexpectedAnswer(resp, "the body is not the XML envelope")
	var ua *transport.UnexpectedAnswerError
	if !errors.As(err, &ua) {
		t.Fatalf("err = %T", err)
	}
	msg := err.Error()
	for _, want := range []string{"SBC gave an answer the provider does not understand to GET /rest/v1.2/system/status", "200 OK", "(text/html)", "the body is not the XML envelope", "proxy says hello", "…"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q: %s", want, msg)
		}
	}
	if strings.Contains(msg, "S3cret") || !strings.Contains(ua.Quote, "bytes in all") {
		t.Errorf("quote not masked or not cut (%d): %s", len(ua.Quote), ua.Quote)
	}
}

func TestJSON_undecodableAnswerIsUnexpectedAnswer(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int64) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("maintenance window"))
	})
	c := newClient(t, s, transport.Config{Product: "FTD"})
	var out struct{ A int }
	_, err := c.JSON(context.Background(), transport.Call{Method: http.MethodGet, Path: "/x", Out: &out})
	var ua *transport.UnexpectedAnswerError
	if !errors.As(err, &ua) || !strings.Contains(err.Error(), `FTD gave an answer the provider does not understand to GET /x`) || !strings.Contains(err.Error(), `200 OK (text/plain)`) || !strings.Contains(err.Error(), "maintenance window") {
		t.Fatalf("err = %v", err)
	}
}
