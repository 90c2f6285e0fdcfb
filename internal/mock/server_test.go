package mock

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestServeOnlyLoopback(t *testing.T) {
	ca, err := NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{":0", "0.0.0.0:0", "10.1.2.3:0", "example.com:443", "nonsense"} {
		if s, err := ca.Serve("x", &echo{}, addr); err == nil {
			s.Close()
			t.Errorf("Serve(%q) accepted a non-loopback address", addr)
		}
	}
	s, err := ca.Serve("x", &echo{}, "localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.HasPrefix(s.URL(), "https://127.0.0.1:") || s.URL() != "https://"+s.Host() || s.Name() != "x" {
		t.Errorf("URL %q, Host %q, Name %q", s.URL(), s.Host(), s.Name())
	}
}

func TestTLSWithAuthorityCA(t *testing.T) {
	s, h, c := startServer(t)
	res := mustSend(t, c, "GET", s.URL()+"/hello", "")
	if res.status != 200 || res.body != "vendor /hello" || h.runs.Load() != 1 {
		t.Fatalf("got %d %q, runs %d", res.status, res.body, h.runs.Load())
	}
}

func TestWriteCertPEM(t *testing.T) {
	ca, err := NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := ca.WriteCertPEM(path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(b)
	if block == nil {
		t.Fatal("no PEM block written")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if !cert.IsCA {
		t.Error("written certificate is not a CA")
	}
}
