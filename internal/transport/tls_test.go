package transport_test

import (
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

func TestTLSUnknownCAIsExplained(t *testing.T) {
	var conns atomic.Int64
	srv := newServer(t, ok, func(hs *http.Server) {
		hs.ConnState = func(_ net.Conn, st http.ConnState) {
			if st == http.StateNew {
				conns.Add(1)
			}
		}
	})
	c, err := transport.New(transport.Config{Vendor: "fmc", BaseURL: srv.URL, Retry: fastRetry(3)})
	if err != nil {
		t.Fatalf("New: %v", err)
	}

	_, err = c.Do(t.Context(), transport.Request{Method: http.MethodGet, Path: "/ping"})
	if err == nil {
		t.Fatal("Do trusted a certificate from an unknown CA")
	}
	for _, want := range []string{"ca_cert_pem", "insecure", "NETOPS_FMC_CA_CERT_PEM", "NETOPS_FMC_INSECURE"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
	if n := srv.requests.Load(); n != 0 {
		t.Errorf("server handled %d requests, want 0", n)
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("client opened %d connections, want 1 (a TLS failure is not retried)", n)
	}
}

func TestTLSTrusted(t *testing.T) {
	tests := []struct {
		name string
		cfg  func(srv *server) transport.Config
	}{
		{"ca_cert_pem is the server's CA", func(srv *server) transport.Config {
			return transport.Config{CACertPEM: srv.caPEM()}
		}},
		{"insecure skips verification", func(*server) transport.Config {
			return transport.Config{Insecure: true}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, ok)
			c := newClient(t, srv, tt.cfg(srv))

			resp, err := c.Do(t.Context(), transport.Request{Method: http.MethodGet, Path: "/ping"})
			if err != nil {
				t.Fatalf("Do: %v", err)
			}
			if resp.Status != http.StatusOK {
				t.Errorf("status %d, want 200", resp.Status)
			}
			if n := srv.requests.Load(); n != 1 {
				t.Errorf("server handled %d requests, want 1", n)
			}
		})
	}
}

func TestTLSCACertPEMWithoutCertificateIsRefused(t *testing.T) {
	for _, pemText := range []string{
		"not a certificate",
		"-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n",
	} {
		_, err := transport.New(transport.Config{Vendor: "fmc", BaseURL: "https://127.0.0.1:1", CACertPEM: pemText})
		if err == nil || !strings.Contains(err.Error(), "ca_cert_pem") {
			t.Errorf("New with ca_cert_pem %q: error %v, want one naming ca_cert_pem", pemText, err)
		}
	}
}
