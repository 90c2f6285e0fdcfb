package fireflow_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// guideTraffic is the traffic request of the guide's example (fireflow.md section 8).
func guideTraffic() *fireflow.TrafficRequest {
	return &fireflow.TrafficRequest{
		Template: fireflowmock.TrafficTemplate,
		Fields: []fireflow.Field{
			{Key: "subject", Values: []string{"open https"}},
			{Key: "Change Request Description", Values: []string{"web tier"}},
			{Name: "devices", Values: []string{"FW_101", "FW_102"}},
		},
		Traffic: []fireflow.TrafficLine{{
			Source:      fireflow.Items{Items: []fireflow.Item{{Name: "1.1.1.0/24"}, {Name: "host_object"}}},
			Destination: fireflow.Items{Items: []fireflow.Item{{Name: "2.2.2.2-2.2.2.150", Fields: []fireflow.Field{{Key: "CFPTI", Values: []string{"d1"}}}}}},
			Service:     fireflow.Items{Items: []fireflow.Item{{Name: "https"}, {Name: "tcp/8080"}}},
			User:        &fireflow.Items{Items: []fireflow.Item{{Name: "user1"}}},
			Application: &fireflow.Items{Items: []fireflow.Item{{Name: "any"}}},
			Action:      fireflow.TrafficAllow,
			NAT:         &fireflow.NATDetails{Source: []string{"9.9.9.9"}, Destination: []string{"8.8.8.8"}, Port: []string{"tcp/8080"}, Type: "Static"},
			Fields:      []fireflow.Field{{Key: "Requested Source Group Name", Values: []string{"sourceGroup100"}}},
		}},
	}
}

func TestCreateTrafficRequest_guideExample(t *testing.T) {
	f := newFFServer(t)
	c := f.client(t)
	created, err := c.CreateTrafficRequest(t.Context(), guideTraffic())
	if err != nil {
		t.Fatal(err)
	}
	snap, ok := f.ff.Ticket(int(created.ID))
	if !ok || len(snap.SubChangeRequests) != 2 {
		t.Fatalf("mock holds %+v", snap)
	}
	// Sent as the guide's example writes it: items under "name", fields under key or name.
	var sent map[string]any
	if err := json.Unmarshal(snap.Body, &sent); err != nil {
		t.Fatal(err)
	}
	var want map[string]any
	if err := json.Unmarshal([]byte(fireflowmock.GuideTrafficExample), &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(sent, want) {
		t.Fatalf("sent %s", snap.Body)
	}
	cr, err := c.GetChangeRequest(t.Context(), fireflow.KindTraffic, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if cr.Status() != "open" || len(cr.SubChangeRequests) != 2 || len(cr.Traffic) != 1 ||
		strings.Join(cr.Traffic[0].Source.Values(), ",") != "1.1.1.0/24,host_object" || cr.Traffic[0].Action != "Allow" {
		t.Fatalf("read %+v", cr)
	}
}

// A server that reads back address items under "address" is read the same.
func TestGetTrafficRequest_addressItems(t *testing.T) {
	f := newFFServer(t)
	c := f.client(t)
	created, err := c.CreateTrafficRequest(t.Context(), guideTraffic())
	if err != nil {
		t.Fatal(err)
	}
	f.ff.SetTrafficItemKey(fireflowmock.ItemKeyAddress)
	cr, err := c.GetChangeRequest(t.Context(), fireflow.KindTraffic, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(cr.Traffic[0].Destination.Values(), ","); got != "2.2.2.2-2.2.2.150" {
		t.Fatalf("destination %q", got)
	}
	// That server refuses the name form: its own words come back.
	_, err = c.CreateTrafficRequest(t.Context(), guideTraffic())
	if fe := refusal(t, err, 400, "MANDATORY_FIELD_MISSING"); !strings.Contains(fe.Error(), "address of source.items[0]") {
		t.Fatal(fe)
	}
}

func TestCreateTrafficRequest_refusalAndServerError(t *testing.T) {
	f := newFFServer(t)
	c := f.client(t)
	r := guideTraffic()
	r.Traffic[0].Source.Items[0].Name = "2001:db8::/64"
	_, err := c.CreateTrafficRequest(t.Context(), r)
	_ = refusal(t, err, 400, "MIXED_IP_VERSIONS")
	if fireflow.CreateOutcomeOf(err) != fireflow.Refused {
		t.Fatalf("outcome of %v", err)
	}
	f.ff.FailCreates(1, fireflowmock.FailAfterCreate)
	_, err = c.CreateTrafficRequest(t.Context(), guideTraffic())
	if fireflow.CreateOutcomeOf(err) != fireflow.MayHaveCreated {
		t.Fatalf("outcome of %v", err)
	}
	if n := f.srv.CountCalls("POST", fireflowmock.TrafficCreatePath); n != 2 {
		t.Fatalf("%d traffic POSTs, want 2 (one each, none repeated)", n)
	}
}

// activeChangeServer is a FireFlow whose ActiveChange takes d on a mock clock that the
// client's waits advance.
func activeChangeServer(t *testing.T, d time.Duration) (*ffServer, *fireflow.Client) {
	clock := mock.NewFakeClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	f := newFFServerWith(t, fireflowmock.Options{Clock: clock, ActiveChangeDuration: d})
	return f, f.clientWith(t, fireflowmock.Username, fireflowmock.Password, transport.Polling{Min: time.Second, Max: 10 * time.Second, Sleep: clock.Sleep, Now: clock.Now})
}

func TestRunActiveChange(t *testing.T) {
	f, c := activeChangeServer(t, 30*time.Second)
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
		"change request 1002: InProgress: Pushing the planned change to FW_101",
		"change request 1003: Succeed: Device FW_102: 1 rule added",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("progress lacks %q:\n%s", want, text)
		}
	}
	if n := strings.Count(text, "change request 1002: InProgress"); n != 1 {
		t.Errorf("the same answer was told %d times, want once:\n%s", n, text)
	}
	for _, child := range []int{1002, 1003} {
		if n := f.srv.CountCalls("POST", fireflowmock.ActiveChangeCalculatePath(child)); n != 1 {
			t.Errorf("child %d triggered %d times", child, n)
		}
	}
	// A child id runs on that child alone.
	if _, err := c.RunActiveChange(t.Context(), created.ID+1, nil); err != nil {
		t.Fatal(err)
	}
	if n := f.srv.CountCalls("POST", fireflowmock.ActiveChangeCalculatePath(1003)); n != 1 {
		t.Errorf("child 1003 triggered %d times", n)
	}
}

func TestRunActiveChange_failure(t *testing.T) {
	f, c := activeChangeServer(t, 5*time.Second)
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
	if n := f.srv.CountCalls("POST", fireflowmock.ActiveChangeCalculatePath(1003)); n != 0 {
		t.Errorf("the second child was triggered %d times after the first failed", n)
	}
	// Unknown request: FireFlow's not-found.
	if _, err := c.RunActiveChange(t.Context(), 4242, nil); !transport.IsNotFound(err) {
		t.Fatalf("unknown id: %v", err)
	}
}

func TestRunActiveChange_deadline(t *testing.T) {
	f, c := activeChangeServer(t, time.Hour)
	created, err := c.CreateTrafficRequest(t.Context(), guideTraffic())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	_, err = c.RunActiveChange(ctx, created.ID, nil)
	var wt *transport.WaitTimeoutError
	if !errors.As(err, &wt) || !strings.Contains(err.Error(), "last seen: InProgress") {
		t.Fatalf("err = %v", err)
	}
	if n := f.srv.CountCalls("POST", fireflowmock.ActiveChangeCalculatePath(1002)); n != 1 {
		t.Errorf("triggered %d times", n)
	}
}
