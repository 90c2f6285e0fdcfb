package fireflow_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// behaviours are the two readings of FireFlow every traffic and ActiveChange case runs
// under: AlgoSec's per-endpoint pages, and what real appliances showed (fireflow.md
// section 9).
var behaviours = map[string]fireflowmock.Behaviour{"guide": fireflowmock.GuideBehaviour, "real": fireflowmock.RealAppliance}

func items(values ...string) fireflow.Items {
	out := fireflow.Items{}
	for _, v := range values {
		out.Items = append(out.Items, fireflow.Item{Value: v})
	}
	return out
}

// guideTraffic is the traffic request of the guide's example (fireflow.md section 8).
func guideTraffic() *fireflow.TrafficRequest {
	user, app := items("user1"), items("any")
	return &fireflow.TrafficRequest{
		Template: fireflowmock.TrafficTemplate,
		Fields: []fireflow.Field{
			{Key: "subject", Values: []string{"open https"}},
			{Key: "Change Request Description", Values: []string{"web tier"}},
			{Name: "devices", Values: []string{"FW_101", "FW_102"}},
		},
		Traffic: []fireflow.TrafficLine{{
			Source:      items("1.1.1.0/24", "host_object"),
			Destination: fireflow.Items{Items: []fireflow.Item{{Value: "2.2.2.2-2.2.2.150", Fields: []fireflow.Field{{Key: "CFPTI", Values: []string{"d1"}}}}}},
			Service:     items("https", "tcp/8080"),
			User:        &user,
			Application: &app,
			Action:      fireflow.TrafficAllow,
			NAT:         &fireflow.NATDetails{Source: []string{"9.9.9.9"}, Destination: []string{"8.8.8.8"}, Port: []string{"tcp/8080"}, Type: "Static"},
			Fields:      []fireflow.Field{{Key: "Requested Source Group Name", Values: []string{"sourceGroup100"}}},
		}},
	}
}

// The guide's example goes out with the Swagger's item keys and is read back from the
// requested lines under either reading: "traffic" items under "name", or
// "originalTraffic" items under "value" beside a normalised "plannedTraffic".
func TestCreateTrafficRequest_guideExample(t *testing.T) {
	for name, b := range behaviours {
		t.Run(name, func(t *testing.T) {
			f := newFFServerWith(t, fireflowmock.Options{Behaviour: b})
			c := f.client(t)
			created, err := c.CreateTrafficRequest(t.Context(), guideTraffic())
			if err != nil {
				t.Fatal(err)
			}
			snap, ok := f.ff.Ticket(int(created.ID))
			if !ok || len(snap.SubChangeRequests) != 2 {
				t.Fatalf("mock holds %+v", snap)
			}
			var sent, want map[string]any
			if err := json.Unmarshal(snap.Body, &sent); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(fireflowmock.SwaggerTrafficExample), &want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(sent, want) {
				t.Fatalf("sent %s", snap.Body)
			}
			cr, err := c.GetChangeRequest(t.Context(), fireflow.KindTraffic, created.ID)
			if err != nil {
				t.Fatal(err)
			}
			l := cr.Traffic
			if len(cr.SubChangeRequests) != 2 || len(l) != 1 || l[0].Action != "Allow" ||
				strings.Join(l[0].Source.Values(), ",") != "1.1.1.0/24,host_object" || strings.Join(l[0].Service.Values(), ",") != "https,tcp/8080" ||
				strings.Join(l[0].User.Values(), ",") != "user1" || strings.Join(l[0].Application.Values(), ",") != "any" {
				t.Fatalf("read %+v", cr)
			}
			status, known := cr.Status()
			switch name {
			case "guide":
				if status != "open" || !known || cr.PlannedTraffic != nil {
					t.Fatalf("status %q %v, planned %+v", status, known, cr.PlannedTraffic)
				}
			case "real":
				// Right after the create FireFlow has not set a status yet: not known, no error.
				if known || len(cr.PlannedTraffic) != 1 || strings.Join(cr.PlannedTraffic[0].Service.Values(), ",") != "tcp/443,tcp/8080" {
					t.Fatalf("status %q %v, planned %+v", status, known, cr.PlannedTraffic)
				}
			}
			// Workflow-defined statuses are shown as they are.
			for _, s := range []string{"plan", "approve", "Waiting for CAB"} {
				if err := f.ff.SetStatus(int(created.ID), s); err != nil {
					t.Fatal(err)
				}
				if cr, err := c.GetChangeRequest(t.Context(), fireflow.KindTraffic, created.ID); err != nil || statusOf(cr) != s {
					t.Fatalf("status %q: %+v, %v", s, cr, err)
				}
			}
		})
	}
}

func TestAddressKey(t *testing.T) {
	for v, want := range map[string]string{
		"10.0.0.1": "address", "10.0.0.0/8": "address", "10.0.0.1-10.0.0.9": "address", "2001:db8::/32": "address", "2001:db8::1-2001:db8::9": "address",
		"any": "address", "ALL": "address", "host_object": "name", "host-1:fw:My_GW1": "name", "grp-1:grp:My_GW1": "name", "web-servers": "name",
	} {
		if got := fireflow.AddressKey(v); got != want {
			t.Errorf("%q: %s, want %s", v, got, want)
		}
	}
}

// An item is read under whichever key the release used; originalTraffic wins over traffic.
func TestChangeRequest_trafficItemKeys(t *testing.T) {
	var cr fireflow.ChangeRequest
	in := `{"id":7,"traffic":[{"source":{"items":[{"name":"a"},{"address":"10.0.0.1"}]},"service":{"items":[{"service":"tcp/1"}]},"action":"Drop"}],` +
		`"originalTraffic":[{"source":{"items":[{"value":"all"}]},"destination":{"items":[{"value":"10.0.0.3"}]},"service":{"items":[{"value":"ALL"}]},"action":"Allow"}],` +
		`"plannedTraffic":[{"source":{"items":[{"value":"0.0.0.0-255.255.255.255"}]},"service":{"items":[{"value":"tcp/*"},{"value":"udp/*"}]},"action":"Allow"}]}`
	if err := json.Unmarshal([]byte(in), &cr); err != nil {
		t.Fatal(err)
	}
	if len(cr.Traffic) != 1 || cr.Traffic[0].Action != "Allow" || !slices.Equal(cr.Traffic[0].Source.Values(), []string{"all"}) ||
		!slices.Equal(cr.PlannedTraffic[0].Service.Values(), []string{"tcp/*", "udp/*"}) {
		t.Fatalf("read %+v", cr)
	}
	cr = fireflow.ChangeRequest{}
	if err := json.Unmarshal([]byte(`{"id":7,"traffic":[{"source":{"items":[{"name":"a"},{"address":"10.0.0.1"}]},"service":{"items":[{"service":"tcp/1"}]},"action":"Drop"}]}`), &cr); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cr.Traffic[0].Source.Values(), []string{"a", "10.0.0.1"}) || !slices.Equal(cr.Traffic[0].Service.Values(), []string{"tcp/1"}) {
		t.Fatalf("read %+v", cr)
	}
}

func TestCreateTrafficRequest_refusalAndServerError(t *testing.T) {
	f := newFFServer(t)
	c := f.client(t)
	r := guideTraffic()
	r.Traffic[0].Source.Items[0].Value = "2001:db8::/64"
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

// An unknown id is not found whether FireFlow answers it 400 or 500, as long as the code
// says so; a 500 without the code is an error, never "gone".
func TestGetTrafficRequest_notFoundAndServerError(t *testing.T) {
	for name, b := range behaviours {
		t.Run(name, func(t *testing.T) {
			f := newFFServerWith(t, fireflowmock.Options{Behaviour: b})
			c := f.client(t)
			_, err := c.GetChangeRequest(t.Context(), fireflow.KindTraffic, 4242)
			if !transport.IsNotFound(err) {
				t.Fatalf("unknown id: %v", err)
			}
			want := http.StatusBadRequest
			if b.NotFoundStatus != 0 {
				want = b.NotFoundStatus
			}
			_ = refusal(t, err, want, "CHANGE_REQUEST_NOT_FOUND")
			created, err := c.CreateTrafficRequest(t.Context(), guideTraffic())
			if err != nil {
				t.Fatal(err)
			}
			f.srv.Inject(fireflowmock.UnexpectedErrorFault(http.MethodGet, fireflowmock.ChangeRequestPath(fireflowmock.KindTraffic, int(created.ID)), 1))
			_, err = c.GetChangeRequest(t.Context(), fireflow.KindTraffic, created.ID)
			if err == nil || transport.IsNotFound(err) {
				t.Fatalf("500 without the code: %v", err)
			}
			_ = refusal(t, err, 500, "UNEXPECTED_ERROR_OCCURRED")
		})
	}
}

// The custom fields of a request change in place, with the one documented update.
func TestUpdateTrafficFields(t *testing.T) {
	for name, b := range behaviours {
		t.Run(name, func(t *testing.T) {
			f := newFFServerWith(t, fireflowmock.Options{Behaviour: b})
			c := f.client(t)
			created, err := c.CreateTrafficRequest(t.Context(), guideTraffic())
			if err != nil {
				t.Fatal(err)
			}
			if err := c.UpdateTrafficFields(t.Context(), created.ID, []fireflow.Field{{Name: "Business Justification", Values: []string{"release 43"}}}); err != nil {
				t.Fatal(err)
			}
			path := fireflowmock.TrafficFieldsPath(int(created.ID))
			calls := f.srv.Calls()
			i := slices.IndexFunc(calls, func(c mock.Call) bool { return c.Method == http.MethodPut && c.Path == path })
			if i < 0 || calls[i].Body != `[{"key":"Business Justification","values":["release 43"]}]` || f.ff.TicketCount() != 3 {
				t.Fatalf("calls %+v, %d tickets", calls, f.ff.TicketCount())
			}
			snap, _ := f.ff.Ticket(int(created.ID))
			if got := fieldOf(snap.Fields, "Business Justification"); !slices.Equal(got, []string{"release 43"}) {
				t.Fatalf("fields %v", snap.Fields)
			}
			if err := c.UpdateTrafficFields(t.Context(), 4242, []fireflow.Field{{Key: "a", Values: []string{"b"}}}); !transport.IsNotFound(err) {
				t.Fatalf("unknown id: %v", err)
			}
		})
	}
}

func fieldOf(fields []fireflowmock.Field, name string) []string {
	for _, f := range fields {
		if f.Name == name {
			return f.Values
		}
	}
	return nil
}

// The template is checked against FireFlow's list; an unknown or disabled one is refused
// naming what FireFlow offers. The list is asked for once per server while names are in it.
func TestCheckTemplate(t *testing.T) {
	f := newFFServer(t)
	f.ff.AddTemplate(fireflowmock.Template{Name: "190: Verbatim Rule Addition", Kind: fireflowmock.KindTraffic, Disabled: true})
	c := f.client(t)
	for _, name := range []string{fireflowmock.TrafficTemplate, fireflowmock.TrafficTemplateIPv6} {
		if err := c.CheckTemplate(t.Context(), name); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.srv.CountCalls(http.MethodGet, fireflowmock.TemplatesPath); n != 1 {
		t.Fatalf("%d template lists, want 1", n)
	}
	err := c.CheckTemplate(t.Context(), "basic change traffic request")
	var te *fireflow.TemplateError
	if !errors.As(err, &te) || te.Disabled || len(te.Offered) != 4 {
		t.Fatalf("unknown template: %v", err)
	}
	for _, want := range []string{`FireFlow has no template "basic change traffic request"`, `did you mean "Basic Change Traffic Request"?`,
		`- "Basic Change Traffic Request" (Traffic Change)`, `- "170: Traffic Change Request (IPv6)" (Traffic Change)`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
	if err := c.CheckTemplate(t.Context(), "190: Verbatim Rule Addition"); !errors.As(err, &te) || !te.Disabled ||
		!strings.Contains(err.Error(), `FireFlow's template "190: Verbatim Rule Addition" is disabled`) || strings.Contains(err.Error(), `- "190`) {
		t.Fatalf("disabled template: %v", err)
	}
	if f.ff.TicketCount() != 0 {
		t.Fatal("a check created something")
	}

	// A release without the list: nothing to check against, remembered.
	f2 := newFFServer(t)
	f2.srv.Inject(mock.Fault{Method: http.MethodGet, Path: fireflowmock.TemplatesPath, Times: 1, Status: http.StatusNotFound, ContentType: "application/json",
		Body: `{"status":"Failure","messages":[{"code":"NOT_FOUND","message":"No resource"}],"data":null}`})
	c2 := f2.client(t)
	for range 2 {
		if err := c2.CheckTemplate(t.Context(), "anything"); err != nil {
			t.Fatal(err)
		}
	}
	if n := f2.srv.CountCalls(http.MethodGet, fireflowmock.TemplatesPath); n != 1 {
		t.Fatalf("%d template lists, want 1", n)
	}
	// Any other failure is an error: nothing is opened on an unchecked name.
	f2.srv.Inject(fireflowmock.UnexpectedErrorFault(http.MethodGet, fireflowmock.TemplatesPath, 1))
	if err := f2.client(t).CheckTemplate(t.Context(), "anything"); err == nil || !strings.Contains(err.Error(), "UNEXPECTED_ERROR_OCCURRED") {
		t.Fatalf("500: %v", err)
	}
}
