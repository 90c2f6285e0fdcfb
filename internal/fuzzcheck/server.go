package fuzzcheck

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// Answer is what the server sends to a request.
type Answer struct {
	Status      int
	ContentType string
	Body        []byte
}

// Fuzzed is the answer a fuzz input describes: any status from 200 to 599 (a status
// outside that range becomes 200 + status mod 400, so 0 is 200), the content type
// and body as given.
func Fuzzed(status uint16, contentType string, body []byte) Answer {
	s := int(status)
	if s < 200 || s > 599 {
		s = 200 + s%400
	}
	return Answer{Status: s, ContentType: contentType, Body: body}
}

// Server answers the target request ("METHOD /path") with the fuzzed answer, every other
// request it knows with its canned answer, and anything else with 404. It listens on
// 127.0.0.1, in plain HTTP: the fuzz targets test what is done with an answer, not TLS.
type Server struct {
	URL string

	mu     sync.Mutex
	canned map[string]Answer
	target string
	answer Answer
	hits   int
}

// NewServer starts a server with the canned answers, keyed "METHOD /path".
func NewServer(tb testing.TB, canned map[string]Answer) *Server {
	tb.Helper()
	s := &Server{canned: canned}
	hs := httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	hs.Config.ErrorLog = log.New(io.Discard, "", 0)
	hs.Start()
	tb.Cleanup(hs.Close)
	s.URL = hs.URL
	return s
}

// Answer makes the server answer target ("METHOD /path") with a from now on.
func (s *Server) Answer(target string, a Answer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.target, s.answer, s.hits = target, a, 0
}

// Hits counts the requests the fuzzed answer went to since Answer.
func (s *Server) Hits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	key := r.Method + " " + r.URL.Path
	s.mu.Lock()
	a, ok := s.canned[key]
	if key == s.target {
		a, ok = s.answer, true
		s.hits++
	}
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	if a.ContentType != "" {
		w.Header().Set("Content-Type", headerValue(a.ContentType))
	}
	w.WriteHeader(a.Status)
	_, _ = w.Write(a.Body)
}

// headerValue is v without what cannot be sent in a header (control characters, invalid
// UTF-8): the answers a client can get are fuzzed, not the HTTP framing.
func headerValue(v string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			return -1
		}
		return r
	}, strings.ToValidUTF8(v, ""))
}
