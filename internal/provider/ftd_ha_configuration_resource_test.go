package provider

import (
	"context"
	"crypto/md5"  //nolint:gosec // looked for in the state, not used to protect anything
	"crypto/sha1" //nolint:gosec // looked for in the state, not used to protect anything
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

// The configuration of one unit, alone: written with one PUT, updated in place.
func TestAccFTDHAConfiguration_singleUnit(t *testing.T) {
	f := newFTDFixture(t)
	config := f.providers() + ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY")
	puts := func() int { return countPaths(f.primary.Calls(), http.MethodPut, "") }
	cliTest(t, resource.TestCase{
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
			// Import by id: TestAccFTDHAConfiguration_ciscoSample.
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
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   needs(featureWriteOnly),
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

// On a Terraform older than 1.11 shared_key_wo is refused at plan time, naming the
// release that has it and shared_key, before any request; shared_key works there
// (TestAccFTDHAConfiguration_singleUnit).
func TestAccFTDHAConfiguration_writeOnlyOnOlderTerraform(t *testing.T) {
	f := newFTDFixture(t)
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   lacks(featureWriteOnly),
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{{
			Config:      ftdWriteOnlyKeyConfig(f),
			ExpectError: errorLike("shared_key_wo needs Terraform 1.11 or newer", "set shared_key instead"),
		}},
	})
	if n := len(f.primary.Calls()) + len(f.secondary.Calls()); n != 0 {
		t.Fatalf("the mocks received %d requests; validation must fail before any", n)
	}
}

// The same check at the plugin protocol: a client that announces write-only support passes, one that
// does not gets the provider's diagnostic.
func TestFTDHAConfiguration_writeOnlyNeedsClientSupport(t *testing.T) {
	t.Parallel()
	f := newFTDFixture(t)
	s := newPlanServer(t)
	config := resourceConfigValue(t, s, "netops_ftd_ha_configuration", ftdWriteOnlyKeyConfig(f))
	for _, allowed := range []bool{true, false} {
		resp, err := s.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{
			TypeName: "netops_ftd_ha_configuration", Config: config,
			ClientCapabilities: &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: allowed},
		})
		if err != nil {
			t.Fatal(err)
		}
		text := diagnosticsText(resp.Diagnostics)
		if refused := strings.Contains(text, "shared_key_wo needs Terraform 1.11 or newer"); refused == allowed {
			t.Errorf("write-only allowed %v: diagnostics %s", allowed, text)
		}
	}
}

func ftdWriteOnlyKeyConfig(f *ftdFixture) string {
	return f.providers() + strings.Replace(ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY"),
		`  shared_key              = "Ftd#HA-Key-8824"`, "  shared_key_wo           = \"Wo#Key-5531\"\n  shared_key_wo_version   = 1", 1)
}

func TestFTDHAConfiguration_sharedKeyConflictsWithWriteOnly(t *testing.T) {
	t.Parallel()
	f := newFTDFixture(t)
	expectRowErrors(t, f.providers(), map[string]rowError{
		"both keys": {strings.Replace(ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY"),
			`  shared_key              = "Ftd#HA-Key-8824"`,
			"  shared_key              = \"Ftd#HA-Key-8824\"\n  shared_key_wo           = \"other\"", 1),
			errorLike("Invalid Attribute Combination", "shared_key_wo")},
		"version without key": {strings.Replace(ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY"),
			`  shared_key              = "Ftd#HA-Key-8824"`, "  shared_key_wo_version   = 3", 1),
			errorLike("Invalid Attribute Combination", "shared_key_wo")},
	})
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

// ciscoSampleConfiguration is Cisco's HA sample (FTDAnsible samples/ftd_configuration/
// ha_join.yml): one interface carries the failover and the stateful failover link, under
// two names. statefulName "" leaves stateful_failover_name unset.
func ciscoSampleConfiguration(statefulName string) string {
	stateful := ""
	if statefulName != "" {
		stateful = fmt.Sprintf("  stateful_failover_name  = %q\n", statefulName)
	}
	return fmt.Sprintf(`
resource "netops_ftd_ha_configuration" "fw_a" {
  provider                = netops
  node_role               = "HA_PRIMARY"
  failover_interface      = "GigabitEthernet0/7"
  failover_name           = "failover-link"
%s  primary_failover_ipv4   = "192.168.10.1"
  secondary_failover_ipv4 = "192.168.10.2"
  netmask                 = "24"
}
`, stateful)
}

// lastHAConfigurationPut decodes the body of the last HA configuration PUT the unit received.
func lastHAConfigurationPut(srv *mock.Server) (map[string]any, error) {
	var body string
	for _, c := range srv.Calls() {
		if c.Method == http.MethodPut && strings.Contains(c.Path, "/devices/default/ha/configurations/") && c.Status == http.StatusOK {
			body = c.Body
		}
	}
	if body == "" {
		return nil, fmt.Errorf("no accepted HA configuration PUT")
	}
	var m map[string]any
	return m, json.Unmarshal([]byte(body), &m)
}

// checkSamplePut asserts the PUT had Cisco's shape: one interface, the given stateful
// name, the failover addresses on the stateful link too.
func checkSamplePut(f *ftdFixture, statefulName string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		put, err := lastHAConfigurationPut(f.primary)
		if err != nil {
			return err
		}
		link, _ := f.pair.InterfaceByHardwareName(ftdmock.Primary, "GigabitEthernet0/7")
		id := func(k string) any { m, _ := put[k].(map[string]any); return m["id"] }
		addr := func(k string) string {
			m, _ := put[k].(map[string]any)
			return fmt.Sprint(m["ipAddress"], "/", m["netmask"])
		}
		switch {
		case id("failoverInterface") != link.ID || id("statefulFailoverInterface") != link.ID:
			return fmt.Errorf("PUT links %v and %v, want both %s: %v", id("failoverInterface"), id("statefulFailoverInterface"), link.ID, put)
		case put["failoverName"] != "failover-link" || put["statefulFailoverName"] != statefulName:
			return fmt.Errorf("PUT names %v / %v, want failover-link / %s", put["failoverName"], put["statefulFailoverName"], statefulName)
		case addr("primaryStatefulFailoverIPv4") != "192.168.10.1/24" || addr("secondaryStatefulFailoverIPv4") != "192.168.10.2/24":
			return fmt.Errorf("PUT stateful addresses %s, %s", addr("primaryStatefulFailoverIPv4"), addr("secondaryStatefulFailoverIPv4"))
		}
		if got := f.pair.HAConfiguration(ftdmock.Primary).StatefulFailoverName; got != statefulName {
			return fmt.Errorf("mock holds statefulFailoverName %q", got)
		}
		return nil
	}
}

func TestAccFTDHAConfiguration_ciscoSample(t *testing.T) {
	f := newFTDFixture(t)
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: f.providers() + ciscoSampleConfiguration("stateful-failover-link"),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkSamplePut(f, "stateful-failover-link"),
					resource.TestCheckResourceAttr("netops_ftd_ha_configuration.fw_a", "stateful_failover_name", "stateful-failover-link"),
					resource.TestCheckNoResourceAttr("netops_ftd_ha_configuration.fw_a", "stateful_failover_interface"),
				),
			},
			// The test framework's plans after each apply prove a re-apply plans nothing.
			{
				ResourceName:            "netops_ftd_ha_configuration.fw_a",
				ImportState:             true,
				ImportStateId:           "default",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"shared_key", "version"},
			},
			{
				// Without a name of its own the stateful link takes the failover link's, as before.
				Config: f.providers() + ciscoSampleConfiguration(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("netops_ftd_ha_configuration.fw_a", plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkSamplePut(f, "failover-link"),
					resource.TestCheckNoResourceAttr("netops_ftd_ha_configuration.fw_a", "stateful_failover_name"),
				),
			},
			// As above, the test framework's plans after each apply prove a re-apply plans nothing.
		},
	})
}
