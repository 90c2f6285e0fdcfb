package provider

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// A real terraform apply runs the built plugin once per phase; each time go-plugin stops
// it (about 2 s after asking), the plugin ends the sessions the vendor lets it end. After
// terraform exits, no FDM token of this run is live (access or refresh); Log Insight,
// FireFlow and SBC document no logout, so their sessions live out their lifetime.
func TestAccReliability_sessionsEndedAtExit(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	testAccPreCheck(t)
	t.Parallel()
	dir := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "bin", "terraform-provider-netops"), ".")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}

	ftd := newFTDFixture(t)
	li := newLIFixture(t)
	ff := newFFFixture(t)
	sbc := newSBCFixture(t, sbcmock.Options{})
	ca := heredoc(string(testAuthority(t).CertPEM()))
	config := fmt.Sprintf(`
terraform {
  required_providers {
    netops = { source = "netops/netops" }
  }
}

provider "netops" {
  ftd {
    host        = %q
    username    = %q
    password    = %q
    ca_cert_pem = %s
  }
%s%s%s}

data "netops_ftd_ha_status" "fw" {}
data "netops_loginsight_cluster" "li" {}
data "netops_sbc_ha_status" "sbc" {}
%s
output "states" {
  value = [data.netops_ftd_ha_status.fw.node_state, data.netops_loginsight_cluster.li.full_version, data.netops_sbc_ha_status.sbc.role]
}
`, ftd.primary.Host(), ftdmock.Username, ftdmock.Password, ca, li.block(), ff.block(), sbc.block(sbcBlock{}), ffRuleRemoval)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	cli := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"netops/netops\" = %q\n  }\n  direct {}\n}\n", filepath.Join(dir, "bin"))
	if err := os.WriteFile(filepath.Join(dir, "cli.tfrc"), []byte(cli), 0o600); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(terraformPath(), "apply", "-auto-approve", "-input=false", "-no-color")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+filepath.Join(dir, "cli.tfrc"), "TF_IN_AUTOMATION=1", "TF_LOG=WARN", "TF_REATTACH_PROVIDERS=")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("terraform apply: %v\n%s", err, out)
	}
	t.Logf("terraform apply took %.1f s", time.Since(start).Seconds())
	if strings.Contains(string(out), "plugin failed to exit gracefully") {
		t.Errorf("go-plugin killed the provider before its logout ended:\n%s", out)
	}

	grants := ftd.pair.Tokens(ftdmock.Primary)
	if grants.PasswordGrants == 0 || ftd.pair.LiveSessions(ftdmock.Primary) != 0 || grants.LiveRefresh != 0 ||
		grants.Revocations != 2*(grants.PasswordGrants+grants.RefreshGrants) {
		t.Errorf("FDM tokens after terraform exited: %+v, %d live logins; want every access and refresh token revoked", grants, ftd.pair.LiveSessions(ftdmock.Primary))
	}
	if n := li.cluster.Logins(); n == 0 || li.cluster.LiveSessions() != n {
		t.Errorf("Log Insight: %d logins, %d live sessions; the API has no logout, so every session lives on", n, li.cluster.LiveSessions())
	}
	if n := ff.ff.Logins(); n == 0 || ff.ff.LiveSessions() != n {
		t.Errorf("FireFlow: %d logins, %d live sessions; no logout is documented, so every session lives on", n, ff.ff.LiveSessions())
	}
	if n := sbc.pair.LiveTokens(sbcmock.UnitA); n == 0 {
		t.Errorf("SBC: no live token on unit A; the run must have logged in (tokens end only after 10 minutes)")
	}
	if n := ff.ff.TicketCount(); n != 1 {
		t.Errorf("FireFlow holds %d tickets, want 1", n)
	}
}
