package transport_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// proxyChildURL tells the test binary, run again as a child, which base URL to call.
const proxyChildURL = "NETOPS_TEST_PROXY_BASE_URL"

// connectProxy is an HTTPS proxy on 127.0.0.1: it answers CONNECT, dials upstream
// whatever host was asked for, and records the CONNECT targets and the bytes the client
// sent through the tunnel.
type connectProxy struct {
	*httptest.Server
	mu       sync.Mutex
	connects []string
	tunneled bytes.Buffer
	// tunnels counts the tunnels still open.
	tunnels sync.WaitGroup
}

// wait returns once every tunnel has closed and its bytes are recorded.
func (p *connectProxy) wait(t *testing.T) {
	t.Helper()
	done := make(chan struct{})
	go func() { p.tunnels.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("a proxy tunnel is still open 10 s after the client exited")
	}
}

func newConnectProxy(t *testing.T, upstream string) *connectProxy {
	t.Helper()
	p := &connectProxy{}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			http.Error(w, "CONNECT only", http.StatusMethodNotAllowed)
			return
		}
		p.tunnels.Add(1)
		defer p.tunnels.Done()
		p.mu.Lock()
		p.connects = append(p.connects, r.Host)
		p.mu.Unlock()
		up, err := net.Dial("tcp", upstream)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		conn, rw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			_ = up.Close()
			return
		}
		_, _ = conn.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n"))
		go func() {
			_, _ = io.Copy(conn, up)
			_ = conn.Close()
		}()
		var rec bytes.Buffer
		_, _ = io.Copy(io.MultiWriter(up, &rec), bufio.NewReader(rw))
		_ = up.Close()
		p.mu.Lock()
		p.tunneled.Write(rec.Bytes())
		p.mu.Unlock()
	}))
	t.Cleanup(p.Close)
	return p
}

// HTTPS_PROXY is honoured: the request goes through the proxy as a CONNECT tunnel, with
// TLS end to end, so the proxy never sees the credentials.
//
// Go's http.ProxyFromEnvironment, which the transport keeps from http.DefaultTransport,
// reads the environment once per process and never proxies "localhost" or a loopback
// address. So the check runs in a child process started with HTTPS_PROXY set, and the
// appliance is called by a name that is not loopback: example.com, which the certificate
// of httptest's TLS servers covers. The client never resolves that name: through a
// proxy, the proxy does, and this one sends every tunnel to the server on 127.0.0.1.
func TestHTTPSProxyFromEnvironment(t *testing.T) {
	if base := os.Getenv(proxyChildURL); base != "" {
		proxyChild(t, base)
		return
	}
	srv := newServer(t, ok)
	proxy := newConnectProxy(t, srv.Listener.Addr().String())
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	base := "https://example.com:" + port
	caFile := t.TempDir() + "/ca.pem"
	if err := os.WriteFile(caFile, []byte(srv.caPEM()), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{}
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); !strings.EqualFold(k, "HTTPS_PROXY") && !strings.EqualFold(k, "NO_PROXY") && !strings.EqualFold(k, "HTTP_PROXY") {
			env = append(env, kv)
		}
	}
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestHTTPSProxyFromEnvironment$", "-test.count=1", "-test.v")
	cmd.Env = append(env, proxyChildURL+"="+base, "NETOPS_TEST_PROXY_CA="+caFile, "HTTPS_PROXY="+proxy.URL)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("child: %v\n%s", err, out)
	}
	proxy.wait(t)
	proxy.mu.Lock()
	defer proxy.mu.Unlock()
	if len(proxy.connects) != 1 || proxy.connects[0] != "example.com:"+port {
		t.Errorf("proxy CONNECTs %q, want one to example.com:%s", proxy.connects, port)
	}
	if n := srv.requests.Load(); n != 1 {
		t.Errorf("server handled %d requests, want 1 (through the tunnel)", n)
	}
	if proxy.tunneled.Len() == 0 {
		t.Error("nothing went through the tunnel")
	}
	if bytes.Contains(proxy.tunneled.Bytes(), []byte("Proxy#Pass-1")) {
		t.Error("the proxy saw the password in clear")
	}
}

func proxyChild(t *testing.T, base string) {
	// A client that ignored the proxy would resolve example.com itself: fail that here,
	// without a query leaving the machine.
	net.DefaultResolver = &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
		return nil, errors.New("name resolution is off in this test: the proxy resolves names")
	}}
	ca, err := os.ReadFile(os.Getenv("NETOPS_TEST_PROXY_CA"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := transport.New(transport.Config{Vendor: "ftd", BaseURL: base, CACertPEM: string(ca)})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(t.Context(), transport.Request{Method: http.MethodPost, Path: "/login", Body: []byte(`{"password":"Proxy#Pass-1"}`)})
	if err != nil {
		t.Fatalf("Do through HTTPS_PROXY: %v", err)
	}
	if resp.Status != http.StatusOK {
		t.Fatalf("status %d", resp.Status)
	}
}
