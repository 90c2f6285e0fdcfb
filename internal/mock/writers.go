package mock

import "net/http"

// statusWriter reports the status a handler answers before any byte of the
// response leaves, so the call log is current when the client reads it.
type statusWriter struct {
	http.ResponseWriter
	record  func(status int)
	written bool
}

func (w *statusWriter) WriteHeader(code int) {
	w.report(code)
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.report(http.StatusOK)
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// done reports the implicit 200 of a handler that wrote nothing.
func (w *statusWriter) done() { w.report(http.StatusOK) }

func (w *statusWriter) report(code int) {
	if !w.written {
		w.written = true
		w.record(code)
	}
}

// bufferWriter swallows a response that is never sent.
type bufferWriter struct {
	header http.Header
	status int
}

func newBufferWriter() *bufferWriter {
	return &bufferWriter{header: http.Header{}}
}

func (w *bufferWriter) Header() http.Header { return w.header }

func (w *bufferWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

func (w *bufferWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return len(b), nil
}

func (w *bufferWriter) code() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}
