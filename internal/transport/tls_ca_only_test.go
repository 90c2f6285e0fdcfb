package transport_test

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// caOnlyURL tells the test binary, run again as a child, which server to call.
const caOnlyURL = "NETOPS_TEST_CA_ONLY_URL"

// With ca_cert_pem set, that CA is the only one trusted: a server whose certificate a
// system root signed is refused. The system roots are only read once per process, so
// the check runs in a child process whose system roots (SSL_CERT_FILE) hold the
// server's own certificate.
func TestTLSCACertPEMIsTheOnlyTrustedCA(t *testing.T) {
	if url := os.Getenv(caOnlyURL); url != "" {
		caOnlyChild(t, url)
		return
	}
	srv := newServer(t, ok)
	roots := filepath.Join(t.TempDir(), "roots.pem")
	if err := os.WriteFile(roots, []byte(srv.caPEM()), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestTLSCACertPEMIsTheOnlyTrustedCA$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), caOnlyURL+"="+srv.URL, "SSL_CERT_FILE="+roots, "SSL_CERT_DIR="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("child ran no test:\n%s", out)
	}
	if n := srv.requests.Load(); n != 1 {
		t.Errorf("server handled %d requests, want 1 (the child's call without ca_cert_pem)", n)
	}
}

func caOnlyChild(t *testing.T, url string) {
	other, err := mock.NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	// The system roots do trust the server: without ca_cert_pem the call goes through.
	plain, err := transport.New(transport.Config{Vendor: "ftd", BaseURL: url})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plain.Do(t.Context(), transport.Request{Method: http.MethodGet, Path: "/sanity"}); err != nil {
		t.Fatalf("the child's system roots do not trust the server, so it would prove nothing: %v", err)
	}
	c, err := transport.New(transport.Config{Vendor: "ftd", BaseURL: url, CACertPEM: string(other.CertPEM())})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Do(t.Context(), transport.Request{Method: http.MethodGet, Path: "/ping"})
	if err == nil || !strings.Contains(err.Error(), "not trusted") {
		t.Fatalf("err = %v, want the certificate refused: ca_cert_pem must replace the system roots, not add to them", err)
	}
}
