package fireflow_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// activeChangeServer is a FireFlow of behaviour b whose ActiveChange takes d on a mock
// clock that the client's waits advance.
func activeChangeServer(t *testing.T, b fireflowmock.Behaviour, d time.Duration) (*ffServer, *fireflow.Client) {
	clock := mock.NewFakeClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	f := newFFServerWith(t, fireflowmock.Options{Clock: clock, ActiveChangeDuration: d, Behaviour: b})
	return f, f.clientWith(t, fireflowmock.Username, fireflowmock.Password, transport.Polling{Min: time.Second, Max: 10 * time.Second, Sleep: clock.Sleep, Now: clock.Now})
}

// triggerPath and resultPath are the spelling of the ActiveChange routes b serves.
func triggerPath(b fireflowmock.Behaviour, id int) string {
	if b.ActiveChangeRoutes == fireflowmock.RoutesWorkOrder {
		return fireflowmock.WorkOrderImplementPath(id)
	}
	return fireflowmock.ActiveChangeCalculatePath(id)
}

func otherTriggerPath(b fireflowmock.Behaviour, id int) string {
	if b.ActiveChangeRoutes == fireflowmock.RoutesWorkOrder {
		return fireflowmock.ActiveChangeCalculatePath(id)
	}
	return fireflowmock.WorkOrderImplementPath(id)
}

func resultPath(b fireflowmock.Behaviour, id int) string {
	if b.ActiveChangeRoutes == fireflowmock.RoutesWorkOrder {
		return fireflowmock.WorkOrderResultPath(id)
	}
	return fireflowmock.ActiveChangePath(id)
}

func TestRunActiveChange(t *testing.T) {
	for name, b := range behaviours {
		t.Run(name, func(t *testing.T) {
			f, c := activeChangeServer(t, b, 30*time.Second)
			created, err := c.CreateTrafficRequest(t.Context(), guideTraffic())
			if err != nil {
				t.Fatal(err)
			}
			var progress []string
			done, err := c.RunActiveChange(t.Context(), created.ID, func(s string) { progress = append(progress, s) })
			if err != nil {
				t.Fatal(err)
			}
			if len(done) != 2 || done[0].ChangeRequestID != created.ID+1 || !strings.Contains(done[1].Result, "Device FW_102: 1 rule added") {
				t.Fatalf("done %+v", done)
			}
			text := strings.Join(progress, "\n")
			for _, want := range []string{
				"change request 1001: ActiveChange runs on 1002, 1003",
				"change request 1002: Trigger ActiveChange for change request 1002 has finished successfully",
				"change request 1002: in Progress: Pushing the planned change to FW_101",
				"change request 1003: Succeed: Device FW_102: 1 rule added",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("progress lacks %q:\n%s", want, text)
				}
			}
			if n := strings.Count(text, "change request 1002: in Progress"); n != 1 {
				t.Errorf("the same answer was told %d times, want once:\n%s", n, text)
			}
			// Each child triggered once on the route served; the other spelling was tried
			// at most once (the first trigger of this client) and ran nothing.
			for _, child := range []int{1002, 1003} {
				if n := f.srv.CountCalls("POST", triggerPath(b, child)); n != 1 {
					t.Errorf("child %d triggered %d times", child, n)
				}
				if n := f.srv.CountCalls("GET", resultPath(b, child)); n == 0 {
					t.Errorf("child %d: no status read on %s", child, resultPath(b, child))
				}
			}
			tried := f.srv.CountCalls("POST", otherTriggerPath(b, 1002)) + f.srv.CountCalls("POST", otherTriggerPath(b, 1003))
			if want := map[string]int{"guide": 1, "real": 0}[name]; tried != want {
				t.Errorf("%d triggers on the spelling not served, want %d", tried, want)
			}
			// A child id runs on that child alone, straight on the route learnt.
			before := len(f.srv.Calls())
			if _, err := c.RunActiveChange(t.Context(), created.ID+1, nil); err != nil {
				t.Fatal(err)
			}
			for _, call := range f.srv.Calls()[before:] {
				if call.Status == http.StatusNotFound {
					t.Errorf("%s %s answered 404 after the route was learnt", call.Method, call.Path)
				}
			}
			if n := f.srv.CountCalls("POST", triggerPath(b, 1003)); n != 1 {
				t.Errorf("child 1003 triggered %d times", n)
			}
		})
	}
}

func TestRunActiveChange_failure(t *testing.T) {
	for name, b := range behaviours {
		t.Run(name, func(t *testing.T) {
			f, c := activeChangeServer(t, b, 5*time.Second)
			created, err := c.CreateTrafficRequest(t.Context(), guideTraffic())
			if err != nil {
				t.Fatal(err)
			}
			f.ff.SetActiveChange(fireflowmock.ActiveChangeFails, 5*time.Second)
			_, err = c.RunActiveChange(t.Context(), created.ID, nil)
			var ae *fireflow.ActiveChangeError
			if !errors.As(err, &ae) || ae.Child != 1002 || ae.Status != "Failed" || len(ae.NotBegun) != 1 ||
				!strings.Contains(err.Error(), `ended "Failed"; FireFlow's result: Device FW_101: policy installation failed`) || !strings.Contains(err.Error(), "Not started: 1003") {
				t.Fatalf("err = %v", err)
			}
			if n := f.srv.CountCalls("POST", triggerPath(b, 1003)); n != 0 {
				t.Errorf("the second child was triggered %d times after the first failed", n)
			}
			// A trigger answered 200 with "finished with status failure" fails at once,
			// quoting FireFlow's result.
			f.ff.SetActiveChange(fireflowmock.ActiveChangeTriggerFails, 0)
			_, err = c.RunActiveChange(t.Context(), created.ID+2, nil)
			if !errors.As(err, &ae) || ae.Trigger == "" || ae.Err != nil ||
				!strings.Contains(err.Error(), `ActiveChange on change request 1003 failed at its trigger: FireFlow answered "ActiveChange operation has finished with status failure."; activeChangeStatus "Failed"; FireFlow's result: Device FW_102: ActiveChange could not connect`) {
				t.Fatalf("failed trigger: %v", err)
			}
			if n := f.srv.CountCalls("POST", triggerPath(b, 1003)); n != 1 {
				t.Errorf("a failed trigger was sent %d times", n)
			}
			// Unknown request: FireFlow's not-found, whatever its HTTP status.
			if _, err := c.RunActiveChange(t.Context(), 4242, nil); !transport.IsNotFound(err) {
				t.Fatalf("unknown id: %v", err)
			}
			// A user without the rights is told so; nothing runs.
			f.ff.SetActiveChangePermission(false)
			_, err = c.RunActiveChange(t.Context(), created.ID+1, nil)
			if !errors.As(err, &ae) || !fireflow.IsNoPermissions(err) || !strings.Contains(err.Error(), "FireFlow's user lacks the rights to run ActiveChange") ||
				!strings.Contains(err.Error(), "NO_PERMISSIONS") {
				t.Fatalf("no rights: %v", err)
			}
			if snap, _ := f.ff.Ticket(1002); snap.ActiveChange.Triggers != 1 {
				t.Fatalf("triggers %d after a refusal", snap.ActiveChange.Triggers)
			}
		})
	}
}

// activeChangeStatus is compared case-insensitively; the two pending words are waited
// through and any word but Succeed ends the run as a failure.
func TestActiveChange_statuses(t *testing.T) {
	for status, want := range map[string]string{
		"Not Started": "pending", "not started": "pending", "in Progress": "pending", "In  Progress": "pending",
		"Succeed": "done", "SUCCEED": "done", "Failed": "failed", "Succeeded": "failed", "Cancelled": "failed", "InProgress": "failed",
	} {
		a := fireflow.ActiveChange{Status: status}
		got := "failed"
		switch {
		case a.Pending():
			got = "pending"
		case a.Succeeded():
			got = "done"
		}
		if got != want || a.Settled() == (want == "pending") {
			t.Errorf("%q: %s (settled %v), want %s", status, got, a.Settled(), want)
		}
	}
	// An undocumented word ends the run, quoted.
	f, c := activeChangeServer(t, fireflowmock.GuideBehaviour, 0)
	created, err := c.CreateTrafficRequest(t.Context(), guideTraffic())
	if err != nil {
		t.Fatal(err)
	}
	f.srv.Inject(mock.Fault{Method: http.MethodGet, Path: fireflowmock.ActiveChangePath(1002), Times: 1, Status: 200, ContentType: "application/json",
		Body: `{"status":"Success","messages":[],"data":{"changeRequestId":1002,"activeChangeStatus":"Partially Implemented","result":"FW_101: 1 of 2 rules"}}`})
	_, err = c.RunActiveChange(t.Context(), created.ID, nil)
	if err == nil || !strings.Contains(err.Error(), `ended "Partially Implemented"; FireFlow's result: FW_101: 1 of 2 rules`) {
		t.Fatalf("err = %v", err)
	}
}

// A server that serves neither spelling: each is tried once, nothing runs, and the error
// names both.
func TestRunActiveChange_noRoute(t *testing.T) {
	f, c := activeChangeServer(t, fireflowmock.GuideBehaviour, 0)
	created, err := c.CreateTrafficRequest(t.Context(), guideTraffic())
	if err != nil {
		t.Fatal(err)
	}
	notFound := `{"status":"Failure","messages":[{"code":"NOT_FOUND","message":"No resource"}],"data":null}`
	f.srv.Inject(mock.Fault{Method: http.MethodPost, Path: fireflowmock.ActiveChangeCalculatePath(1002), Times: 1, Status: 404, ContentType: "application/json", Body: notFound})
	_, err = c.RunActiveChange(t.Context(), created.ID, nil)
	var re *fireflow.RouteError
	if !errors.As(err, &re) || len(re.Errs) != 2 || !strings.Contains(err.Error(), "serves neither spelling") ||
		!strings.Contains(err.Error(), "POST /FireFlow/api/change-requests/traffic/1002/work-order/implement") ||
		!strings.Contains(err.Error(), "POST /FireFlow/api/change-requests/traffic/1002/active-change/calculate") {
		t.Fatalf("err = %v", err)
	}
	if snap, _ := f.ff.Ticket(1002); snap.ActiveChange != nil {
		t.Fatal("ActiveChange ran")
	}
}

func TestRunActiveChange_deadline(t *testing.T) {
	f, c := activeChangeServer(t, fireflowmock.RealAppliance, time.Hour)
	created, err := c.CreateTrafficRequest(t.Context(), guideTraffic())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	_, err = c.RunActiveChange(ctx, created.ID, nil)
	var wt *transport.WaitTimeoutError
	if !errors.As(err, &wt) || !strings.Contains(err.Error(), "last seen: in Progress") {
		t.Fatalf("err = %v", err)
	}
	if n := f.srv.CountCalls("POST", fireflowmock.WorkOrderImplementPath(1002)); n != 1 {
		t.Errorf("triggered %d times", n)
	}
}

// A 404 from the login (a misrouting proxy) is a failed login, never "route not served":
// the other spelling is not tried, the template list is not taken as missing, and
// nothing is remembered of the server.
func TestRouteAndTemplateChecks_loginFailureIsNoAnswer(t *testing.T) {
	f, c := activeChangeServer(t, fireflowmock.RealAppliance, 0)
	notFound := mock.Fault{Method: http.MethodPost, Path: fireflowmock.AuthenticatePath, Times: 1, Status: http.StatusNotFound, ContentType: "text/html", Body: "<html>Not Found</html>"}
	f.srv.Inject(notFound)
	_, err := c.TriggerActiveChange(t.Context(), 1002)
	var re *fireflow.RouteError
	if err == nil || errors.As(err, &re) || !strings.Contains(err.Error(), "login") {
		t.Fatalf("trigger after a failed login: %v", err)
	}
	f.srv.Inject(notFound)
	if err := c.CheckTemplate(t.Context(), "no such template"); err == nil || !strings.Contains(err.Error(), "login") {
		t.Fatalf("template check after a failed login: %v", err)
	}
	if err := c.CheckTemplate(t.Context(), "no such template"); !errors.As(err, new(*fireflow.TemplateError)) {
		t.Fatalf("template check once the login works: %v", err)
	}
	for _, path := range []string{fireflowmock.WorkOrderImplementPath(1002), fireflowmock.ActiveChangeCalculatePath(1002)} {
		if n := f.srv.CountCalls(http.MethodPost, path); n != 0 {
			t.Errorf("%s sent %d times", path, n)
		}
	}
}
