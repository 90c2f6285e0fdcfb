package mock

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

// echo is a vendor handler that counts its runs and answers 201 to POST.
type echo struct{ runs atomic.Int32 }

func (e *echo) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e.runs.Add(1)
	w.Header().Set("Content-Type", "text/plain")
	if r.Method == http.MethodPost {
		w.WriteHeader(http.StatusCreated)
	}
	_, _ = io.WriteString(w, "vendor "+r.URL.Path)
}

func startServer(t *testing.T) (*Server, *echo, *http.Client) {
	t.Helper()
	ca, err := NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	h := &echo{}
	s, err := ca.Serve("test", h, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s, h, newClient(t, ca)
}

func newClient(t *testing.T, ca *Authority) *http.Client {
	t.Helper()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(ca.CertPEM()) {
		t.Fatal("CA PEM not parsed")
	}
	// No keep-alive: net/http silently retries an idempotent request whose
	// reused connection was dropped, which would hide the drop faults.
	return &http.Client{Transport: &http.Transport{
		TLSClientConfig:   &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12},
		DisableKeepAlives: true,
	}}
}

type result struct {
	status int
	header http.Header
	body   string
}

func send(t *testing.T, c *http.Client, method, url, body string, header http.Header) (result, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	if err != nil {
		return result{}, err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return result{status: resp.StatusCode, header: resp.Header, body: string(b)}, nil
}

func mustSend(t *testing.T, c *http.Client, method, url, body string) result {
	t.Helper()
	res, err := send(t, c, method, url, body, nil)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	return res
}
