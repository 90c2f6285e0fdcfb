package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// Resource identity needs Terraform 1.12 or newer; these tests skip on older ones.
var identityVersions = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)}

var (
	uuidLike = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	numeric  = regexp.MustCompile(`^[1-9][0-9]*$`)
)

// importByIdentity is the step that imports resourceName with an import block naming its
// identity (from the state of the step before), expecting Terraform to plan nothing but
// the import, with the same identity. (ImportStateVerify is for `terraform import` only:
// an import block is verified through its plan.)
func importByIdentity(resourceName string) resource.TestStep {
	return resource.TestStep{
		ResourceName:    resourceName,
		ImportState:     true,
		ImportStateKind: resource.ImportBlockWithResourceIdentity,
	}
}

func TestAccLogInsightClusterMember_Identity(t *testing.T) {
	f := newLIFixture(t)
	config := f.provider() + liMemberConfig("node", f.nodes[0].Host(), "")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   identityVersions,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity("netops_loginsight_cluster_member.node", map[string]knownvalue.Check{
						"token":     knownvalue.StringRegexp(uuidLike),
						"node_host": knownvalue.StringExact(f.nodes[0].Host()),
					}),
					statecheck.ExpectIdentityValueMatchesStateAtPath("netops_loginsight_cluster_member.node", tfjsonpath.New("token"), tfjsonpath.New("id")),
				},
			},
			func() resource.TestStep {
				s := importByIdentity("netops_loginsight_cluster_member.node")
				s.Config = config
				return s
			}(),
		},
	})
}

func TestAccFTDHAConfiguration_Identity(t *testing.T) {
	f := newFTDFixture(t)
	config := f.providers() + ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   identityVersions,
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity("netops_ftd_ha_configuration.fw_a", map[string]knownvalue.Check{
						"host": knownvalue.StringExact(f.primary.Host()),
						"id":   knownvalue.StringRegexp(uuidLike),
					}),
					statecheck.ExpectIdentityValueMatchesStateAtPath("netops_ftd_ha_configuration.fw_a", tfjsonpath.New("id"), tfjsonpath.New("id")),
				},
			},
			func() resource.TestStep {
				s := importByIdentity("netops_ftd_ha_configuration.fw_a")
				s.Config = config
				// The shared key reads back masked and is not imported; the configured one is written again.
				s.ExpectNonEmptyPlan = true
				return s
			}(),
		},
	})
}

func TestAccFTDHAJoin_Identity(t *testing.T) {
	f := newFTDFixture(t)
	config := f.providers() + ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY") + `
resource "netops_ftd_ha_join" "fw_a" {
  provider   = netops
  name       = "join-primary"
  depends_on = [netops_ftd_ha_configuration.fw_a]
}
`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   identityVersions,
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity("netops_ftd_ha_join.fw_a", map[string]knownvalue.Check{
						"host":   knownvalue.StringExact(f.primary.Host()),
						"job_id": knownvalue.StringRegexp(regexp.MustCompile(`.+`)),
					}),
					statecheck.ExpectIdentityValueMatchesStateAtPath("netops_ftd_ha_join.fw_a", tfjsonpath.New("job_id"), tfjsonpath.New("id")),
				},
			},
			func() resource.TestStep {
				s := importByIdentity("netops_ftd_ha_join.fw_a")
				s.Config = config
				return s
			}(),
		},
	})
}

func TestAccFireFlowRuleRemovalRequest_Identity(t *testing.T) {
	f := newFFFixture(t)
	config := f.provider() + ffRuleRemoval
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   identityVersions,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity("netops_fireflow_rule_removal_request.rules", map[string]knownvalue.Check{
						"change_request_id": knownvalue.StringRegexp(numeric),
					}),
					statecheck.ExpectIdentityValueMatchesStateAtPath("netops_fireflow_rule_removal_request.rules", tfjsonpath.New("change_request_id"), tfjsonpath.New("id")),
				},
			},
			func() resource.TestStep {
				s := importByIdentity("netops_fireflow_rule_removal_request.rules")
				s.Config = config
				// Inputs FireFlow cannot give back are adopted from the configuration (an in-place update).
				s.ExpectNonEmptyPlan = true
				return s
			}(),
		},
	})
}

func TestAccFireFlowObjectChangeRequest_Identity(t *testing.T) {
	f := newFFFixture(t)
	config := f.provider() + ffCreateObjects
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   identityVersions,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity("netops_fireflow_object_change_request.create", map[string]knownvalue.Check{
						"change_request_id": knownvalue.StringRegexp(numeric),
					}),
				},
			},
			func() resource.TestStep {
				s := importByIdentity("netops_fireflow_object_change_request.create")
				s.Config = config
				s.ExpectNonEmptyPlan = true
				return s
			}(),
		},
	})
}

func TestAccSBCSwitchover_Identity(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   identityVersions,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: f.provider(sbcBlock{}) + sbcSwitchoverConfig("sbc-a", "first"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity("netops_sbc_switchover.test", map[string]knownvalue.Check{
						"previous_active": knownvalue.StringExact("sbc-a"),
						"new_active":      knownvalue.StringExact("sbc-b"),
						"accepted_at":     knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`)),
					}),
				},
			},
		},
	})
}
