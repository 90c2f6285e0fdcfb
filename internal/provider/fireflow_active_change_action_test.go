package provider

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
)

func (f *ffFixture) protocolProvider(t *testing.T) *protocolProvider {
	return newProtocolProvider(t, map[string]any{
		"fireflow": map[string]any{
			"host": f.srv.Host(), "username": fireflowmock.Username, "password": fireflowmock.Password,
			"ca_cert_pem": string(testAuthority(t).CertPEM()),
		},
	})
}

// client is a FireFlow client of its own, to open requests "by hand".
func (f *ffFixture) client(t *testing.T) *fireflow.Client {
	t.Helper()
	c, err := fireflow.New(fireflow.Config{BaseURL: f.srv.URL(), Username: fireflowmock.Username, Password: fireflowmock.Password, CACertPEM: string(testAuthority(t).CertPEM())})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// openTraffic opens a traffic request on FW_101 and FW_102 and returns the parent's id
// and its children.
func (f *ffFixture) openTraffic(t *testing.T) (int, []int) {
	t.Helper()
	created, err := f.client(t).CreateTrafficRequest(t.Context(), &fireflow.TrafficRequest{
		Template: fireflowmock.TrafficTemplate,
		Fields:   []fireflow.Field{{Key: "subject", Values: []string{"opened by hand"}}, {Name: "devices", Values: []string{"FW_101", "FW_102"}}},
		Traffic: []fireflow.TrafficLine{{
			Action: fireflow.TrafficAllow,
			Source: fireflow.Items{Items: []fireflow.Item{{Value: "10.1.0.0/24"}}}, Destination: fireflow.Items{Items: []fireflow.Item{{Value: "10.2.0.10"}}},
			Service: fireflow.Items{Items: []fireflow.Item{{Value: "https"}}},
		}},
	})
	if err != nil {
		t.Fatalf("opening a traffic request: %v", err)
	}
	cr, _ := f.ff.Ticket(int(created.ID))
	return cr.ID, cr.SubChangeRequests
}

func (f *ffFixture) activeChangeTriggers(ids ...int) []int {
	out := make([]int, 0, len(ids))
	for _, id := range ids {
		n := 0
		if cr, ok := f.ff.Ticket(id); ok && cr.ActiveChange != nil {
			n = cr.ActiveChange.Triggers
		}
		out = append(out, n)
	}
	return out
}

func TestFireFlowActiveChangeAction_invoke(t *testing.T) {
	t.Parallel()
	for name, b := range ffBehaviours {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newFFFixtureWith(t, b)
			parent, children := f.openTraffic(t)
			f.ff.SetActiveChange(fireflowmock.ActiveChangeSucceeds, 300*time.Millisecond)
			res := f.protocolProvider(t).invoke("netops_fireflow_active_change", map[string]any{"change_request_id": strconv.Itoa(parent)})
			if hasErrors(res.diagnostics) {
				t.Fatalf("invoke: %s", diagnosticsText(res.diagnostics))
			}
			if got := f.activeChangeTriggers(children...); fmt.Sprint(got) != "[1 1]" {
				t.Fatalf("ActiveChange triggered %v times on the children, want once each", got)
			}
			text := strings.Join(res.progress, "\n")
			for _, want := range []string{
				fmt.Sprintf("change request %d: ActiveChange runs on %d, %d", parent, children[0], children[1]),
				fmt.Sprintf("change request %d: Trigger ActiveChange for change request %d has finished successfully", children[0], children[0]),
				fmt.Sprintf("change request %d: in Progress: Pushing the planned change to FW_101", children[0]),
				fmt.Sprintf("change request %d: Succeed: Device FW_101: 1 rule added", children[0]),
				fmt.Sprintf("change request %d: Succeed: Device FW_102: 1 rule added", children[1]),
			} {
				if !strings.Contains(text, want) {
					t.Errorf("progress lacks %q:\n%s", want, text)
				}
			}
			// One child id: that child alone.
			res = f.protocolProvider(t).invoke("netops_fireflow_active_change", map[string]any{"change_request_id": strconv.Itoa(children[1])})
			if hasErrors(res.diagnostics) || fmt.Sprint(f.activeChangeTriggers(children...)) != "[1 2]" {
				t.Fatalf("invoke on a child: %s, triggers %v", diagnosticsText(res.diagnostics), f.activeChangeTriggers(children...))
			}
		})
	}
}

func TestFireFlowActiveChangeAction_failure(t *testing.T) {
	t.Parallel()
	for name, b := range ffBehaviours {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newFFFixtureWith(t, b)
			parent, children := f.openTraffic(t)
			f.ff.SetActiveChange(fireflowmock.ActiveChangeFails, 0)
			res := f.protocolProvider(t).invoke("netops_fireflow_active_change", map[string]any{"change_request_id": strconv.Itoa(parent)})
			text := diagnosticsText(res.diagnostics)
			for _, want := range []string{
				"FireFlow ActiveChange did not succeed",
				fmt.Sprintf(`ActiveChange on change request %d ended "Failed"; FireFlow's result: Device FW_101: policy installation failed`, children[0]),
				fmt.Sprintf("Not started: %d", children[1]),
				fmt.Sprintf("invoke the action on change request %d and on each child not started", children[0]),
			} {
				if !strings.Contains(text, want) {
					t.Errorf("diagnostics lack %q:\n%s", want, text)
				}
			}
			if got := f.activeChangeTriggers(children...); fmt.Sprint(got) != "[1 0]" {
				t.Fatalf("triggers %v, want the first child only", got)
			}
			// A user without ActiveChange rights is told so; nothing runs.
			f.ff.SetActiveChangePermission(false)
			res = f.protocolProvider(t).invoke("netops_fireflow_active_change", map[string]any{"change_request_id": strconv.Itoa(children[1])})
			text = diagnosticsText(res.diagnostics)
			for _, want := range []string{"FireFlow user lacks ActiveChange rights", "NO_PERMISSIONS", "Grant that user the right to run ActiveChange",
				fmt.Sprintf("nothing was run on change request %d", children[1])} {
				if !strings.Contains(text, want) {
					t.Errorf("diagnostics lack %q:\n%s", want, text)
				}
			}
			if got := f.activeChangeTriggers(children...); fmt.Sprint(got) != "[1 0]" {
				t.Fatalf("triggers %v after a refusal", got)
			}
		})
	}
}

func TestFireFlowActiveChangeAction_notFoundAndValidation(t *testing.T) {
	t.Parallel()
	for name, b := range ffBehaviours {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newFFFixtureWith(t, b)
			p := f.protocolProvider(t)
			res := p.invoke("netops_fireflow_active_change", map[string]any{"change_request_id": "not-a-number"})
			if !strings.Contains(diagnosticsText(res.diagnostics), "must be a change request id") || len(f.srv.Calls()) != 0 {
				t.Fatalf("diagnostics %s; %d requests", diagnosticsText(res.diagnostics), len(f.srv.Calls()))
			}
			// Not found, whether FireFlow answers it 400 or 500.
			res = p.invoke("netops_fireflow_active_change", map[string]any{"change_request_id": "4242"})
			if text := diagnosticsText(res.diagnostics); !strings.Contains(text, "FireFlow traffic change request not found") || !strings.Contains(text, "CHANGE_REQUEST_NOT_FOUND") {
				t.Fatalf("diagnostics %s", text)
			}
			for _, path := range []string{fireflowmock.ActiveChangeCalculatePath(4242), fireflowmock.WorkOrderImplementPath(4242)} {
				if n := f.srv.CountCalls("POST", path); n != 0 {
					t.Fatalf("%d triggers on an unknown request", n)
				}
			}
		})
	}
}

// ffTrafficImplemented opens the guide's traffic request and implements it with
// ActiveChange once it is created.
func ffTrafficImplemented() string {
	return `
action "netops_fireflow_active_change" "web" {
  config {
    change_request_id = netops_fireflow_traffic_change_request.web.id
  }
}
` + strings.Replace(ffTraffic, "  traffic {\n", `  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.netops_fireflow_active_change.web]
    }
  }

  traffic {
`, 1)
}

// TestAccFireFlowActiveChangeAction runs the action through Terraform 1.14 from the
// request's after_create trigger, under either reading of FireFlow: every child
// implemented once on the route spelling the server serves; a failed ActiveChange (a
// Failed status, or a trigger answered 200 with "finished with status failure") fails
// the apply with FireFlow's words, and the request stays in FireFlow.
func TestAccFireFlowActiveChangeAction(t *testing.T) {
	for name, tc := range map[string]struct {
		behaviour string
		outcome   fireflowmock.ActiveChangeOutcome
		want      []string
	}{
		"guide succeeds":     {"guide", fireflowmock.ActiveChangeSucceeds, nil},
		"guide fails":        {"guide", fireflowmock.ActiveChangeFails, []string{"FireFlow ActiveChange did not succeed", "Device FW_101: policy installation failed"}},
		"real succeeds":      {"real", fireflowmock.ActiveChangeSucceeds, nil},
		"real trigger fails": {"real", fireflowmock.ActiveChangeTriggerFails, []string{"FireFlow ActiveChange did not succeed", `failed at its trigger: FireFlow answered "ActiveChange operation has finished with status failure."`}},
	} {
		t.Run(name, func(t *testing.T) {
			b := ffBehaviours[tc.behaviour]
			f := newFFFixtureWith(t, b)
			f.ff.SetActiveChange(tc.outcome, 0)
			step := resource.TestStep{
				Config: f.provider() + ffTrafficImplemented(),
				Check: f.checkTicket(ffTrafficAddr, func(cr fireflowmock.ChangeRequest) error {
					for _, child := range cr.SubChangeRequests {
						c, _ := f.ff.Ticket(child)
						if c.ActiveChange == nil || c.ActiveChange.Triggers != 1 || c.ActiveChange.Status != fireflowmock.ActiveChangeSucceed {
							return fmt.Errorf("child %d: ActiveChange %+v, want one successful run", child, c.ActiveChange)
						}
						if b.ActiveChangeRoutes == fireflowmock.RoutesWorkOrder && f.srv.CountCalls("GET", fireflowmock.WorkOrderResultPath(child)) == 0 {
							return fmt.Errorf("child %d: no status read on the work-order route", child)
						}
					}
					return nil
				}),
			}
			if tc.want != nil {
				step.Check = nil
				step.ExpectError = errorLike(tc.want...)
			}
			cliTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				TerraformVersionChecks:   needs(featureActions),
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps:                    []resource.TestStep{step},
				CheckDestroy: func(*terraform.State) error {
					if n := f.ff.TicketCount(); n != 3 {
						return fmt.Errorf("%d tickets, want the 3 of the one request", n)
					}
					return nil
				},
			})
		})
	}
}
