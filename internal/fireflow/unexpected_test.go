package fireflow_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// Answers of another shape are reported in FireFlow's words: vendor, method, path,
// status and the answer quoted, secrets masked.
func TestUnexpectedAnswers(t *testing.T) {
	create := func(t *testing.T, c *fireflow.Client) error {
		req := seedObjectRequests[2].req
		_, err := c.CreateObjectRequest(t.Context(), &req)
		return err
	}
	cases := []struct {
		name  string
		fault mock.Fault
		want  []string
	}{
		{
			name:  "login answered by a portal page",
			fault: mock.Fault{Method: http.MethodPost, Path: fireflowmock.AuthenticatePath, Status: 200, ContentType: "text/html", Body: "<html>AlgoSec portal</html>"},
			want:  []string{"POST /FireFlow/api/authentication/authenticate", "it is text/html, not JSON", "AlgoSec portal"},
		},
		{
			name: "login without sessionId",
			fault: mock.Fault{Method: http.MethodPost, Path: fireflowmock.AuthenticatePath, Status: 200, ContentType: "application/json",
				Body: `{"status":"Success","messages":[],"data":{"faSessionId":"0123456789abcdef","password":"` + fireflowmock.Password + `"}}`},
			want: []string{"POST /FireFlow/api/authentication/authenticate", `it holds no "data.sessionId"`, "faSessionId"},
		},
		{
			name:  "create with an unknown status",
			fault: mock.Fault{Method: http.MethodPost, Path: fireflowmock.ObjectCreatePath, Status: 200, ContentType: "application/json", Body: `{"status":"Pending","messages":[],"data":null}`},
			want:  []string{"POST /FireFlow/api/request/object", `its status "Pending" is neither Success nor Failure`, "200 OK"},
		},
		{
			name:  "create without data",
			fault: mock.Fault{Method: http.MethodPost, Path: fireflowmock.ObjectCreatePath, Status: 200, ContentType: "application/json", Body: `{"status":"Success","messages":[]}`},
			want:  []string{"POST /FireFlow/api/request/object", `it says Success but holds no "data"`},
		},
		{
			name:  "create without an id",
			fault: mock.Fault{Method: http.MethodPost, Path: fireflowmock.ObjectCreatePath, Status: 200, ContentType: "application/json", Body: `{"status":"Success","messages":[],"data":{"redirectUrl":"https://ff/x"}}`},
			want:  []string{"POST /FireFlow/api/request/object", "its data does not decode", "redirectUrl"},
		},
		{
			name:  "create answer that is not JSON",
			fault: mock.Fault{Method: http.MethodPost, Path: fireflowmock.ObjectCreatePath, Status: 200, ContentType: "application/json", Body: `{"status":"Success",`},
			want:  []string{"POST /FireFlow/api/request/object", "its JSON does not decode"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFFServer(t)
			c := f.client(t)
			tc.fault.Times = 1
			f.srv.Inject(tc.fault)
			err := create(t, c)
			var ue *transport.UnexpectedAnswerError
			if !errors.As(err, &ue) || ue.Vendor != "FireFlow" || ue.Status != http.StatusOK {
				t.Fatalf("err = %v, want an UnexpectedAnswerError from FireFlow", err)
			}
			msg := err.Error()
			for _, w := range append(tc.want, "FireFlow gave an answer the provider does not understand") {
				if !strings.Contains(msg, w) {
					t.Errorf("%q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, fireflowmock.Password) {
				t.Errorf("the password shows: %s", msg)
			}
		})
	}
}
