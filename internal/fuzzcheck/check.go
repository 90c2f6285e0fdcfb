package fuzzcheck

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// NoLeak fails the fuzz input when text (an error, a log, a diagnostic: where says
// which) shows a secret.
func NoLeak(tb testing.TB, where, text string) {
	tb.Helper()
	if leak := Leak(text); leak != "" {
		tb.Fatalf("%s leaks a secret: %s\n\nin full:\n%s", where, leak, text)
	}
}

// Names fails the fuzz input when an error about an answer does not name the vendor,
// the method and the path it answered.
func Names(tb testing.TB, err error, vendor, method, path string) {
	tb.Helper()
	msg := err.Error()
	for _, want := range []string{vendor, method + " " + path} {
		if !strings.Contains(msg, want) {
			tb.Fatalf("the error does not name %q: %s", want, msg)
		}
	}
}

// Logged is a context whose provider log (every subsystem, at TRACE) goes to the buffer.
func Logged() (context.Context, *bytes.Buffer) {
	var buf bytes.Buffer
	return tflogtest.RootLogger(context.Background(), &buf), &buf
}
