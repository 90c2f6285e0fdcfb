package transport_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// TestLoggingMasksSecrets logs a login and an authenticated call at TRACE and checks
// that no secret reaches the log while the calls themselves do.
func TestLoggingMasksSecrets(t *testing.T) {
	const (
		token     = "TokLogin7f3a9c"
		sessionID = "SessId41b8e2"
		cookie    = "CookieVal9d2e77"
	)
	tests := []struct {
		name        string
		password    string
		loginBody   string
		contentType string
		answer      string
		parse       func([]byte) (string, error)
	}{
		{
			name:        "JSON",
			password:    "PassJson5c1d",
			loginBody:   `{"username":"admin","password":"PassJson5c1d"}`,
			contentType: "application/json",
			answer:      `{"access_token":"` + token + `","sessionId":"` + sessionID + `"}`,
		},
		{
			name:        "XML",
			password:    "PassXml8e4f",
			loginBody:   `<login><username>admin</username><password>PassXml8e4f</password></login>`,
			contentType: "application/xml",
			answer:      `<session><accessToken>` + token + `</accessToken><sessionId>` + sessionID + `</sessionId></session>`,
			parse:       xmlToken,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int64) {
				switch {
				case r.URL.Path == "/login":
					w.Header().Set("Content-Type", tt.contentType)
					_, _ = io.WriteString(w, tt.answer)
				case r.Header.Get("Authorization") == "Bearer "+token:
					http.SetCookie(w, &http.Cookie{Name: "JSESSIONID", Value: cookie, Path: "/", Secure: true})
					_, _ = io.WriteString(w, `{"items":[]}`)
				default:
					w.WriteHeader(http.StatusForbidden)
				}
			})
			auth := &bearerAuth{loginBody: []byte(tt.loginBody), parse: tt.parse}
			c := newClient(t, srv, transport.Config{Vendor: "sbc", Auth: auth, Secrets: []string{tt.password}})
			var logs bytes.Buffer

			_, err := c.Do(tflogtest.RootLogger(t.Context(), &logs), transport.Request{Method: http.MethodGet, Path: "/items"})
			if err != nil {
				t.Fatalf("Do: %v", err)
			}
			if n := srv.requests.Load(); n != 2 {
				t.Errorf("server received %d requests, want 2 (login, call)", n)
			}
			out := logs.String()
			for _, secret := range []string{tt.password, token, "Bearer " + token, sessionID, cookie} {
				if strings.Contains(out, secret) {
					t.Errorf("log contains the secret %q:\n%s", secret, out)
				}
			}
			for _, want := range []string{
				`"@level":"trace"`, `"@level":"debug"`, `"@module":"provider.sbc"`,
				`"method":"POST"`, `"path":"/login"`, `"method":"GET"`, `"path":"/items"`, `"status":200`,
				`"Set-Cookie":"***"`, `"Authorization":"***"`,
			} {
				if !strings.Contains(out, want) {
					t.Errorf("log lacks %s:\n%s", want, out)
				}
			}
		})
	}
}

func xmlToken(body []byte) (string, error) {
	var v struct {
		AccessToken string `xml:"accessToken"`
	}
	err := xml.Unmarshal(body, &v)
	return v.AccessToken, err
}
