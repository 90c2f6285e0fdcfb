package transport_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// logText is every string of every JSON log line (messages and field values, nested
// maps included), decoded: what a reader of the log sees, whatever escaping the log
// format added.
func logText(t *testing.T, logs *bytes.Buffer) string {
	t.Helper()
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			b.WriteString(v)
			b.WriteByte('\n')
		case map[string]any:
			for k, x := range v {
				b.WriteString(k)
				b.WriteByte('\n')
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(logs.Bytes()))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	lines := 0
	for sc.Scan() {
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("log line is not JSON: %v: %s", err, sc.Text())
		}
		walk(line)
		lines++
	}
	if lines == 0 {
		t.Fatal("nothing was logged: the test would prove nothing")
	}
	return b.String()
}

// echo answers every request with the body and content type given.
func echo(contentType, body string) handler {
	return func(w http.ResponseWriter, _ *http.Request, _ int64) {
		w.Header().Set("Content-Type", contentType)
		_, _ = io.WriteString(w, body)
	}
}

// Secret field names with digits, hyphens and dots are masked in JSON, XML and form bodies.
func TestLoggingMasksSecretFieldNamesWithDigitsAndHyphens(t *testing.T) {
	tests := []struct {
		name, contentType, answer, request string
		values                             []string
	}{
		{
			name: "JSON", contentType: "application/json",
			answer: `{"X-Auth-Token":"ValHyphen01","token2":"ValDigit02","shared-key":"ValShared03","session.id":"ValDot04","api_key_v2":"ValApi05","name":"fw-a"}`,
			values: []string{"ValHyphen01", "ValDigit02", "ValShared03", "ValDot04", "ValApi05"},
		},
		{
			name: "XML", contentType: "application/xml",
			answer: `<data><auth-token2>ValXml06</auth-token2><session-id>ValXml07</session-id><name>fw-a</name></data>`,
			values: []string{"ValXml06", "ValXml07"},
		},
		{
			name: "form", contentType: "application/x-www-form-urlencoded",
			request: "user=admin&password-2=ValForm08&x-api-key=ValForm09",
			answer:  `{}`,
			values:  []string{"ValForm08", "ValForm09"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, echo(tt.contentType, tt.answer))
			c := newClient(t, srv, transport.Config{Vendor: "sbc"})
			var logs bytes.Buffer
			req := transport.Request{Method: http.MethodPost, Path: "/items"}
			if tt.request != "" {
				req.Body = []byte(tt.request)
			}
			if _, err := c.Do(tflogtest.RootLogger(t.Context(), &logs), req); err != nil {
				t.Fatalf("Do: %v", err)
			}
			out := logText(t, &logs)
			for _, v := range tt.values {
				if strings.Contains(out, v) {
					t.Errorf("log holds %s:\n%s", v, out)
				}
			}
			if !strings.Contains(out, "/items") {
				t.Errorf("log lacks the call itself:\n%s", out)
			}
		})
	}
}

// A secret shorter than four characters is masked where it stands alone, in logs and in
// vendor error messages, without garbling the words around it.
func TestLoggingMasksShortSecrets(t *testing.T) {
	const pin = "Q7!"
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int64) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"message":"the pin Q7! of admin is refused"}`)
	})
	c := newClient(t, srv, transport.Config{Vendor: "sbc", Secrets: []string{pin}, DecodeError: func(_ int, _ http.Header, body []byte) (string, []string) {
		var v struct{ Message string }
		_ = json.Unmarshal(body, &v)
		return "", []string{v.Message}
	}})
	var logs bytes.Buffer
	_, err := c.Do(tflogtest.RootLogger(t.Context(), &logs), transport.Request{Method: http.MethodPost, Path: "/items", Body: []byte(`{"user":"admin","pin":"Q7!"}`)})
	if err == nil {
		t.Fatal("Do: want the 400")
	}
	if strings.Contains(err.Error(), pin) {
		t.Errorf("error holds the short secret: %v", err)
	}
	if !strings.Contains(err.Error(), "the pin *** of admin is refused") {
		t.Errorf("error %q: want the message with only the secret masked", err)
	}
	out := logText(t, &logs)
	if strings.Contains(out, pin) {
		t.Errorf("log holds the short secret:\n%s", out)
	}
	if !strings.Contains(out, "admin") {
		t.Errorf("log lost the words around the secret:\n%s", out)
	}
}

// A known secret is masked in the forms it takes inside bodies: escaped in a JSON string
// and URL-encoded in a form.
func TestLoggingMasksEncodedSecrets(t *testing.T) {
	const secret = `p@ss w&rd"1/x`
	jsonForm, _ := json.Marshal(secret)
	for name, body := range map[string]string{
		"JSON": `{"user":"admin","pin":` + string(jsonForm) + `}`,
		"form": "user=admin&pin=" + url.QueryEscape(secret),
	} {
		t.Run(name, func(t *testing.T) {
			srv := newServer(t, ok)
			c := newClient(t, srv, transport.Config{Vendor: "sbc", Secrets: []string{secret}})
			var logs bytes.Buffer
			if _, err := c.Do(tflogtest.RootLogger(t.Context(), &logs), transport.Request{Method: http.MethodPost, Path: "/items", Body: []byte(body)}); err != nil {
				t.Fatalf("Do: %v", err)
			}
			out := logText(t, &logs)
			for _, form := range []string{secret, string(jsonForm[1 : len(jsonForm)-1]), url.QueryEscape(secret), "w&rd"} {
				if strings.Contains(out, form) {
					t.Errorf("log holds the secret as %q:\n%s", form, out)
				}
			}
		})
	}
}

// failingRefresh renews nothing: its error quotes the session it was given, as a vendor
// client quoting the appliance's answer might.
type failingRefresh struct{ bearerAuth }

func (a *failingRefresh) Refresh(_ context.Context, _ *transport.Client, s *transport.Session) (*transport.Session, error) {
	return nil, errors.New("the appliance refused the refresh of session " + s.Token)
}

// A failed refresh is logged (and the client logs in again) without the session in the log.
func TestLoggingMasksFailedRefresh(t *testing.T) {
	const token = "TokRefresh5e6f7a"
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int64) {
		if r.URL.Path == "/login" {
			_, _ = io.WriteString(w, `{"access_token":"`+token+`"}`)
			return
		}
		_, _ = io.WriteString(w, `{}`)
	})
	// Sessions that expire within the renewal margin are refreshed on every use.
	auth := &failingRefresh{bearerAuth{loginBody: []byte(`{"username":"admin"}`), ttl: 30 * time.Second}}
	c := newClient(t, srv, transport.Config{Vendor: "ftd", Auth: auth})
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &logs)
	for range 2 {
		if _, err := c.Do(ctx, transport.Request{Method: http.MethodGet, Path: "/items"}); err != nil {
			t.Fatalf("Do: %v", err)
		}
	}
	out := logText(t, &logs)
	if !strings.Contains(out, "session refresh failed") {
		t.Fatalf("no refresh failure logged: the test would prove nothing:\n%s", out)
	}
	if strings.Contains(out, token) {
		t.Errorf("log holds the session of the failed refresh:\n%s", out)
	}
}
