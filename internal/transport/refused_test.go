package transport_test

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// logWatch collects log output and calls onRetry, once, when the client logs that it
// will retry: the attempt has failed and the backoff has not started yet.
type logWatch struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	once    sync.Once
	onRetry func()
}

func (w *logWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.onRetry != nil && bytes.Contains(p, []byte(`"@message":"retrying"`)) {
		w.once.Do(w.onRetry)
	}
	return w.buf.Write(p)
}

func (w *logWatch) count(message string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.Count(w.buf.String(), `"@message":"`+message+`"`)
}

// closedAddr is a 127.0.0.1 address nothing listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

func TestPostRetriedWhenConnectionRefused(t *testing.T) {
	addr := closedAddr(t)
	srv := &server{}
	var listenErr error
	logs := &logWatch{onRetry: func() {
		l, err := net.Listen("tcp", addr)
		if err != nil {
			listenErr = err
			return
		}
		srv.Server = httptest.NewUnstartedServer(srv.wrap(ok))
		_ = srv.Listener.Close()
		srv.Listener = l
		srv.StartTLS()
		t.Cleanup(srv.Close)
	}}
	c, err := transport.New(transport.Config{Vendor: "fireflow", BaseURL: "https://" + addr, Insecure: true, Retry: fastRetry(3)})
	if err != nil {
		t.Fatalf("New: %v", err)
	}

	_, err = c.Do(tflogtest.RootLogger(t.Context(), logs), transport.Request{Method: http.MethodPost, Path: "/tickets", Body: []byte(`{}`)})
	if listenErr != nil {
		t.Fatalf("listen again on %s: %v", addr, listenErr)
	}
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	if srv.Server == nil {
		t.Fatal("the POST was not retried after the refused connection")
	}
	if n := srv.requests.Load(); n != 1 {
		t.Errorf("server received %d requests, want 1", n)
	}
}

func TestPostToClosedPortTriesAllAttempts(t *testing.T) {
	logs := &logWatch{}
	c, err := transport.New(transport.Config{Vendor: "fireflow", BaseURL: "https://" + closedAddr(t), Insecure: true, Retry: fastRetry(3)})
	if err != nil {
		t.Fatalf("New: %v", err)
	}

	_, err = c.Do(tflogtest.RootLogger(t.Context(), logs), transport.Request{Method: http.MethodPost, Path: "/tickets", Body: []byte(`{}`)})
	if err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("error %v, want connection refused", err)
	}
	if n := logs.count("request failed"); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
	if n := logs.count("retrying"); n != 2 {
		t.Errorf("%d retries, want 2", n)
	}
}
