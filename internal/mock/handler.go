package mock

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"time"
)

// serve answers control endpoints, applies faults, runs the vendor handler and
// records the call.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, HookPrefix) {
		if !s.serveControl(w, r) {
			s.vendor.ServeHTTP(w, r)
		}
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "read request body: "+err.Error(), http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	call := &Call{
		Time:     time.Now(),
		Method:   r.Method,
		Path:     r.URL.Path,
		RawQuery: r.URL.RawQuery,
		Header:   maskHeader(r.Header),
		Body:     string(body),
	}
	s.calls.add(call)
	if fn := s.takeHook(r.Method, r.URL.Path); fn != nil {
		fn()
	}

	f, faulted := s.takeFault(r.Method, r.URL.Path)
	if !faulted {
		s.run(w, r, call, false)
		return
	}
	s.applyFault(f, w, r, call)
}

// run serves the request with the vendor handler and logs the status it answers.
func (s *Server) run(w http.ResponseWriter, r *http.Request, call *Call, fault bool) {
	sw := &statusWriter{ResponseWriter: w, record: func(status int) { s.calls.finish(call, status, fault) }}
	s.vendor.ServeHTTP(sw, r)
	sw.done()
}

// applyFault serves one faulted request. The call is logged before the client
// can see an answer or a drop.
func (s *Server) applyFault(f Fault, w http.ResponseWriter, r *http.Request, call *Call) {
	s.calls.finish(call, 0, true)
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			// Returning would let net/http answer an empty 200 on a connection it still
			// holds: a client that gave up gets no answer at all.
			drop(w)
			return
		}
	}
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	if f.Location != "" {
		w.Header().Set("Location", f.Location)
	}
	switch {
	case f.Drop == DropBefore:
		drop(w)
	case f.Drop == DropAfter:
		buf := newBufferWriter()
		s.vendor.ServeHTTP(buf, r)
		s.calls.finish(call, buf.code(), true)
		drop(w)
	case f.Status != 0:
		if f.AfterHandler {
			s.vendor.ServeHTTP(newBufferWriter(), r) // the vendor acts; its answer is replaced
		}
		if f.ContentType != "" {
			w.Header().Set("Content-Type", f.ContentType)
		}
		s.calls.finish(call, f.Status, true)
		w.WriteHeader(f.Status)
		_, _ = io.WriteString(w, f.Body)
	default:
		s.run(w, r, call, true)
	}
}
