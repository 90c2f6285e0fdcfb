package mock

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Server is one TLS listener serving a vendor handler, with fault injection and
// a call log.
type Server struct {
	name   string
	host   string
	srv    *http.Server
	vendor http.Handler
	calls  callLog

	mu     sync.Mutex
	faults []*Fault
	hooks  []*hook
}

// Serve starts a TLS listener on addr ("" means 127.0.0.1 on a random port) that
// serves h. Only loopback addresses are accepted.
func (a *Authority) Serve(name string, h http.Handler, addr string) (*Server, error) {
	addr, err := loopbackAddr(addr)
	if err != nil {
		return nil, err
	}
	cert, err := a.issue(name)
	if err != nil {
		return nil, err
	}
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("mock %s: %w", name, err)
	}
	tcp, ok := ln.Addr().(*net.TCPAddr)
	if !ok {
		_ = ln.Close()
		return nil, fmt.Errorf("mock %s: unexpected listener address %s", name, ln.Addr())
	}
	s := &Server{
		name:   name,
		host:   net.JoinHostPort(tcp.IP.String(), strconv.Itoa(tcp.Port)),
		vendor: h,
	}
	s.srv = &http.Server{
		Handler:           http.HandlerFunc(s.serve),
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		TLSNextProto:      map[string]func(*http.Server, *tls.Conn, http.Handler){}, // HTTP/1.1 only, so Hijack works
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	go func() { _ = s.srv.ServeTLS(ln, "", "") }()
	return s, nil
}

func loopbackAddr(addr string) (string, error) {
	if addr == "" {
		return "127.0.0.1:0", nil
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("mock address %q: %w", addr, err)
	}
	if host == "localhost" {
		return net.JoinHostPort("127.0.0.1", port), nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return "", fmt.Errorf("mock address %q: only loopback addresses are allowed", addr)
	}
	return addr, nil
}

// Name returns the name given to Serve.
func (s *Server) Name() string { return s.name }

// URL returns the base URL, e.g. "https://127.0.0.1:18443".
func (s *Server) URL() string { return "https://" + s.host }

// Host returns host:port, e.g. "127.0.0.1:18443".
func (s *Server) Host() string { return s.host }

// Close stops the listener and closes every connection.
func (s *Server) Close() { _ = s.srv.Close() }

// Inject queues a fault behind those already queued.
func (s *Server) Inject(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// ClearFaults removes every queued fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// takeFault consumes one use of the first fault matching the request.
func (s *Server) takeFault(method, path string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if !f.matches(method, path) {
			continue
		}
		if f.Every > 1 {
			f.seen++
			if f.seen%f.Every != 0 {
				continue
			}
		}
		f.Times--
		if f.Times <= 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return *f, true
	}
	return Fault{}, false
}

// OnNext runs fn once, before the next request matching method ("" = any) and path
// (exact, or a prefix ending in "*") is handled, e.g. to expire sessions at a chosen
// moment of an apply.
func (s *Server) OnNext(method, path string, fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hooks = append(s.hooks, &hook{match: Fault{Method: method, Path: path}, fn: fn})
}

type hook struct {
	match Fault
	fn    func()
}

// takeHook removes and returns the first hook matching the request.
func (s *Server) takeHook(method, path string) func() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, h := range s.hooks {
		if h.match.matches(method, path) {
			s.hooks = append(s.hooks[:i], s.hooks[i+1:]...)
			return h.fn
		}
	}
	return nil
}

// Calls returns a copy of the call log in arrival order.
func (s *Server) Calls() []Call { return s.calls.list() }

// CountCalls counts logged calls with this method ("" = any) and exact path.
func (s *Server) CountCalls(method, path string) int { return s.calls.count(method, path) }

// ResetCalls empties the call log.
func (s *Server) ResetCalls() { s.calls.reset() }

// drop closes the client connection without writing a response.
func drop(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler) // the server then closes the connection itself
	}
	_ = conn.Close()
}
