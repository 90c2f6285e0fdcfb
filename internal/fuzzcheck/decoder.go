package fuzzcheck

import (
	"net/http"
	"strings"
	"testing"
)

// Masker is what masks known secrets (a transport.Client's Mask).
type Masker func(string) string

// ErrorDecoder is a vendor's decoder of error answers (a transport.ErrorDecoder).
type ErrorDecoder func(status int, header http.Header, body []byte) (string, []string)

// CheckDecoder runs a vendor's error decoder on body with a secret placed in it: it must
// not panic, and its code and messages, masked as the transport masks them, must not show
// the secret, also when the decoder shortens a long body.
func CheckDecoder(t *testing.T, decode ErrorDecoder, mask Masker, status uint16, body []byte, p Placement) {
	t.Helper()
	body, _ = Inject(body, p)
	code, msgs := decode(int(status), http.Header{}, body)
	for i := range msgs {
		msgs[i] = mask(msgs[i])
	}
	NoLeak(t, "the decoded error", mask(code)+": "+strings.Join(msgs, "; "))
}
