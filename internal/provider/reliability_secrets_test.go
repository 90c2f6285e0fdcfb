package provider

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// A full apply against every vendor with TF_LOG=TRACE, and the paths where secrets come
// back in answers: an FTD answer quoting the shared key, a failed FTD token refresh, a
// Log Insight answer with secret fields named with digits and hyphens, a FireFlow
// Failure envelope with HTTP 200 quoting the password, and an SBC refusal quoting a
// password shorter than four characters. No password, token, session id, worker token,
// Basic credential or shared key appears in the logs or the errors, and the state holds
// none but the shared key the configuration sets (a sensitive value).
func TestAccReliability_noSecretsInLogsOrState(t *testing.T) {
	if runInOwnProcess(t) {
		return
	}
	logPath := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logPath)

	sbc := newSBCFixture(t, sbcmock.Options{})
	// Access tokens that expire within the client's renewal margin make every FTD call
	// refresh its token, so refreshes (and a failed one) happen during the run.
	ftdf := newFTDFixtureWith(t, ftdmock.Options{Timings: ftdmock.QuickTimings(150 * time.Millisecond), AccessTokenLifetime: 45 * time.Second})
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
` + liMemberConfig("one", li.nodes[0].Host(), "") + ffAddToGroup + ffRuleRemoval + ffTraffic
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

	const shortPassword = "Zq!"
	// Values only the faults below send, under field names with digits and hyphens.
	fieldSecrets := []string{"LiHyphen-Secret-71", "LiDigit-Secret-72", "LiDot-Secret-73"}
	passwords := []string{sbcmock.AdminPassword, ftdmock.Password, loginsightmock.AdminPassword, fireflowmock.Password}
	basic := func(user, password string) string {
		return base64.StdEncoding.EncodeToString([]byte(user + ":" + password))
	}
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
				// The FTD quotes the shared key in a 503 (retried) to the first status read
				// of the configuration's create.
				PreConfig: func() {
					ftdf.primary.Inject(mock.Fault{Method: http.MethodGet, Path: "/api/fdm/v6/devices/default/operational/ha/status/default", Times: 1,
						Status: http.StatusServiceUnavailable, ContentType: "application/json",
						Body: `{"error":{"severity":"ERROR","key":"General","messages":[{"description":"key-marker: shared key ` + sharedKey + ` is being applied","code":"busy"}]}}`})
				},
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
				// A token refresh of the FTD fails once; Log Insight answers a read with
				// secret fields named with digits and hyphens (503, retried).
				PreConfig: func() {
					// The second token call of the step's first run is a refresh (the first is the login).
					ftdf.primary.Inject(mock.Fault{Method: http.MethodPost, Path: "/api/fdm/v6/fdm/token", Times: 1, Every: 2,
						Status: http.StatusBadRequest, ContentType: "application/json",
						Body: `{"status_code":400,"message":"Refresh refused for ` + ftdmock.Password + `"}`})
					li.master.Inject(mock.Fault{Method: http.MethodGet, Path: "/api/v2/*", Times: 1, Status: http.StatusServiceUnavailable, ContentType: "application/json",
						Body: `{"errorMessage":"busy-marker","session-id2":"` + fieldSecrets[0] + `","X-Auth-Token2":"` + fieldSecrets[1] + `","worker.token":"` + fieldSecrets[2] + `"}`})
				},
				Config: config,
			},
			{
				// FireFlow refuses a create with a Failure envelope at HTTP 200 that quotes the password.
				PreConfig: func() {
					ff.srv.Inject(mock.Fault{Method: http.MethodPost, Path: "/FireFlow/api/request/object", Times: 1, Status: http.StatusOK, ContentType: "application/json",
						Body: `{"status":"Failure","messages":[{"code":"INVALID_INPUT","message":"user with password ` + fireflowmock.Password + ` may not do this"}],"data":null}`})
				},
				Config:      config + strings.Replace(ffAddToGroup, `"add"`, `"refused"`, 1),
				ExpectError: errorLike(`INVALID_INPUT`, `may not do this`),
			},
			{
				// A refused login names no password, even one shorter than four characters
				// that the SBC quotes back.
				PreConfig: func() {
					t.Setenv("NETOPS_SBC_PASSWORD", shortPassword)
					sbc.a.Inject(mock.Fault{Method: http.MethodPost, Path: "/rest/*", Times: 1, Status: http.StatusUnauthorized, ContentType: "application/xml",
						Body: `<response><messages><message>pin-marker: password ` + shortPassword + ` refused</message></messages></response>`})
				},
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
	for _, vendor := range []string{"sbc", "ftd", "loginsight", "fireflow"} {
		if !strings.Contains(string(logs), "netops."+vendor+": request body") {
			t.Fatalf("the trace log (%d bytes) holds no %s request traces: the test would prove nothing", len(logs), vendor)
		}
	}
	// Each secret-bearing answer reached the log, masked: else its check proves nothing.
	for _, marker := range []string{"key-marker", "session refresh failed", "busy-marker", "may not do this", "pin-marker"} {
		if !strings.Contains(string(logs), marker) {
			t.Errorf("the trace log holds no %q: that path was not exercised", marker)
		}
	}
	all := append(secrets(), sharedKey, shortPassword, basic(sbcmock.AdminUser, sbcmock.AdminPassword), basic(sbcmock.AdminUser, shortPassword))
	all = append(all, fieldSecrets...)
	if len(all) < 20 {
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
