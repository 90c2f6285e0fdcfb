package fireflow_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
)

// A Failure envelope answered with HTTP 200 that quotes the password and the session
// reaches neither the error, its messages nor the TRACE log.
func TestFailureEnvelopeWithHTTP200IsMasked(t *testing.T) {
	f := newFFServer(t)
	c := f.client(t)
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &logs)
	if _, err := c.CreateObjectRequest(ctx, oneObject("first")); err != nil {
		t.Fatal(err)
	}
	session := f.latestSession(t)
	f.srv.Inject(mock.Fault{Method: http.MethodPost, Path: "/FireFlow/api/request/object", Times: 1, Status: http.StatusOK,
		ContentType: "application/json",
		Body:        failure(fireflowmock.Message{Code: "INVALID_INPUT", Message: "user admin/" + fireflowmock.Password + " in session " + session + " may not"})})

	_, err := c.CreateObjectRequest(ctx, oneObject("second"))
	fe := refusal(t, err, http.StatusOK, "INVALID_INPUT")
	texts := err.Error()
	for _, m := range fe.Messages {
		texts += "\n" + m.Code + " " + m.Message
	}
	out := logs.String()
	for name, secret := range map[string]string{"password": fireflowmock.Password, "session": session} {
		if strings.Contains(texts, secret) {
			t.Errorf("the error holds the %s: %s", name, texts)
		}
		if strings.Contains(out, secret) {
			t.Errorf("the log holds the %s", name)
		}
	}
	if !strings.Contains(err.Error(), "may not") {
		t.Errorf("error %q lost FireFlow's message", err)
	}
}

// A refused login answered with HTTP 200 does not quote the password back.
func TestLoginFailureEnvelopeWithHTTP200IsMasked(t *testing.T) {
	f := newFFServer(t)
	f.srv.Inject(mock.Fault{Method: http.MethodPost, Path: "/FireFlow/api/authentication/authenticate", Times: 1, Status: http.StatusOK,
		ContentType: "application/json",
		Body:        failure(fireflowmock.Message{Code: "AUTHENTICATION_FAILED", Message: "password " + fireflowmock.Password + " is wrong"})})
	_, err := f.client(t).CreateObjectRequest(t.Context(), oneObject("refused"))
	if err == nil || !strings.Contains(err.Error(), "AUTHENTICATION_FAILED") {
		t.Fatalf("err = %v, want the refused login", err)
	}
	if strings.Contains(err.Error(), fireflowmock.Password) {
		t.Errorf("the error holds the password: %v", err)
	}
}
