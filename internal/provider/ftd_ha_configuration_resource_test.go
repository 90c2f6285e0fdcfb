package provider

import (
	"crypto/md5"  //nolint:gosec // looked for in the state, not used to protect anything
	"crypto/sha1" //nolint:gosec // looked for in the state, not used to protect anything
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

// The configuration of one unit, alone: written with one PUT, updated in place, imported.
func TestAccFTDHAConfiguration_singleUnit(t *testing.T) {
	f := newFTDFixture(t)
	config := f.providers() + ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY")
	puts := func() int { return countPaths(f.primary.Calls(), http.MethodPut, "") }
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("netops_ftd_ha_configuration.fw_a", "node_role", "HA_PRIMARY"),
					resource.TestCheckResourceAttr("netops_ftd_ha_configuration.fw_a", "failover_name", "failover-link"),
					func(*terraform.State) error {
						cfg := f.pair.HAConfiguration(ftdmock.Primary)
						if cfg.NodeRole != "HA_PRIMARY" || cfg.FailoverName != "failover-link" || cfg.SharedKey != "Ftd#HA-Key-8824" {
							return fmt.Errorf("mock configuration %+v", cfg)
						}
						if n := puts(); n != 1 {
							return fmt.Errorf("%d PUTs to the primary, want 1", n)
						}
						if n := len(f.secondary.Calls()); n != 0 {
							return fmt.Errorf("the secondary saw %d requests", n)
						}
						return nil
					},
				),
			},
			{
				Config: strings.Replace(config, `"failover-link"`, `"ha-link-2"`, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("netops_ftd_ha_configuration.fw_a", plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					if cfg := f.pair.HAConfiguration(ftdmock.Primary); cfg.FailoverName != "ha-link-2" {
						return fmt.Errorf("failover name on the unit: %q", cfg.FailoverName)
					}
					if n := puts(); n != 2 {
						return fmt.Errorf("%d PUTs to the primary, want 2", n)
					}
					return nil
				},
			},
			{
				ResourceName:            "netops_ftd_ha_configuration.fw_a",
				ImportState:             true,
				ImportStateId:           "default",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"shared_key", "version"},
			},
		},
	})
}

// The write-only key reaches the unit and never the state: neither the key nor a hash or
// encoding of it is stored; a new version sends the new key.
func TestAccFTDHAConfiguration_writeOnlySharedKey(t *testing.T) {
	f := newFTDFixture(t)
	const key1, key2 = "Wo#Key-5531-first", "Wo#Key-7702-second"
	config := func(key string, version int) string {
		return f.providers() + strings.Replace(ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY"),
			`  shared_key              = "Ftd#HA-Key-8824"`,
			fmt.Sprintf("  shared_key_wo           = %q\n  shared_key_wo_version   = %d", key, version), 1)
	}
	unitKey := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := f.pair.HAConfiguration(ftdmock.Primary).SharedKey; got != want {
				return fmt.Errorf("the unit holds key %q, want %q", got, want)
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(key1, 1),
				Check: resource.ComposeAggregateTestCheckFunc(
					unitKey(key1),
					stateHoldsNo(key1),
					resource.TestCheckNoResourceAttr("netops_ftd_ha_configuration.fw_a", "shared_key_wo"),
					resource.TestCheckNoResourceAttr("netops_ftd_ha_configuration.fw_a", "shared_key"),
					resource.TestCheckResourceAttr("netops_ftd_ha_configuration.fw_a", "shared_key_wo_version", "1"),
				),
			},
			{
				// A new key under the same version is invisible to Terraform: nothing to do.
				Config: config(key2, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: unitKey(key1),
			},
			{
				Config: config(key2, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("netops_ftd_ha_configuration.fw_a", plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(unitKey(key2), stateHoldsNo(key1), stateHoldsNo(key2)),
			},
		},
	})
}

func TestFTDHAConfiguration_sharedKeyConflictsWithWriteOnly(t *testing.T) {
	t.Parallel()
	f := newFTDFixture(t)
	config := f.providers() + strings.Replace(ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY"),
		`  shared_key              = "Ftd#HA-Key-8824"`,
		"  shared_key              = \"Ftd#HA-Key-8824\"\n  shared_key_wo           = \"other\"", 1)
	expectPlanError(t, config, errorLike("Invalid Attribute Combination", "shared_key_wo"))
	config = f.providers() + strings.Replace(ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY"),
		`  shared_key              = "Ftd#HA-Key-8824"`, "  shared_key_wo_version   = 3", 1)
	expectPlanError(t, config, errorLike("Invalid Attribute Combination", "shared_key_wo"))
	if n := len(f.primary.Calls()) + len(f.secondary.Calls()); n != 0 {
		t.Fatalf("the mocks received %d requests; validation must fail before any", n)
	}
}

// stateHoldsNo checks that no attribute of any resource in the state holds secret, nor
// its hex SHA-1, SHA-256, SHA-512 or MD5, nor its base64.
func stateHoldsNo(secret string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		forms := map[string]string{"the key": secret, "its base64": base64.StdEncoding.EncodeToString([]byte(secret))}
		md := md5.Sum([]byte(secret))  //nolint:gosec // see the import
		s1 := sha1.Sum([]byte(secret)) //nolint:gosec // see the import
		s256 := sha256.Sum256([]byte(secret))
		s512 := sha512.Sum512([]byte(secret))
		forms["its MD5"], forms["its SHA-1"] = hex.EncodeToString(md[:]), hex.EncodeToString(s1[:])
		forms["its SHA-256"], forms["its SHA-512"] = hex.EncodeToString(s256[:]), hex.EncodeToString(s512[:])
		for _, m := range s.Modules {
			for addr, r := range m.Resources {
				for k, v := range r.Primary.Attributes {
					for what, form := range forms {
						if strings.Contains(strings.ToLower(v), strings.ToLower(form)) {
							return fmt.Errorf("the state of %s holds %s in %s", addr, what, k)
						}
					}
				}
			}
		}
		return nil
	}
}
