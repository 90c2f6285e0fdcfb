package provider

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// A create answered 500 after FireFlow stored the ticket, and one whose connection drops
// after FireFlow processed it: each is reported as possibly applied and sent once; the
// other resource of the apply is created; after importing the tickets, nothing new is
// created.
func TestAccReliability_ambiguousCreates(t *testing.T) {
	ff := newFFFixture(t)
	sbc := newSBCFixture(t, sbcmock.Options{})
	config := providerWith(ff.block(), sbc.block(sbcBlock{})) + ffAddToGroup + ffRuleRemoval + sbcSwitchoverConfig("sbc-a", "same apply")
	const (
		object      = "netops_fireflow_object_change_request.add"
		ruleRemoval = "netops_fireflow_rule_removal_request.rules"
	)
	ticket := func(kind fireflowmock.Kind) func(*terraform.State) (string, error) {
		return func(*terraform.State) (string, error) {
			for _, cr := range ff.ff.Tickets() {
				if cr.Kind == kind && cr.Parent == 0 {
					return strconv.Itoa(cr.ID), nil
				}
			}
			return "", nil
		}
	}
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					ff.srv.Inject(mock.Fault{Method: http.MethodPost, Path: fireflowmock.ObjectCreatePath, Status: http.StatusInternalServerError,
						AfterHandler: true, ContentType: "application/json",
						Body: `{"status":"Failure","messages":[{"code":"UNEXPECTED_ERROR_OCCURRED","message":"Unexpected error occurred"}],"data":null}`})
					ff.srv.Inject(mock.Fault{Method: http.MethodPost, Path: fireflowmock.RuleRemovalPath, Drop: mock.DropAfter})
				},
				Config: config,
				ExpectError: errorLike(`FireFlow may have created the`, `did not send it again`, `look for a`, `opened at or after`,
					`terraform import <this resource's address> <change request id>`),
				Check: sbc.checkSBC(sbcmock.UnitB, 1),
			},
			{
				ResourceName:       object,
				Config:             config,
				ImportState:        true,
				ImportStateIdFunc:  ticket(fireflowmock.KindObject),
				ImportStatePersist: true,
			},
			{
				ResourceName:       ruleRemoval,
				Config:             config,
				ImportState:        true,
				ImportStateIdFunc:  ticket(fireflowmock.KindRuleRemoval),
				ImportStatePersist: true,
			},
			{
				// After the imports nothing is created: the object request adopts is_group, which
				// a read cannot recover, in place.
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(object, plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction(ruleRemoval, plancheck.ResourceActionNoop),
					},
				},
			},
			// The test framework's plans after each apply prove a re-apply plans nothing.
			{
				// Once adopted, a change FireFlow cannot make replaces the request as usual.
				Config: strings.Replace(config, `external_id = "123a"`, "external_id = \"123a\"\n  due         = \"2026-12-01\"", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(object, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
	// One POST per ambiguous create, never repeated, and one for the replacement at the end.
	if posts := ff.posts(fireflowmock.ObjectCreatePath) + ff.posts(fireflowmock.RuleRemovalPath); posts != 3 {
		t.Fatalf("the mock saw %d create POSTs, want 3: an ambiguous create is never repeated", posts)
	}
	// Each object request spans two devices (a parent and two children); the rule removal is one ticket.
	if n := ff.ff.TicketCount(); n != 7 {
		t.Fatalf("the mock holds %d tickets, want 7", n)
	}
	if sbc.switchoverPosts() != 1 {
		t.Fatalf("%d switchover POSTs, want 1: the independent resource is created once", sbc.switchoverPosts())
	}
}
