package transport_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/netops/terraform-provider-netops/internal/fuzzcheck"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// Every known secret is masked in any text, in any of the forms it is written in, also
// where a line break was put inside it.
func FuzzMask(f *testing.F) {
	f.Add([]byte(`{"error":"bad password "}`), uint8(0), uint8(0), uint8(0), uint16(20))
	f.Add([]byte("proxy said:\n\n"), uint8(1), uint8(5), uint8(1), uint16(3))
	f.Add([]byte(`a=1&b=`), uint8(2), uint8(4), uint8(4), uint16(6))
	f.Add([]byte(""), uint8(0), uint8(3), uint8(2), uint16(0))
	c, err := transport.New(transport.Config{Vendor: "fuzz", BaseURL: "https://127.0.0.1:1", Secrets: fuzzcheck.Secrets})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text []byte, which, form, split uint8, at uint16) {
		body, _ := fuzzcheck.Inject(text, fuzzcheck.Placement{Which: which | 128, Form: form, Split: split, At: at})
		fuzzcheck.NoLeak(t, "the masked text", c.Mask(string(body)))
	})
}

// A JSON call given any answer either decodes it or fails with an error that names the
// vendor, the method and the path; a successful answer that does not decode is an
// UnexpectedAnswerError; no secret in the answer reaches the error or the log.
func FuzzJSONAnswer(f *testing.F) {
	for _, s := range []struct {
		status uint16
		ct     string
		body   string
	}{
		{200, "application/json", `{"name":"fw-a","items":[{"id":"1"}]}`},
		{200, "text/html; charset=utf-8", `<html><body>Proxy login for admin/SECRET</body></html>`},
		{200, "application/json", `{"name":42,"token":"SECRET"}`},
		{200, "application/problem+json", `{"name":"ok"}`},
		{400, "application/json", `{"message":"refused SECRET"}`},
		{503, "text/plain", "maintenance"},
		{302, "", ""},
		{200, "application/json; charset=", `{"name":"`},
	} {
		f.Add(s.status, s.ct, []byte(s.body), uint8(0), uint8(0), uint8(0), uint16(9))
	}
	srv := fuzzcheck.NewServer(f, nil)
	const target = "/api/items"
	c, err := transport.New(transport.Config{
		Vendor: "fuzz", Product: "Appliance", BaseURL: srv.URL, Secrets: fuzzcheck.Secrets,
		// Error bodies quoted as vendors without a structure quote them.
		DecodeError: func(_ int, _ http.Header, b []byte) (string, []string) {
			if s := strings.TrimSpace(string(b)); s != "" {
				return "", []string{s}
			}
			return "", nil
		},
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status uint16, contentType string, body []byte, which, form, split uint8, at uint16) {
		body, _ = fuzzcheck.Inject(body, fuzzcheck.Placement{Which: which, Form: form, Split: split, At: at})
		srv.Answer(http.MethodGet+" "+target, fuzzcheck.Fuzzed(status, contentType, body))
		ctx, logs := fuzzcheck.Logged()
		var out struct {
			Name  string `json:"name"`
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
		}
		resp, err := c.JSON(ctx, transport.Call{Method: http.MethodGet, Path: target, Out: &out})
		fuzzcheck.NoLeak(t, "the log", logs.String())
		if err == nil {
			if resp.Status < 200 || resp.Status > 299 {
				t.Fatalf("status %d accepted", resp.Status)
			}
			_ = transport.MissingFields(resp.Body, "name", "items.id")
			return
		}
		fuzzcheck.NoLeak(t, "the error", err.Error())
		fuzzcheck.Names(t, err, "Appliance", http.MethodGet, target)
		var ue *transport.UnexpectedAnswerError
		var ve *transport.Error
		switch {
		case errors.As(err, &ue):
			if !utf8.ValidString(ue.Quote) {
				t.Fatalf("the quote is not UTF-8: %q", ue.Quote)
			}
		case errors.As(err, &ve):
		default:
			t.Fatalf("%T is neither an unexpected answer nor a vendor error: %v", err, err)
		}
	})
}
