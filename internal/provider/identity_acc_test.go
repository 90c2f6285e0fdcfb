package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// Resource identity needs Terraform 1.12 or newer; these tests skip on older ones.
var identityVersions = needs(featureIdentity)

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

// identityCase is a resource created with config, whose identity must match identity
// (and whose identity attribute idAttr, when set, equals its id), and which an import block
// naming that identity then imports. planChanges: the import plans an in-place update
// (inputs the appliance cannot give back are taken from the configuration).
type identityCase struct {
	factories   map[string]func() (tfprotov6.ProviderServer, error)
	config      string
	address     string
	identity    map[string]knownvalue.Check
	idAttr      string
	planChanges bool
}

func testIdentityImport(t *testing.T, c identityCase) {
	t.Helper()
	checks := []statecheck.StateCheck{statecheck.ExpectIdentity(c.address, c.identity)}
	if c.idAttr != "" {
		checks = append(checks, statecheck.ExpectIdentityValueMatchesStateAtPath(c.address, tfjsonpath.New(c.idAttr), tfjsonpath.New("id")))
	}
	imp := importByIdentity(c.address)
	imp.Config = c.config
	imp.ExpectNonEmptyPlan = c.planChanges
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   identityVersions,
		ProtoV6ProviderFactories: c.factories,
		Steps:                    []resource.TestStep{{Config: c.config, ConfigStateChecks: checks}, imp},
	})
}

func TestAccLogInsightClusterMember_Identity(t *testing.T) {
	f := newLIFixture(t)
	testIdentityImport(t, identityCase{
		factories: protoV6ProviderFactories,
		config:    f.provider() + liMemberConfig("node", f.nodes[0].Host(), ""),
		address:   "netops_loginsight_cluster_member.node",
		identity: map[string]knownvalue.Check{
			"token":     knownvalue.StringRegexp(uuidLike),
			"node_host": knownvalue.StringExact(f.nodes[0].Host()),
		},
		idAttr: "token",
	})
}

func TestAccFTDHAConfiguration_Identity(t *testing.T) {
	f := newFTDFixture(t)
	testIdentityImport(t, identityCase{
		factories: ftdProviderFactories,
		config:    f.providers() + ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY"),
		address:   "netops_ftd_ha_configuration.fw_a",
		identity: map[string]knownvalue.Check{
			"host": knownvalue.StringExact(f.primary.Host()),
			"id":   knownvalue.StringRegexp(uuidLike),
		},
		idAttr: "id",
		// The shared key reads back masked and is not imported; the configured one is written again.
		planChanges: true,
	})
}

func TestAccFTDHAJoin_Identity(t *testing.T) {
	f := newFTDFixture(t)
	testIdentityImport(t, identityCase{
		factories: ftdProviderFactories,
		config: f.providers() + ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY") + `
resource "netops_ftd_ha_join" "fw_a" {
  provider   = netops
  name       = "join-primary"
  depends_on = [netops_ftd_ha_configuration.fw_a]
}
`,
		address: "netops_ftd_ha_join.fw_a",
		identity: map[string]knownvalue.Check{
			"host":   knownvalue.StringExact(f.primary.Host()),
			"job_id": knownvalue.StringRegexp(regexp.MustCompile(`.+`)),
		},
		idAttr: "job_id",
	})
}

func TestAccFireFlowRuleRemovalRequest_Identity(t *testing.T) {
	f := newFFFixture(t)
	testIdentityImport(t, identityCase{
		factories: protoV6ProviderFactories,
		config:    f.provider() + ffRuleRemoval,
		address:   "netops_fireflow_rule_removal_request.rules",
		identity:  map[string]knownvalue.Check{"change_request_id": knownvalue.StringRegexp(numeric)},
		idAttr:    "change_request_id",
		// Inputs FireFlow cannot give back are adopted from the configuration (an in-place update).
		planChanges: true,
	})
}

func TestAccFireFlowObjectChangeRequest_Identity(t *testing.T) {
	f := newFFFixture(t)
	testIdentityImport(t, identityCase{
		factories:   protoV6ProviderFactories,
		config:      f.provider() + ffCreateObjects,
		address:     "netops_fireflow_object_change_request.create",
		identity:    map[string]knownvalue.Check{"change_request_id": knownvalue.StringRegexp(numeric)},
		planChanges: true,
	})
}

func TestAccSBCSwitchover_Identity(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{})
	cliTest(t, resource.TestCase{
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

func TestAccFireFlowTrafficChangeRequest_Identity(t *testing.T) {
	f := newFFFixture(t)
	testIdentityImport(t, identityCase{
		factories:   protoV6ProviderFactories,
		config:      f.provider() + ffTraffic,
		address:     ffTrafficAddr,
		identity:    map[string]knownvalue.Check{"change_request_id": knownvalue.StringRegexp(numeric)},
		planChanges: true,
	})
}

func TestAccFTDHAFailoverConfiguration_Identity(t *testing.T) {
	f := newFTDFixture(t)
	testIdentityImport(t, identityCase{
		factories: ftdProviderFactories,
		config:    f.providers() + ftdFailoverCriteria("fw_a", "1s", "3s", "5s", "25s", 1, "NUMBER"),
		address:   "netops_ftd_ha_failover_configuration.fw_a",
		identity: map[string]knownvalue.Check{
			"host": knownvalue.StringExact(f.primary.Host()),
			"id":   knownvalue.StringRegexp(uuidLike),
		},
		idAttr: "id",
	})
}

func TestAccFTDHAPair_Identity(t *testing.T) {
	f := newFTDFixture(t)
	testIdentityImport(t, identityCase{
		factories: protoV6ProviderFactories,
		config:    f.fleetProvider("", "true") + ftdPair,
		address:   "netops_ftd_ha_pair.p",
		identity: map[string]knownvalue.Check{
			"primary_host":   knownvalue.StringExact(f.primary.Host()),
			"secondary_host": knownvalue.StringExact(f.secondary.Host()),
		},
		planChanges: true, // the key, which the units show masked, is adopted from the configuration
	})
}
