package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
)

// ffTraffic is the traffic request of the guide's example (fireflow.md section 8) in HCL.
const ffTraffic = `
resource "netops_fireflow_traffic_change_request" "web" {
  template      = "Basic Change Traffic Request"
  subject       = "open https to the web tier"
  description   = "web tier"
  owner         = "netops@example.com"
  external_id   = "CHG-1042"
  due           = "2026-12-31"
  devices       = ["FW_101", "FW_102"]
  custom_fields = { "Business Justification" = ["release 42"] }

  traffic {
    action = "Allow"
    source { value = "1.1.1.0/24" }
    source { value = "host_object" }
    destination {
      value         = "2.2.2.2-2.2.2.150"
      custom_fields = { CFPTI = ["d1"] }
    }
    service { value = "https" }
    service { value = "tcp/8080" }
    user { value = "user1" }
    application { value = "any" }
    nat {
      source      = ["9.9.9.9"]
      destination = ["8.8.8.8"]
      port        = ["tcp/8080"]
      type        = "Static"
    }
    custom_fields = { "Requested Source Group Name" = ["sourceGroup100"] }
  }
}
`

const ffTrafficAddr = "netops_fireflow_traffic_change_request.web"

// ffTrafficImportIgnore are the inputs a read of a traffic request does not give back; a
// real appliance's read also leaves out the template, subject, description and CMS id.
var ffTrafficImportIgnore = map[string][]string{
	"guide": {"due", "custom_fields", "devices", "traffic.0.nat", "traffic.0.custom_fields", "traffic.0.destination.0.custom_fields"},
	"real": {"due", "custom_fields", "devices", "traffic.0.nat", "traffic.0.custom_fields", "traffic.0.destination.0.custom_fields",
		"template", "subject", "description", "external_id"},
}

// The whole life of a traffic request under either reading of FireFlow: created once with
// the Swagger's item keys, read back from the requested lines (a real appliance's read
// also carries FireFlow's normalised plannedTraffic, never compared), its status shown as
// the workflow names it (none right after a create on a real appliance), imported, its
// custom fields updated in place, replaced on any other change, and forgotten when
// FireFlow no longer finds it (400 or 500 with CHANGE_REQUEST_NOT_FOUND).
func TestAccFireFlowTrafficChangeRequest_basic(t *testing.T) {
	for name, b := range ffBehaviours {
		t.Run(name, func(t *testing.T) {
			testFireFlowTrafficBasic(t, name, b)
		})
	}
}

func testFireFlowTrafficBasic(t *testing.T, name string, b fireflowmock.Behaviour) {
	f := newFFFixtureWith(t, b)
	const dataSource = `
data "netops_fireflow_change_request" "web" {
  id   = netops_fireflow_traffic_change_request.web.id
  kind = "traffic"
}
`
	config := f.provider() + ffTraffic + dataSource
	const ds = "data.netops_fireflow_change_request.web"
	// What a read shows of the new request: its status and fields as this FireFlow reads them.
	shown := resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckResourceAttr(ffTrafficAddr, "status", "open"),
		resource.TestCheckResourceAttr(ds, "status", "open"),
		resource.TestCheckResourceAttr(ds, "fields.Change Request Description.0", "web tier"),
		resource.TestCheckResourceAttr(ds, "fields.Devices.1", "FW_102"),
	)
	// The workflow-defined status the second step moves the request to.
	next := fireflowmock.StatusImplement
	if name == "real" {
		shown = resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckNoResourceAttr(ffTrafficAddr, "status"),
			resource.TestCheckNoResourceAttr(ds, "status"),
			resource.TestCheckResourceAttr(ds, "fields.Owner.0", "netops@example.com"),
			resource.TestCheckNoResourceAttr(ds, "fields.Devices.0"),
		)
		next = "approve"
	}
	var parent int
	current := func(cr fireflowmock.ChangeRequest) error { parent = cr.ID; return nil }
	customFields := `custom_fields = { "Business Justification" = ["release 42"] }`
	updated := strings.Replace(config, customFields, `custom_fields = { "Business Justification" = ["release 43"], "Ticket Reference" = ["CAB-7"] }`, 1)
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			// No API cancels a ticket: destroy leaves both requests (a parent and two children
			// each), but for the parent removed "by hand" in the last step.
			if n := f.ff.TicketCount(); n != 5 {
				return fmt.Errorf("the mock holds %d tickets after destroy, want 5", n)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					f.checkTicket(ffTrafficAddr, func(cr fireflowmock.ChangeRequest) error {
						body := string(cr.Body)
						for _, want := range []string{
							`"template":"Basic Change Traffic Request"`,
							`{"key":"Change Request Description","values":["web tier"]}`,
							`{"key":"CMS ticket id","values":["CHG-1042"]}`,
							`{"name":"devices","values":["FW_101","FW_102"]}`,
							`{"key":"Business Justification","values":["release 42"]}`,
							`"source":{"items":[{"address":"1.1.1.0/24"},{"name":"host_object"}]}`,
							`"destination":{"items":[{"address":"2.2.2.2-2.2.2.150","fields":[{"key":"CFPTI","values":["d1"]}]}]}`,
							`"service":{"items":[{"service":"https"},{"service":"tcp/8080"}]}`,
							`"user":{"items":[{"name":"user1"}]}`,
							`"application":{"items":[{"name":"any"}]}`,
							`"action":"Allow"`,
							`"natDetails":{"source":["9.9.9.9"],"destination":["8.8.8.8"],"port":["tcp/8080"],"type":"Static"}`,
							`"fields":[{"key":"Requested Source Group Name","values":["sourceGroup100"]}]`,
						} {
							if !strings.Contains(body, want) {
								return fmt.Errorf("the mock received %s\nwithout %s", body, want)
							}
						}
						if len(cr.SubChangeRequests) != 2 {
							return fmt.Errorf("children %v", cr.SubChangeRequests)
						}
						if n := f.srv.CountCalls(http.MethodGet, fireflowmock.TemplatesPath); n != 1 {
							return fmt.Errorf("%d template lists before the create, want 1", n)
						}
						return nil
					}),
					shown,
					resource.TestCheckResourceAttr(ffTrafficAddr, "sub_change_requests.#", "2"),
					resource.TestMatchResourceAttr(ffTrafficAddr, "redirect_url", regexp.MustCompile(`/FireFlow/Ticket/Display\.html\?id=\d+$`)),
					resource.TestCheckResourceAttr(ds, "sub_change_requests.#", "2"),
				),
			},
			{
				// Status drift: FireFlow's workflow moved on (to a status of its own naming); the
				// plan stays empty and the state follows.
				PreConfig: func() {
					for _, cr := range f.ff.Tickets() {
						if cr.Parent == 0 {
							if err := f.ff.SetStatus(cr.ID, next); err != nil {
								t.Fatal(err)
							}
						}
					}
				},
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(ffTrafficAddr, "status", next),
					resource.TestCheckResourceAttr(ds, "status", next),
				),
			},
			{
				ResourceName:            ffTrafficAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: ffTrafficImportIgnore[name],
			},
			{
				// Custom fields change in place with FireFlow's one documented edit.
				Config: updated,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(ffTrafficAddr, plancheck.ResourceActionUpdate)},
				},
				Check: f.checkTicket(ffTrafficAddr, func(cr fireflowmock.ChangeRequest) error {
					puts := f.srv.CountCalls(http.MethodPut, fireflowmock.TrafficFieldsPath(cr.ID))
					if posts := f.posts(fireflowmock.TrafficCreatePath); posts != 1 || puts != 1 {
						return fmt.Errorf("%d traffic POSTs and %d field PUTs, want 1 each", posts, puts)
					}
					for field, want := range map[string]string{"Business Justification": "release 43", "Ticket Reference": "CAB-7"} {
						if got := fieldValues(cr.Fields, field); len(got) != 1 || got[0] != want {
							return fmt.Errorf("field %s: %v, want %s", field, got, want)
						}
					}
					return nil
				}),
			},
			{
				// Any other change opens a new request: a changed line.
				Config: strings.Replace(updated, `service { value = "tcp/8080" }`, `service { value = "tcp/8443" }`, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(ffTrafficAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						if posts := f.posts(fireflowmock.TrafficCreatePath); posts != 2 {
							return fmt.Errorf("%d traffic POSTs, want 2", posts)
						}
						return nil
					},
					f.checkTicket(ffTrafficAddr, current),
				),
			},
			{
				// FireFlow no longer finds the request (removed "by hand"): the refresh forgets
				// it and the plan opens a new one (the data source, which would fail to read
				// it, is left out).
				PreConfig:          func() { f.ff.DeleteTicket(parent) },
				Config:             strings.Replace(strings.Replace(updated, `service { value = "tcp/8080" }`, `service { value = "tcp/8443" }`, 1), dataSource, "", 1),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(ffTrafficAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func fieldValues(fields []fireflowmock.Field, name string) []string {
	for _, f := range fields {
		if f.Name == name {
			return f.Values
		}
	}
	return nil
}

func TestAccFireFlowTrafficChangeRequest_vendorErrors(t *testing.T) {
	t.Parallel()
	f := newFFFixture(t)
	wantPosts := 0
	rows := map[string]rowError{}
	for name, tc := range map[string]struct {
		config string
		posts  int // traffic POSTs the row sends
		want   []string
	}{
		"devices not found": {strings.Replace(ffTraffic, `["FW_101", "FW_102"]`, `["FW_9"]`, 1), 1,
			[]string{"FireFlow refused the traffic change request", "DEVICES_NOT_FOUND: Cannot find devices: FW_9", "Nothing was created"}},
		"IPv4 and IPv6 in a line": {strings.Replace(ffTraffic, `"1.1.1.0/24"`, `"2001:db8::/64"`, 1), 1,
			[]string{"MIXED_IP_VERSIONS: Traffic line 1 mixes IPv4 and IPv6 addresses"}},
		// Checked against FireFlow's list before anything is sent to open the request.
		"unknown template": {strings.Replace(ffTraffic, `"Basic Change Traffic Request"`, `"Basic Change Request for Web"`, 1), 0,
			[]string{"FireFlow has no such template", `FireFlow has no template "Basic Change Request for Web"; the templates it offers:`,
				`- "170: Traffic Change Request (IPv6)" (Traffic Change)`, `- "Basic Change Traffic Request" (Traffic Change)`, "Nothing was created"}},
	} {
		rows[name] = rowError{tc.config, errorLike(tc.want...)}
		wantPosts += tc.posts
	}
	expectRowApplyErrors(t, f.provider(), rows)
	if n, posts := f.ff.TicketCount(), f.posts(fireflowmock.TrafficCreatePath); n != 0 || posts != wantPosts {
		t.Fatalf("refused requests left %d tickets after %d POSTs; want none after %d (none for the unknown template)", n, posts, wantPosts)
	}
}

// A create answered 500 after FireFlow stored the ticket, and one that times out: each
// is reported as possibly created and sent once; the ticket is then imported and the
// next plan creates nothing.
func TestAccFireFlowTrafficChangeRequest_ambiguousCreateNotRetried(t *testing.T) {
	for name, b := range ffBehaviours {
		t.Run(name, func(t *testing.T) { testFireFlowTrafficAmbiguousCreate(t, b) })
	}
}

func testFireFlowTrafficAmbiguousCreate(t *testing.T, b fireflowmock.Behaviour) {
	f := newFFFixtureWith(t, b)
	config := f.provider() + ffTraffic
	timeoutConfig := strings.Replace(config, "provider \"netops\" {\n", "provider \"netops\" {\n  request_timeout = \"1s\"\n", 1)
	parent := func(*terraform.State) (string, error) {
		for _, cr := range f.ff.Tickets() {
			if cr.Parent == 0 {
				return fmt.Sprint(cr.ID), nil
			}
		}
		return "", fmt.Errorf("no ticket")
	}
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { f.ff.FailCreates(1, fireflowmock.FailAfterCreate) },
				Config:      config,
				ExpectError: errorLike(`FireFlow may have created the traffic change request`, `500`, `UNEXPECTED_ERROR_OCCURRED`, `did not send it again`, `terraform import`),
			},
			{
				// The answer never comes within the request timeout (FireFlow would still create it).
				PreConfig: func() {
					f.srv.Inject(mock.Fault{Method: http.MethodPost, Path: fireflowmock.TrafficCreatePath, Times: 1, Delay: 4 * time.Second})
				},
				Config:      timeoutConfig,
				ExpectError: errorLike(`FireFlow may have created the traffic change request`, `did not send it again`),
			},
			{
				ResourceName:       ffTrafficAddr,
				Config:             config,
				ImportState:        true,
				ImportStateIdFunc:  parent,
				ImportStatePersist: true,
			},
			{
				// The inputs a read cannot give back are adopted in place; nothing is created.
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(ffTrafficAddr, plancheck.ResourceActionUpdate)},
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
	if posts := f.posts(fireflowmock.TrafficCreatePath); posts != 2 {
		t.Fatalf("the mock saw %d traffic POSTs, want 2: an ambiguous create is never repeated", posts)
	}
}

func TestAccFireFlowTrafficChangeRequest_planTimeValidation(t *testing.T) {
	t.Parallel()
	f := newFFFixture(t)
	rows := map[string]rowError{}
	for name, tc := range map[string]struct{ config, want string }{
		"no traffic": {`resource "netops_fireflow_traffic_change_request" "x" {
  template = "Basic Change Traffic Request"
}`, `traffic`},
		"bad action":       {strings.Replace(ffTraffic, `action = "Allow"`, `action = "Permit"`, 1), `value must be one of`},
		"bad address":      {strings.Replace(ffTraffic, `"1.1.1.0/24"`, `"10.1.1.300"`, 1), `"10.1.1.300" is not an IPv4 or IPv6 address, a CIDR`},
		"reversed range":   {strings.Replace(ffTraffic, `"2.2.2.2-2.2.2.150"`, `"2.2.2.150-2.2.2.2"`, 1), `"2.2.2.150-2.2.2.2" is not an IPv4`},
		"mixed range":      {strings.Replace(ffTraffic, `"2.2.2.2-2.2.2.150"`, `"2.2.2.2-2001:db8::1"`, 1), `is not an IPv4`},
		"zoned address":    {strings.Replace(ffTraffic, `"1.1.1.0/24"`, `"fe80::1%eth0"`, 1), `"fe80::1%eth0" is not an IPv4 or IPv6 address`},
		"bad service":      {strings.Replace(ffTraffic, `"tcp/8080" }`, `"tcp/70000" }`, 1), `"tcp/70000" is not a service name such as https, or protocol/port`},
		"bad NAT port":     {strings.Replace(ffTraffic, `port        = ["tcp/8080"]`, `port        = ["8080/tcp"]`, 1), `"8080/tcp" is not a service name`},
		"no source":        {strings.Replace(strings.Replace(ffTraffic, `source { value = "1.1.1.0/24" }`, "", 1), `source { value = "host_object" }`, "", 1), `source`},
		"two NAT blocks":   {strings.Replace(ffTraffic, `    nat {`, "    nat {\n      type = \"Static\"\n    }\n    nat {", 1), `nat`},
		"bad due":          {strings.Replace(ffTraffic, `"2026-12-31"`, `"31.12.2026"`, 1), `31.12.2026 is not a date`},
		"duplicate device": {strings.Replace(ffTraffic, `["FW_101", "FW_102"]`, `["FW_101", "FW_101"]`, 1), `duplicate`},
		"padded user":      {strings.Replace(ffTraffic, `"user1"`, `" user1"`, 1), `is not a name without leading or trailing spaces`},
	} {
		rows[name] = rowError{tc.config, errorLike(tc.want)}
	}
	expectRowErrors(t, f.provider(), rows)
	if n := len(f.srv.Calls()); n != 0 {
		t.Fatalf("the mock received %d requests; validation must fail before any", n)
	}
}

func TestFireFlowTrafficValues(t *testing.T) {
	for s, want := range map[string]bool{
		"10.0.0.1": true, "10.0.0.0/8": true, "10.0.0.1-10.0.0.9": true, "2001:db8::/32": true, "2001:db8::1-2001:db8::9": true,
		"host_object": true, "host-1:fw:My_GW1": true, "grp-1:grp:My_GW1": true, "any": true,
		"10.0.0.300": false, "10.0.0.9-10.0.0.1": false, "10.0.0.1/33": false, "": false, " web": false, "dead:beef": false,
	} {
		if got := validTrafficAddress(s); got != want {
			t.Errorf("address %q: %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{"https": true, "tcp/8080": true, "udp/53": true, "tcp/1024-2048": true, "icmp/any": true, "tcp/70000": false, "8080/tcp": false, "": false} {
		if got := validTrafficService(s); got != want {
			t.Errorf("service %q: %v, want %v", s, got, want)
		}
	}
}

// Custom fields change in place unless one is removed (FireFlow documents no way to clear
// one) or the planned fields are not known; the update sends only what changed.
func TestFireFlowTrafficCustomFieldsPlan(t *testing.T) {
	ctx := t.Context()
	elem := types.ListType{ElemType: types.StringType}
	fields := func(kv ...string) types.Map {
		m := map[string][]string{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = append(m[kv[i]], kv[i+1])
		}
		v, diags := types.MapValueFrom(ctx, elem, m)
		if diags.HasError() {
			t.Fatal(diags)
		}
		return v
	}
	live := tfsdk.State{Raw: tftypes.NewValue(tftypes.String, "prior")}
	planned := tfsdk.Plan{Raw: tftypes.NewValue(tftypes.String, "planned")}
	for name, tc := range map[string]struct {
		prior, plan types.Map
		replace     bool
		sent        string
	}{
		"value changed":  {fields("a", "1", "b", "2"), fields("a", "1", "b", "3"), false, "[{ b [3]}]"},
		"field added":    {fields("a", "1"), fields("a", "1", "c", "4"), false, "[{ c [4]}]"},
		"first fields":   {types.MapNull(elem), fields("a", "1"), false, "[{ a [1]}]"},
		"field removed":  {fields("a", "1", "b", "2"), fields("a", "1"), true, ""},
		"all removed":    {fields("a", "1"), types.MapNull(elem), true, ""},
		"not known yet":  {fields("a", "1"), types.MapUnknown(elem), true, ""},
		"second value":   {fields("a", "1"), fields("a", "1", "a", "2"), false, "[{ a [1 2]}]"},
		"no change here": {fields("a", "1"), fields("a", "1"), false, ""},
	} {
		t.Run(name, func(t *testing.T) {
			var resp planmodifier.MapResponse
			replaceIfCustomFieldRemoved().PlanModifyMap(ctx, planmodifier.MapRequest{State: live, Plan: planned, StateValue: tc.prior, PlanValue: tc.plan}, &resp)
			if resp.RequiresReplace != tc.replace {
				t.Fatalf("requires replace %v, want %v", resp.RequiresReplace, tc.replace)
			}
			if tc.replace {
				return
			}
			sent, diags := changedCustomFields(ctx, tc.prior, tc.plan, false)
			got := fmt.Sprint(sent)
			if len(sent) == 0 {
				got = ""
			}
			if diags.HasError() || got != tc.sent {
				t.Fatalf("sent %s, want %s (%v)", got, tc.sent, diags)
			}
		})
	}
	// Right after an import, the configured fields are adopted: nothing is sent.
	if sent, _ := changedCustomFields(ctx, types.MapNull(elem), fields("a", "1"), true); len(sent) != 0 {
		t.Fatalf("adoption sent %v", sent)
	}
}

// After an import, a line FireFlow reads with the default user or application "any"
// matches a configured line without them; any other difference still replaces.
func TestFireFlowTrafficDefaultItems(t *testing.T) {
	ctx := t.Context()
	lineType := trafficLineBlock().Type().(types.ObjectType)
	item := func(v string) trafficItemModel {
		return trafficItemModel{Value: types.StringValue(v), CustomFields: types.MapNull(types.ListType{ElemType: types.StringType})}
	}
	line := func(user, app []trafficItemModel) attr.Value {
		v, diags := types.ObjectValueFrom(ctx, lineType.AttrTypes, trafficLineModel{
			Action: types.StringValue("Allow"), Source: []trafficItemModel{item("10.0.0.1")}, Destination: []trafficItemModel{item("10.0.0.2")},
			Service: []trafficItemModel{item("https")}, User: user, Application: app, CustomFields: types.MapNull(types.ListType{ElemType: types.StringType}),
		})
		if diags.HasError() {
			t.Fatal(diags)
		}
		return v
	}
	anyItem := []trafficItemModel{item("any")}
	for name, tc := range map[string]struct {
		prior, planned attr.Value
		same           bool
	}{
		"default read, none configured":  {line(anyItem, anyItem), line(nil, nil), true},
		"default read, any configured":   {line(anyItem, anyItem), line(anyItem, anyItem), true},
		"default user, other configured": {line(anyItem, nil), line([]trafficItemModel{item("alice")}, nil), false},
		"configured user read back":      {line([]trafficItemModel{item("alice")}, anyItem), line(nil, nil), false},
	} {
		if got := sameAdoptingObjects([]attr.Value{tc.planned}, withoutDefaultItems([]attr.Value{tc.prior}, []attr.Value{tc.planned})); got != tc.same {
			t.Errorf("%s: same %v, want %v", name, got, tc.same)
		}
	}
}
