package fireflow_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
)

// A create's data spells the id changeRequestId or changeRequestID, as a number
// or a string, and the link redirectUrl or redirectURL.
func TestCreated_decodesEverySpelling(t *testing.T) {
	for _, tc := range []struct {
		in  string
		id  int64
		url string
	}{
		{`{"changeRequestId":8054,"redirectUrl":"https://ff/a"}`, 8054, "https://ff/a"},
		{`{"changeRequestID":"8055","redirectURL":"https://ff/b"}`, 8055, "https://ff/b"},
		{`{"changeRequestId":"8056"}`, 8056, ""},
	} {
		var c fireflow.Created
		if err := json.Unmarshal([]byte(tc.in), &c); err != nil || c.ID != tc.id || c.RedirectURL != tc.url {
			t.Errorf("%s: %+v, %v", tc.in, c, err)
		}
	}
	for _, bad := range []string{`{}`, `{"redirectUrl":"x"}`, `{"changeRequestId":"12a"}`, `{"changeRequestId":null}`, `[]`} {
		var c fireflow.Created
		if err := json.Unmarshal([]byte(bad), &c); err == nil {
			t.Errorf("%s decoded as %+v", bad, c)
		}
	}
}

func TestChangeRequest_decodesIDsAsNumberOrString(t *testing.T) {
	for _, tc := range []struct {
		in       string
		id       int64
		children []int64
	}{
		{`{"id":8054,"subChangeRequests":[24,25]}`, 8054, []int64{24, 25}},
		{`{"id":"8054","subChangeRequests":["24",25]}`, 8054, []int64{24, 25}},
		{`{"changeRequestId":"31"}`, 31, nil},
		{`{"changeRequestID":32,"fields":[{"key":"status","values":["open"]}]}`, 32, nil},
	} {
		var cr fireflow.ChangeRequest
		if err := json.Unmarshal([]byte(tc.in), &cr); err != nil || cr.ID != tc.id || !slices.Equal(cr.SubChangeRequests, tc.children) {
			t.Errorf("%s: %+v, %v", tc.in, cr, err)
		}
	}
	var cr fireflow.ChangeRequest
	if err := json.Unmarshal([]byte(`{"changeRequestID":32,"fields":[{"key":"status","values":["open"]}]}`), &cr); err != nil || statusOf(&cr) != "open" {
		t.Errorf("field named by key: %+v, %v", cr, err)
	}
	if err := json.Unmarshal([]byte(`{"id":"x1"}`), &cr); err == nil {
		t.Error("a non-numeric id decoded")
	}
}

// The old spelling arrives over the wire too.
func TestCreateObjectRequest_oldSpellingOnTheWire(t *testing.T) {
	f := newFFServer(t)
	f.srv.Inject(mock.Fault{Method: http.MethodPost, Path: fireflowmock.ObjectCreatePath, Status: http.StatusOK, ContentType: "application/json",
		Body: `{"status":"Success","messages":[{"code":"success","message":"Success"}],"data":{"changeRequestID":"4242","redirectURL":"https://ff.example/FireFlow/Ticket/Display.html?id=4242"}}`})
	created, err := f.client(t).CreateObjectRequest(t.Context(), oneObject("h1"))
	if err != nil {
		t.Fatal(err)
	}
	if created.ID != 4242 || created.RedirectURL != "https://ff.example/FireFlow/Ticket/Display.html?id=4242" {
		t.Errorf("created %+v", created)
	}
	if f.srv.CountCalls("POST", fireflowmock.ObjectCreatePath) != 1 {
		t.Error("create not sent once")
	}
}
