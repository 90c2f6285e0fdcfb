package transport_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

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
	for _, want := range []string{"SBC answered GET /rest/v1.2/system/status", "200 OK", "(text/html)", "the body is not the XML envelope", "proxy says hello", "…"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q: %s", want, msg)
		}
	}
	if strings.Contains(msg, "S3cret") || len(ua.Quote) > 300+len("…") {
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
	if !errors.As(err, &ua) || !strings.Contains(err.Error(), `FTD answered GET /x with 200 OK (text/plain)`) || !strings.Contains(err.Error(), "maintenance window") {
		t.Fatalf("err = %v", err)
	}
}
