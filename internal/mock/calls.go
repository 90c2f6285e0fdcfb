package mock

import (
	"net/http"
	"strings"
	"sync"
	"time"
)

// Call is one request a Server received, in the call log.
type Call struct {
	Time     time.Time   `json:"time"`
	Method   string      `json:"method"`
	Path     string      `json:"path"`
	RawQuery string      `json:"raw_query"`
	Header   http.Header `json:"header"` // secrets replaced by "***"
	Body     string      `json:"body"`
	Status   int         `json:"status"` // 0 when no handler answered (dropped before, or cancelled during a delay); the handler's status for DropAfter
	Fault    bool        `json:"fault"`
}

const masked = "***"

func maskHeader(h http.Header) http.Header {
	out := h.Clone()
	for name, values := range out {
		if !secretHeader(name) {
			continue
		}
		for i := range values {
			values[i] = masked
		}
	}
	return out
}

func secretHeader(name string) bool {
	switch http.CanonicalHeaderKey(name) {
	case "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie":
		return true
	}
	lower := strings.ToLower(name)
	return strings.Contains(lower, "token") || strings.Contains(lower, "session")
}

// callLog keeps calls in arrival order; entries are completed when answered.
type callLog struct {
	mu    sync.Mutex
	calls []*Call
}

func (l *callLog) add(c *Call) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, c)
}

func (l *callLog) finish(c *Call, status int, fault bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	c.Status = status
	c.Fault = fault
}

func (l *callLog) list() []Call {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Call, len(l.calls))
	for i, c := range l.calls {
		out[i] = *c
	}
	return out
}

func (l *callLog) count(method, path string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, c := range l.calls {
		if (method == "" || strings.EqualFold(method, c.Method)) && c.Path == path {
			n++
		}
	}
	return n
}

func (l *callLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = nil
}
