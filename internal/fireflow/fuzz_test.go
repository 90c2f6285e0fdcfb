package fireflow_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/fuzzcheck"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

func fuzzClient(baseURL string) *fireflow.Client {
	c, err := fireflow.New(fireflow.Config{BaseURL: baseURL, Username: "admin", Password: fuzzcheck.Password,
		Transport: transport.Config{Secrets: fuzzcheck.Secrets}})
	if err != nil {
		panic(err)
	}
	return c
}

var fuzzOps = []fuzzcheck.Op{
	{Method: http.MethodPost, Path: "/FireFlow/api/authentication/authenticate", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).GetChangeRequest(ctx, fireflow.KindObject, 1001)
		return err
	}, Own: func(err error) bool {
		return strings.HasPrefix(err.Error(), "FireFlow login failed: FireFlow refused the username or password (") ||
			strings.HasPrefix(err.Error(), "FireFlow login failed: FireFlow refused the login (")
	}},
	{Method: http.MethodGet, Path: "/FireFlow/api/change-requests/object/1001", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).GetChangeRequest(ctx, fireflow.KindObject, 1001)
		return err
	}},
	{Method: http.MethodPost, Path: "/FireFlow/api/request/object", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).CreateObjectRequest(ctx, &fireflow.ObjectRequest{Template: "Basic Object Change",
			RequestedActions: []fireflow.ObjectAction{{Action: "addValuesToObject", Name: "web-servers", Type: "host", Values: []string{"192.0.2.7"}}}})
		return err
	}},
	{Method: http.MethodPost, Path: "/FireFlow/api/change-requests/rule-removal", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).CreateRuleRemovalRequest(ctx, &fireflow.RuleRemovalRequest{})
		return err
	}},
	{Method: http.MethodPost, Path: "/FireFlow/api/change-requests/traffic", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).CreateTrafficRequest(ctx, &fireflow.TrafficRequest{Template: "Standard", Traffic: []fireflow.TrafficLine{{Action: fireflow.TrafficAllow}}})
		return err
	}},
	{Method: http.MethodGet, Path: "/FireFlow/api/change-requests/traffic/1001", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).GetChangeRequest(ctx, fireflow.KindTraffic, 1001)
		return err
	}},
	{Method: http.MethodPost, Path: "/FireFlow/api/change-requests/traffic/1002/active-change/calculate", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).TriggerActiveChange(ctx, 1002)
		return err
	}, Own: triggerFailed},
	{Method: http.MethodGet, Path: "/FireFlow/api/change-requests/traffic/1002/active-change", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).GetActiveChange(ctx, 1002)
		return err
	}},
	{Method: http.MethodPost, Path: "/FireFlow/api/change-requests/traffic/1002/work-order/implement", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).TriggerActiveChange(ctx, 1002)
		return err
	}, Own: triggerFailed},
	{Method: http.MethodGet, Path: "/FireFlow/api/change-requests/traffic/1002/work-order/implementation/result", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).GetActiveChange(ctx, 1002)
		return err
	}},
	{Method: http.MethodGet, Path: "/FireFlow/api/templates", Call: func(ctx context.Context, u string) error {
		return fuzzClient(u).CheckTemplate(ctx, "Basic Change Traffic Request")
	}, Own: func(err error) bool { return errors.As(err, new(*fireflow.TemplateError)) }},
	{Method: http.MethodPut, Path: "/FireFlow/api/change-requests/traffic/1001/fields", Call: func(ctx context.Context, u string) error {
		return fuzzClient(u).UpdateTrafficFields(ctx, 1001, []fireflow.Field{{Key: "Business Justification", Values: []string{"release 43"}}})
	}},
}

// triggerFailed is a trigger FireFlow answered with success around a failure.
func triggerFailed(err error) bool { return errors.As(err, new(*fireflow.TriggerFailedError)) }

// Any answer to any FireFlow call: no panic, an error that names the request, no secret
// shown (envelopes with status Success or Failure, messages, data as an object, a list
// or missing, ids as numbers or strings).
func FuzzFireFlowAnswer(f *testing.F) {
	const js = "application/json"
	fuzzcheck.AddSeeds(f,
		fuzzcheck.Seed(0, 200, js, `{"status":"Success","messages":[],"data":{"sessionId":"SECRET","faSessionId":"fa1","phpSessionId":"php1"}}`),
		fuzzcheck.Seed(0, 200, js, `{"status":"Failure","messages":[{"code":"WRONG_CREDENTIALS","message":"Wrong password SECRET"}],"data":null}`),
		fuzzcheck.Seed(0, 403, "text/html", `<html>Forbidden</html>`),
		fuzzcheck.Seed(1, 200, js, `{"status":"Success","messages":[],"data":{"id":1001,"fields":[{"name":"status","values":["open"]},{"key":"owner","values":["SECRET"]}],"subChangeRequests":["1002",1003],"originalRequestedActions":[{"action":"addValuesToObject"}]}}`),
		fuzzcheck.Seed(1, 200, js, `{"status":"Failure","messages":[{"code":"CHANGE_REQUEST_NOT_FOUND","message":"Change request 1001 was not found"}],"data":[]}`),
		fuzzcheck.Seed(1, 200, js, `{"status":"Failure","messages":[{"code":"INVALID_SESSION_KEY","message":"Session SECRET expired"}]}`),
		fuzzcheck.Seed(2, 200, js, `{"status":"Success","messages":[],"data":{"changeRequestId":"1001","redirectUrl":"https://fireflow.example.net/FireFlow/Ticket/Display.html?id=1001"}}`),
		fuzzcheck.Seed(2, 400, js, `{"status":"Failure","messages":[{"code":"DEVICES_NOT_FOUND","message":"Cannot find devices: SECRET"}],"data":["FW_9"]}`),
		fuzzcheck.Seed(2, 500, "text/plain", `Internal Server Error`),
		fuzzcheck.Seed(2, 502, "text/html", "<html>"+strings.Repeat("p", 290)+"SECRET</html>"),
		fuzzcheck.Seed(3, 200, js, `{"status":"Success","data":{"changeRequestID":1002}}`),
		fuzzcheck.Seed(3, 200, js, `{"status":"Success","data":{"changeRequestId":"SECRET"}}`),
		fuzzcheck.Seed(4, 200, js, `{"status":"Success","messages":[],"data":{"changeRequestId":1005,"redirectUrl":"https://fireflow.example.net/FireFlow/Ticket/Display.html?id=1005"}}`),
		fuzzcheck.Seed(4, 400, js, `{"status":"Failure","messages":[{"code":"INVALID_TRAFFIC","message":"Source SECRET mixes IPv4 and IPv6"}],"data":null}`),
		fuzzcheck.Seed(5, 200, js, `{"status":"Success","messages":[],"data":{"id":1001,"fields":[{"name":"status","values":["open"]}],"subChangeRequests":[1002,1003],"traffic":[{"action":"Allow","source":{"items":[{"address":"10.0.0.0/24"}]},"destination":{"items":[{"name":"SECRET"}]},"service":{"items":[{"name":"tcp/443"}]}}]}}`),
		fuzzcheck.Seed(6, 200, js, `{"status":"Success","messages":[],"data":"Trigger ActiveChange for change request 1002 has started"}`),
		fuzzcheck.Seed(7, 200, js, `{"status":"Success","messages":[],"data":{"changeRequestId":1002,"status":"Succeed","result":"Device FW_102: SECRET"}}`),
		fuzzcheck.Seed(8, 200, js, `{"status":"Success","messages":[],"data":"ActiveChange operation has finished with status failure."}`),
		fuzzcheck.Seed(8, 403, js, `{"status":"Failure","messages":[{"code":"NO_PERMISSIONS","message":"User SECRET has no permission"}],"data":null}`),
		fuzzcheck.Seed(9, 200, js, `{"status":"Success","messages":[],"data":{"changeRequestId":"1002","activeChangeStatus":"in Progress","result":{"device":"SECRET"}}}`),
		fuzzcheck.Seed(10, 200, js, `{"status":"Success","messages":[],"data":[{"id":550,"name":"Basic Change Traffic Request","description":"SECRET","type":"Traffic Change","enabled":false}]}`),
		fuzzcheck.Seed(10, 404, "text/html", `<html>Not Found</html>`),
		fuzzcheck.Seed(11, 500, js, `{"status":"Failure","messages":[{"code":"CHANGE_REQUEST_NOT_FOUND","message":"Change request 1001 not found"}],"data":null}`),
		fuzzcheck.Seed(5, 200, js, `{"status":"Success","messages":[],"data":{"id":1001,"fields":[{"name":"Owner","values":["SECRET"]}],"originalTraffic":[{"source":{"items":[{"value":"all"}]},"destination":{"items":[{"value":"10.0.0.3"}]},"service":{"items":[{"value":"ALL"}]},"action":"Allow"}],"plannedTraffic":[{"source":{"items":[{"value":"0.0.0.0-255.255.255.255"}]}}]}}`),
	)
	login, _ := json.Marshal(map[string]any{"status": "Success", "messages": []any{},
		"data": map[string]any{"sessionId": fuzzcheck.Token, "faSessionId": fuzzcheck.SharedKey, "phpSessionId": "php-1"}})
	srv := fuzzcheck.NewServer(f, map[string]fuzzcheck.Answer{
		"POST /FireFlow/api/authentication/authenticate": {Status: 200, ContentType: "application/json", Body: login},
		"GET /FireFlow/api/change-requests/object/1001": {Status: 200, ContentType: "application/json",
			Body: []byte(`{"status":"Success","messages":[],"data":{"id":1001,"fields":[{"name":"status","values":["open"]}]}}`)},
	})
	f.Fuzz(fuzzcheck.FuzzFunc(srv, "FireFlow", fuzzOps))
}
