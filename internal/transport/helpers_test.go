package transport_test

import (
	"encoding/pem"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// handler answers the n-th request (from 1) reaching a server.
type handler func(w http.ResponseWriter, r *http.Request, n int64)

// server is a TLS server on 127.0.0.1 that counts the requests reaching its handler.
type server struct {
	*httptest.Server
	requests atomic.Int64
}

// newServer starts a server; setup may adjust its http.Server before it starts.
func newServer(t *testing.T, h handler, setup ...func(*http.Server)) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewUnstartedServer(s.wrap(h))
	s.Config.ErrorLog = log.New(io.Discard, "", 0)
	for _, f := range setup {
		f(s.Config)
	}
	s.StartTLS()
	t.Cleanup(s.Close)
	return s
}

func (s *server) wrap(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		h(w, r, s.requests.Add(1))
	}
}

// caPEM is the server's self-signed certificate, which is its own CA.
func (s *server) caPEM() string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.Certificate().Raw}))
}

// fastRetry keeps retries quick enough for unit tests.
func fastRetry(attempts int) transport.Retry {
	return transport.Retry{Attempts: attempts, MinBackoff: time.Millisecond, MaxBackoff: 20 * time.Millisecond}
}

// newClient builds a client for s that trusts its certificate; cfg sets the rest.
func newClient(t *testing.T, s *server, cfg transport.Config) *transport.Client {
	t.Helper()
	if cfg.Vendor == "" {
		cfg.Vendor = "testvendor"
	}
	cfg.BaseURL = s.URL
	if cfg.CACertPEM == "" && !cfg.Insecure {
		cfg.CACertPEM = s.caPEM()
	}
	c, err := transport.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func ok(w http.ResponseWriter, _ *http.Request, _ int64) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, `{}`)
}
