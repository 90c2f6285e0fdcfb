package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

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

// ffTrafficImportIgnore are the inputs a read of a traffic request does not give back.
var ffTrafficImportIgnore = []string{"due", "custom_fields", "devices", "traffic.0.nat", "traffic.0.custom_fields", "traffic.0.destination.0.custom_fields"}

func TestAccFireFlowTrafficChangeRequest_basic(t *testing.T) {
	f := newFFFixture(t)
	config := f.provider() + ffTraffic + `
data "netops_fireflow_change_request" "web" {
  id   = netops_fireflow_traffic_change_request.web.id
  kind = "traffic"
}
`
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			// No API cancels a ticket: destroy leaves both requests (a parent and two children each).
			if n := f.ff.TicketCount(); n != 6 {
				return fmt.Errorf("the mock holds %d tickets after destroy, want 6", n)
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
						return nil
					}),
					resource.TestCheckResourceAttr(ffTrafficAddr, "status", "open"),
					resource.TestCheckResourceAttr(ffTrafficAddr, "sub_change_requests.#", "2"),
					resource.TestMatchResourceAttr(ffTrafficAddr, "redirect_url", regexp.MustCompile(`/FireFlow/Ticket/Display\.html\?id=\d+$`)),
					resource.TestCheckResourceAttr("data.netops_fireflow_change_request.web", "status", "open"),
					resource.TestCheckResourceAttr("data.netops_fireflow_change_request.web", "sub_change_requests.#", "2"),
					resource.TestCheckResourceAttr("data.netops_fireflow_change_request.web", "fields.Change Request Description.0", "web tier"),
					resource.TestCheckResourceAttr("data.netops_fireflow_change_request.web", "fields.Devices.1", "FW_102"),
				),
			},
			{
				// Status drift: FireFlow's workflow moved on; the plan stays empty and the state follows.
				PreConfig: func() {
					for _, cr := range f.ff.Tickets() {
						if cr.Parent == 0 {
							if err := f.ff.SetStatus(cr.ID, fireflowmock.StatusImplement); err != nil {
								t.Fatal(err)
							}
						}
					}
				},
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(ffTrafficAddr, "status", "implement"),
					resource.TestCheckResourceAttr("data.netops_fireflow_change_request.web", "status", "implement"),
				),
			},
			{
				ResourceName:            ffTrafficAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: ffTrafficImportIgnore,
			},
			{
				// A request cannot be edited: a changed line opens a new one.
				Config: strings.Replace(config, `service { value = "tcp/8080" }`, `service { value = "tcp/8443" }`, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(ffTrafficAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(*terraform.State) error {
					if posts := f.posts(fireflowmock.TrafficCreatePath); posts != 2 {
						return fmt.Errorf("%d traffic POSTs, want 2", posts)
					}
					return nil
				},
			},
		},
	})
}

func TestAccFireFlowTrafficChangeRequest_vendorErrors(t *testing.T) {
	t.Parallel()
	f := newFFFixture(t)
	for name, tc := range map[string]struct {
		prepare func()
		config  string
		want    []string
	}{
		"devices not found": {nil, strings.Replace(ffTraffic, `["FW_101", "FW_102"]`, `["FW_9"]`, 1),
			[]string{"FireFlow refused the traffic change request", "DEVICES_NOT_FOUND: Cannot find devices: FW_9", "Nothing was created"}},
		"IPv4 and IPv6 in a line": {nil, strings.Replace(ffTraffic, `"1.1.1.0/24"`, `"2001:db8::/64"`, 1),
			[]string{"MIXED_IP_VERSIONS: Traffic line 1 mixes IPv4 and IPv6 addresses"}},
	} {
		t.Run(name, func(t *testing.T) {
			if tc.prepare != nil {
				tc.prepare()
			}
			serialTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: f.provider() + tc.config, ExpectError: errorLike(tc.want...)}},
			})
		})
	}
	if n := f.ff.TicketCount(); n != 0 {
		t.Fatalf("refused requests left %d tickets", n)
	}
}

// A create answered 500 after FireFlow stored the ticket, and one that times out: each
// is reported as possibly created and sent once; the ticket is then imported and the
// next plan creates nothing.
func TestAccFireFlowTrafficChangeRequest_ambiguousCreateNotRetried(t *testing.T) {
	f := newFFFixture(t)
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
