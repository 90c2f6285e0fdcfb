package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

// ftdFixture is a pair of single FTD units.
type ftdFixture struct {
	t                  *testing.T
	pair               *ftdmock.Pair
	primary, secondary *mock.Server
}

func newFTDFixture(t *testing.T) *ftdFixture {
	t.Helper()
	pair := ftdmock.NewPair(ftdmock.Options{Timings: ftdmock.QuickTimings(150 * time.Millisecond)})
	p, s, err := pair.Serve(testAuthority(t), "", "")
	if err != nil {
		t.Fatalf("starting the FTD mock: %v", err)
	}
	t.Cleanup(func() { p.Close(); s.Close() })
	return &ftdFixture{t: t, pair: pair, primary: p, secondary: s}
}

// ftdProviderFactories serve two provider instances, one per unit. Users configure a
// pair with two aliases, which Terraform runs as two plugin instances; an in-process test
// server is shared by every alias of one provider name, so the tests name the second unit's
// provider "netopsb" instead.
var ftdProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"netops":  testProviderServer,
	"netopsb": testProviderServer,
}

// providers renders the provider of each unit: fw_a (netops) on the primary and fw_b
// (netopsb) on the secondary.
func (f *ftdFixture) providers() string {
	block := func(name, host string) string {
		return fmt.Sprintf(`
provider %q {
  retry {
    min_backoff = "50ms"
    max_backoff = "200ms"
  }
  ftd {
    host        = %q
    username    = %q
    password    = %q
    ca_cert_pem = %s
  }
}
`, name, host, ftdmock.Username, ftdmock.Password, heredoc(string(testAuthority(f.t).CertPEM())))
	}
	return `
terraform {
  required_providers {
    netops  = { source = "hashicorp/netops" }
    netopsb = { source = "hashicorp/netopsb" }
  }
}
` + block("netops", f.primary.Host()) + block("netopsb", f.secondary.Host())
}

// ftdUnit maps the fixture's unit names to their provider.
var ftdUnit = map[string]string{"fw_a": "netops", "fw_b": "netopsb"}

func ftdConfiguration(name, unit, role string) string {
	return fmt.Sprintf(`
resource "netops_ftd_ha_configuration" %q {
  provider                = %s
  node_role               = %q
  failover_interface      = "GigabitEthernet0/7"
  failover_name           = "failover-link"
  primary_failover_ipv4   = "192.168.77.1"
  secondary_failover_ipv4 = "192.168.77.2"
  netmask                 = "24"
  shared_key              = "Ftd#HA-Key-8824"
}
`, name, ftdUnit[unit], role)
}

// ftdPairConfig forms the pair: configuration and join on the primary, then on the secondary.
func ftdPairConfig(extraJoin string) string {
	return ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY") + ftdConfiguration("fw_b", "fw_b", "HA_SECONDARY") + fmt.Sprintf(`
resource "netops_ftd_ha_join" "fw_a" {
  provider   = netops
  name       = "join-primary"
  depends_on = [netops_ftd_ha_configuration.fw_a]
%[1]s
}

resource "netops_ftd_ha_join" "fw_b" {
  provider   = netopsb
  name       = "join-secondary"
  depends_on = [netops_ftd_ha_configuration.fw_b, netops_ftd_ha_join.fw_a]
%[1]s
}
`, extraJoin)
}

// checkFormed asserts the mock holds a healthy, synchronised pair.
func (f *ftdFixture) checkFormed() error {
	p, s := f.pair.HAStatus(ftdmock.Primary), f.pair.HAStatus(ftdmock.Secondary)
	if p.NodeState != ftdmock.NodeActive || s.NodeState != ftdmock.NodeStandby || s.ConfigStatus != ftdmock.ConfigInSync {
		return fmt.Errorf("mock pair: primary %+v, secondary %+v", p, s)
	}
	return nil
}

func (f *ftdFixture) checkSingle() error {
	for _, u := range []ftdmock.Unit{ftdmock.Primary, ftdmock.Secondary} {
		if st := f.pair.HAStatus(u); st.NodeState != ftdmock.NodeSingle {
			return fmt.Errorf("mock unit %v is %s, want SINGLE_NODE", u, st.NodeState)
		}
	}
	return nil
}

func (f *ftdFixture) joinJobs(u ftdmock.Unit) int { return len(f.pair.Jobs(u, ftdmock.OpJoin)) }

// expireWhenJobRuns expires the primary's tokens once its join job exists, so that the
// provider meets the expiry while it polls the job.
func expireWhenJobRuns(f *ftdFixture) {
	for range 400 {
		if len(f.pair.Jobs(ftdmock.Primary, ftdmock.OpJoin)) > 0 {
			f.pair.ExpireTokens(ftdmock.Primary)
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func mockFault(method, path string, status int, body string) mock.Fault {
	return mock.Fault{Method: method, Path: path, Times: 1, Status: status, Body: body, ContentType: "application/json"}
}

var regexpProviderLine = regexp.MustCompile(`(?m)^\s*provider\s+=\s+netops\w*\n`)
