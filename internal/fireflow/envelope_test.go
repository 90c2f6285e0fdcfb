package fireflow_test

import (
	"net/http"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
)

// The envelope's status decides: a Failure answered with HTTP 200 is an error
// that carries every code.
func TestEnvelope_failureWithHTTP200(t *testing.T) {
	f := newFFServer(t)
	f.srv.Inject(mock.Fault{Method: http.MethodPost, Path: fireflowmock.ObjectCreatePath, Status: http.StatusOK, ContentType: "application/json",
		Body: failure(
			fireflowmock.Message{Code: "DEVICES_NOT_FOUND", Message: "Cannot find devices: FW_9."},
			fireflowmock.Message{Code: "OBJECT_NOT_FOUND", Message: "On action: delete the object: h1 doesnt exist on devices: [FW_101]."},
		)})
	c := f.client(t)
	created, err := c.CreateObjectRequest(t.Context(), oneObject("h1"))
	if created != nil {
		t.Errorf("created %+v", created)
	}
	fe := refusal(t, err, http.StatusOK, "DEVICES_NOT_FOUND", "OBJECT_NOT_FOUND")
	if len(fe.Messages) != 2 || fe.Messages[0].Message != "Cannot find devices: FW_9." {
		t.Errorf("messages %+v", fe.Messages)
	}
	if fe.HasCode("NO_PERMISSIONS") || c.Logins() != 1 || f.srv.CountCalls("POST", fireflowmock.ObjectCreatePath) != 1 || f.ff.TicketCount() != 0 {
		t.Errorf("logins %d, creates sent %d, tickets %d", c.Logins(), f.srv.CountCalls("POST", fireflowmock.ObjectCreatePath), f.ff.TicketCount())
	}
}

// A 400 Failure lists each of the mock's validation codes.
func TestEnvelope_validationFailureListsEveryCode(t *testing.T) {
	f := newFFServer(t)
	_, err := f.client(t).CreateObjectRequest(t.Context(), &fireflow.ObjectRequest{Template: "no such template"})
	fe := refusal(t, err, http.StatusBadRequest, "TEMPLATE_NOT_FOUND", "MANDATORY_FIELD_MISSING")
	if len(fe.Messages) != 2 || fe.Messages[1].Message != "Mandatory field is missing: requestedActions" {
		t.Errorf("messages %+v", fe.Messages)
	}
	if f.ff.TicketCount() != 0 {
		t.Errorf("%d tickets", f.ff.TicketCount())
	}
}
