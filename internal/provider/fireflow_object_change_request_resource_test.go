package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
)

// checkTicket asserts what the mock holds for the ticket in state.
func (f *ffFixture) checkTicket(addr string, want func(fireflowmock.ChangeRequest) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s not in state", addr)
		}
		id, err := strconv.Atoi(rs.Primary.ID)
		if err != nil {
			return err
		}
		cr, ok := f.ff.Ticket(id)
		if !ok {
			return fmt.Errorf("the mock holds no ticket %d", id)
		}
		return want(cr)
	}
}

func TestAccFireFlowObjectChangeRequest_seedExamples(t *testing.T) {
	f := newFFFixture(t)
	config := f.provider() + ffCreateObjects + ffAddToGroup + ffSeveralActions
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			// No API cancels a ticket: destroy leaves all of them in FireFlow.
			if n := f.ff.TicketCount(); n != 7 {
				return fmt.Errorf("the mock holds %d tickets after destroy, want 7", n)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					// Two multi-device requests (a parent and two children each) and one single-device request.
					func(*terraform.State) error {
						if n, posts := f.ff.TicketCount(), f.posts(fireflowmock.ObjectCreatePath); n != 7 || posts != 3 {
							return fmt.Errorf("the mock holds %d tickets from %d POSTs, want 7 from 3", n, posts)
						}
						return nil
					},
					resource.TestCheckResourceAttr("netops_fireflow_object_change_request.create", "status", "open"),
					resource.TestCheckResourceAttr("netops_fireflow_object_change_request.create", "sub_change_requests.#", "2"),
					resource.TestMatchResourceAttr("netops_fireflow_object_change_request.create", "redirect_url", regexp.MustCompile(`/FireFlow/Ticket/Display\.html\?id=\d+$`)),
					resource.TestCheckResourceAttr("netops_fireflow_object_change_request.several", "sub_change_requests.#", "0"),
					f.checkTicket("netops_fireflow_object_change_request.create", func(cr fireflowmock.ChangeRequest) error {
						r := cr.ObjectRequest
						if r == nil || r.Template != ffObjectTemplate || !strings.Contains(string(cr.Body), `"due":"2019-10-10"`) || len(r.CustomFields) != 2 || len(r.RequestedActions) != 2 ||
							r.RequestedActions[1].Values[0] != "tcp/12" || r.RequestedActions[0].IsGroup == nil || *r.RequestedActions[0].IsGroup ||
							strings.Join(r.Devices, ",") != "FW_101,FW_102" || r.ObjectContainerLevel != "Automatic" {
							return fmt.Errorf("the mock received %s", cr.Body)
						}
						// Sent as seeds/002's examples send them.
						for _, want := range []string{`"objectContainerLevel":"Automatic"`, `"isGroup":false`} {
							if !strings.Contains(string(cr.Body), want) {
								return fmt.Errorf("the body lacks %s: %s", want, cr.Body)
							}
						}
						return nil
					}),
					f.checkTicket("netops_fireflow_object_change_request.add", func(cr fireflowmock.ChangeRequest) error {
						if !strings.Contains(string(cr.Body), `"isGroup":true`) || !strings.Contains(string(cr.Body), `"objectContainerLevel":"Automatic"`) {
							return fmt.Errorf("the mock received %s", cr.Body)
						}
						return nil
					}),
					f.checkTicket("netops_fireflow_object_change_request.several", func(cr fireflowmock.ChangeRequest) error {
						acts := cr.ObjectActions
						if len(acts) != 3 || acts[2].Action != "delete" || len(acts[2].Values) != 0 || acts[1].Action != "removeObjectsFromGroup" {
							return fmt.Errorf("the mock received %s", cr.Body)
						}
						return nil
					}),
				),
			},
			// The test framework's plans after each apply prove a re-apply plans nothing.
			{
				// A status moved in FireFlow shows on refresh, without a diff on the inputs.
				PreConfig: func() {
					for _, cr := range f.ff.Tickets() {
						if cr.Parent == 0 {
							if _, err := f.ff.AdvanceStatus(cr.ID); err != nil {
								t.Fatal(err)
							}
						}
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.TestCheckResourceAttr("netops_fireflow_object_change_request.add", "status", "check"),
			},
			{
				ResourceName:      "netops_fireflow_object_change_request.several",
				ImportState:       true,
				ImportStateVerify: true,
				// Not readable back from a ticket (see the resource docs).
				ImportStateVerifyIgnore: []string{"requested_action.0.is_group", "requested_action.1.is_group", "due", "expire", "custom_fields"},
			},
		},
	})
}

func TestFireFlowObjectChangeRequest_vendorErrors(t *testing.T) {
	t.Parallel()
	f := newFFFixture(t)
	rows := map[string]rowError{}
	for name, tc := range map[string]struct {
		config string
		want   []string
	}{
		"object not found": {
			strings.Replace(ffSeveralActions, `"Net_203.69.50.0"`, `"Net_nowhere"`, 1),
			[]string{"FireFlow refused the object change request", "OBJECT_NOT_FOUND: On action: delete the object: Net_nowhere doesnt exist"},
		},
		"devices not found": {
			strings.Replace(ffAddToGroup, `["FW_101", "FW_102"]`, `["FW_9"]`, 1),
			[]string{"DEVICES_NOT_FOUND: Cannot find devices: FW_9"},
		},
		"zone-based device": {
			strings.Replace(ffCreateObjects, `["FW_101", "FW_102"]`, `["10_20_152_1"]`, 1),
			[]string{"CREATE_ZONE_BASED_DEVICE_NOT_SUPPORT_GLOBAL_OBJECTS: Device 10_20_152_1 does not support global objects"},
		},
		"unknown template": {
			strings.Replace(ffAddToGroup, ffObjectTemplate, "999: No Such Template", 1),
			[]string{"FireFlow refused the object change request", "999: No Such Template"},
		},
	} {
		rows[name] = rowError{tc.config, errorLike(tc.want...)}
	}
	expectRowApplyErrors(t, f.provider(), rows)
	if n := f.ff.TicketCount(); n != 0 {
		t.Fatalf("refused requests left %d tickets", n)
	}
}

func TestFireFlowObjectChangeRequest_serverErrorNotRetried(t *testing.T) {
	f := newFFFixture(t)
	f.ff.FailCreates(1, fireflowmock.FailAfterCreate)
	t.Parallel()
	expectApplyError(t, f.provider()+ffAddToGroup, errorLike(`FireFlow may have created the object change request`, `500`, `UNEXPECTED_ERROR_OCCURRED`, `did not send it again`, `terraform import`))
	if posts := f.posts(fireflowmock.ObjectCreatePath); posts != 1 {
		t.Fatalf("the mock saw %d create POSTs, want exactly 1", posts)
	}
}

func TestFireFlowObjectChangeRequest_sessionExpiry(t *testing.T) {
	f := newFFFixture(t)
	t.Parallel()
	// The session expires mid-apply: FireFlow refuses the create with 403 EXPIRED_SESSION_KEY.
	f.srv.Inject(mock.Fault{
		Method: http.MethodPost, Path: fireflowmock.ObjectCreatePath, Times: 1, Status: http.StatusForbidden, ContentType: "application/json",
		Body: `{"status":"Failure","messages":[{"code":"EXPIRED_SESSION_KEY","message":"The session key provided has expired"}],"data":null}`,
	})
	applyAndCheck(t, f.provider()+ffAddToGroup, func(*terraform.State) error {
		if n := f.ff.TicketCount(); n != 3 {
			return fmt.Errorf("the mock holds %d tickets, want 3 (one request: a parent and a child per device)", n)
		}
		return nil
	})
	// Right after the refused create: exactly one login, then the create once more.
	calls := f.srv.Calls()
	for i, c := range calls {
		if !c.Fault {
			continue
		}
		if i+2 >= len(calls) || calls[i+1].Path != fireflowmock.AuthenticatePath || calls[i+2].Path != fireflowmock.ObjectCreatePath || calls[i+2].Status != http.StatusOK {
			t.Fatalf("after the expired session the mock saw %v, want one login then the replayed create", callPaths(calls[i+1:]))
		}
		return
	}
	t.Fatal("the injected expiry was never hit")
}

func callPaths(calls []mock.Call) []string {
	out := make([]string, 0, len(calls))
	for _, c := range calls {
		out = append(out, fmt.Sprintf("%s %s %d", c.Method, c.Path, c.Status))
	}
	return out
}

func TestAccFireFlowObjectChangeRequest_planTimeValidation(t *testing.T) {
	t.Parallel()
	f := newFFFixture(t)
	action := func(body string) string {
		return `
resource "netops_fireflow_object_change_request" "x" {
  template = "135: Object Change Multi Device Request"
  devices  = ["FW_101"]
  requested_action {
` + body + `
  }
}
`
	}
	rows := map[string]rowError{}
	for name, tc := range map[string]struct{ config, want string }{
		"no action": {`resource "netops_fireflow_object_change_request" "x" {
	  template = "t"
	  devices  = ["FW_101"]
	}`, `requested_action`},
		"no devices": {strings.Replace(action(`action = "delete"
	name = "a"
	type = "network"`), `  devices  = ["FW_101"]`, "", 1), `Set devices (AFA device names) or object_containers`},
		"values on delete":    {action("action = \"delete\"\nname = \"a\"\ntype = \"network\"\nvalues = [\"1.1.1.1\"]"), `A delete action takes no values`},
		"no values":           {action("action = \"addObjectsToGroup\"\nname = \"a\"\ntype = \"network\""), `The addObjectsToGroup action needs values`},
		"create sans group":   {action("action = \"create\"\nname = \"a\"\ntype = \"network\"\nvalues = [\"1.1.1.1\"]"), `A create action must say whether the new object is a group`},
		"bad service":         {action("action = \"create\"\nname = \"s\"\ntype = \"service\"\nis_group = false\nvalues = [\"tcp/70000\"]"), `tcp/70000 is not a service definition`},
		"bad action":          {action("action = \"rename\"\nname = \"a\"\ntype = \"network\""), `value must be one of`},
		"bad type":            {action("action = \"delete\"\nname = \"a\"\ntype = \"host\""), `value must be one of`},
		"bad due":             {strings.Replace(ffAddToGroup, `external_id = "123a"`, `due = "2019/10/10"`, 1), `2019/10/10 is not a date`},
		"bad level":           {strings.Replace(ffAddToGroup, `external_id = "123a"`, `object_container_level = "middle"`, 1), `value must be one of`},
		"duplicate devices":   {strings.Replace(ffAddToGroup, `["FW_101", "FW_102"]`, `["FW_101", "FW_101"]`, 1), `duplicate`},
		"rule removal no ids": {strings.Replace(ffRuleRemoval, `rule_ids = ["BC100ABA-446E-493B-9707-604C2A493676", "88784DAF-C0A9-4B06-AE94-E8199A802EAC"]`, `rule_ids = []`, 1), `rule_ids set must contain at least 1`},
		"rule removal action": {strings.Replace(ffRuleRemoval, `action   = "remove"`, `action   = "delete"`, 1), `value must be one of`},
		"rule removal date":   {strings.Replace(ffRuleRemoval, `owner    = "secops@example.com"`, `due = "31.12.2026"`, 1), `31.12.2026 is not a date`},
		"attachment name":     {strings.Replace(ffRuleRemoval, `owner    = "secops@example.com"`, "attachment {\nfilename = \"a/b\"\ncontent_base64 = \"aGk=\"\n}", 1), `is not a Linux file name`},
		"attachment content":  {strings.Replace(ffRuleRemoval, `owner    = "secops@example.com"`, "attachment {\nfilename = \"a.txt\"\ncontent_base64 = \"not base64!\"\n}", 1), `content_base64 is not standard base64`},
	} {
		rows[name] = rowError{tc.config, errorLike(tc.want)}
	}
	expectRowErrors(t, f.provider(), rows)
	if n := len(f.srv.Calls()); n != 0 {
		t.Fatalf("the mock received %d requests; validation must fail before any", n)
	}
}
