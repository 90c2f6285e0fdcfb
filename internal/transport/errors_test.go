package transport_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// decodeFireFlow reads {"errorCode": ..., "messages": [...]}.
func decodeFireFlow(_ int, _ http.Header, body []byte) (string, []string) {
	var v struct {
		ErrorCode string   `json:"errorCode"`
		Messages  []string `json:"messages"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		return "", []string{string(body)}
	}
	return v.ErrorCode, v.Messages
}

func TestErrorCarriesVendorCodeAndMessages(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int64) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"errorCode":"DEVICES_NOT_FOUND","messages":["Cannot find devices: FW_9","Check the device names"]}`)
	})
	c := newClient(t, srv, transport.Config{Vendor: "FireFlow", DecodeError: decodeFireFlow, Retry: fastRetry(3)})

	_, err := c.Do(t.Context(), transport.Request{Method: http.MethodPost, Path: "/change-requests", Body: []byte(`{}`)})
	if err == nil {
		t.Fatal("Do succeeded on a 400")
	}
	for _, want := range []string{"FireFlow", "400", "DEVICES_NOT_FOUND", "Cannot find devices: FW_9", "Check the device names"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	var e *transport.Error
	if !transport.As(err, &e) {
		t.Fatalf("error %T, want *transport.Error", err)
	}
	if e.Code != "DEVICES_NOT_FOUND" || len(e.Messages) != 2 || e.Method != http.MethodPost || e.Path != "/change-requests" {
		t.Errorf("error fields %+v", e)
	}
	if n := srv.requests.Load(); n != 1 {
		t.Errorf("server received %d requests, want 1", n)
	}
}

func TestErrorMessagesMaskSecrets(t *testing.T) {
	const password = "EchoedPass7a2b"
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int64) {
		w.WriteHeader(http.StatusUnprocessableEntity)
		_, _ = io.WriteString(w, `{"errorCode":"BAD_INPUT","messages":["invalid value `+password+`"]}`)
	})
	c := newClient(t, srv, transport.Config{DecodeError: decodeFireFlow, Secrets: []string{password}})

	_, err := c.Do(t.Context(), transport.Request{Method: http.MethodPut, Path: "/users/1"})
	if err == nil || strings.Contains(err.Error(), password) || !strings.Contains(err.Error(), "BAD_INPUT") {
		t.Errorf("error %v, want BAD_INPUT without the password", err)
	}
}

func TestStatusOf(t *testing.T) {
	vendorErr := &transport.Error{Vendor: "FDM", Status: http.StatusNotFound}
	tests := []struct {
		err  error
		want int
	}{
		{vendorErr, http.StatusNotFound},
		{fmt.Errorf("reading the device: %w", vendorErr), http.StatusNotFound},
		{errors.New("connection refused"), 0},
		{nil, 0},
	}
	for _, tt := range tests {
		if got := transport.StatusOf(tt.err); got != tt.want {
			t.Errorf("StatusOf(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}
