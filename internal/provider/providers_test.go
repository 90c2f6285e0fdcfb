package provider

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// testPolling makes the providers' waits check long operations every few tens of
// milliseconds: the mocks finish them in well under a second, so a real second per
// check would only slow the tests down.
var testPolling = transport.Polling{Min: 20 * time.Millisecond, Max: 200 * time.Millisecond}

// testProvider is the provider every test runs, with fast polling.
func testProvider() func() provider.Provider { return New("test", WithPolling(testPolling)) }

// testProviderServer serves one provider instance, as protocol factories want it.
func testProviderServer() (tfprotov6.ProviderServer, error) {
	return providerserver.NewProtocol6WithError(testProvider()())()
}

// clockedProviderFactories serve a provider whose waits run on clock: each check's sleep
// advances it at once, and a wait ends once it reaches the create timeout. With the mock
// on the same clock, a wait that must time out does so without spending real time, and a
// timeout long enough for any busy machine's requests still ends the wait.
func clockedProviderFactories(clock *mock.FakeClock) map[string]func() (tfprotov6.ProviderServer, error) {
	polling := transport.Polling{Min: time.Second, Max: 10 * time.Second, Sleep: clock.Sleep, Now: clock.Now}
	return map[string]func() (tfprotov6.ProviderServer, error){
		"netops": func() (tfprotov6.ProviderServer, error) {
			return providerserver.NewProtocol6WithError(New("test", WithPolling(polling))())()
		},
	}
}

// protoV6ProviderFactories runs the provider in-process for the acceptance tests.
var protoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"netops": testProviderServer,
}

// testAccPreCheck fails clearly when the acceptance tests cannot run.
func testAccPreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC_TERRAFORM_PATH") != "" {
		return
	}
	if _, err := exec.LookPath("terraform"); err != nil {
		t.Fatal("terraform is not on PATH: install it or set TF_ACC_TERRAFORM_PATH (the acceptance tests run it against the in-process mocks)")
	}
}

// errorLike matches a diagnostic containing the parts in order, whatever the line wrapping.
func errorLike(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}

// providerWith renders the provider block holding the given vendor blocks, with fast retries.
func providerWith(blocks ...string) string {
	return "provider \"netops\" {\n  retry {\n    min_backoff = \"50ms\"\n    max_backoff = \"200ms\"\n  }\n" + strings.Join(blocks, "") + "}\n"
}

// heredoc quotes s as an HCL heredoc.
func heredoc(s string) string {
	return fmt.Sprintf("<<-EOT\n%s\nEOT", strings.TrimSpace(s))
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

var regexpProviderLine = regexp.MustCompile(`(?m)^\s*provider\s+=\s+netops\w*\n`)

func (f *liFixture) provider() string { return providerWith(f.block()) }

// block is the provider's loginsight block for the master.
func (f *liFixture) block() string {
	return fmt.Sprintf(`
  loginsight {
    host        = %q
    username    = %q
    password    = %q
    ca_cert_pem = %s
  }
`, f.master.Host(), loginsightmock.AdminUser, loginsightmock.AdminPassword, heredoc(string(testAuthority(f.t).CertPEM())))
}

// sbcBlock holds attributes of the provider's sbc block in a test configuration.
type sbcBlock struct {
	host, peerHost, username, password, apiVersion string
	noPeer                                         bool
}

// provider renders a provider block for the pair: host A and peer B unless overridden.
func (f *sbcFixture) provider(s sbcBlock) string { return providerWith(f.block(s)) }

// block is the provider's sbc block.
func (f *sbcFixture) block(s sbcBlock) string {
	if s.host == "" {
		s.host = f.a.Host()
	}
	if s.peerHost == "" && !s.noPeer {
		s.peerHost = f.b.Host()
	}
	if s.username == "" {
		s.username, s.password = sbcmock.AdminUser, sbcmock.AdminPassword
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  sbc {\n    host        = %q\n    username    = %q\n    password    = %q\n", s.host, s.username, s.password)
	if s.peerHost != "" {
		fmt.Fprintf(&b, "    peer_host   = %q\n", s.peerHost)
	}
	if s.apiVersion != "" {
		fmt.Fprintf(&b, "    api_version = %q\n", s.apiVersion)
	}
	fmt.Fprintf(&b, "    ca_cert_pem = %s\n  }\n", heredoc(string(testAuthority(f.t).CertPEM())))
	return b.String()
}

func (f *ffFixture) provider() string { return providerWith(f.block()) }

// block is the provider's fireflow block for this server.
func (f *ffFixture) block() string {
	return fmt.Sprintf(`
  fireflow {
    host        = %q
    username    = %q
    password    = %q
    ca_cert_pem = %s
  }
`, f.srv.Host(), fireflowmock.Username, fireflowmock.Password, heredoc(string(testAuthority(f.t).CertPEM())))
}

// The three object requests of the FireFlow reference page (seeds/002).
var (
	ffCreateObjects = `
resource "netops_fireflow_object_change_request" "create" {
  template = "135: Object Change Multi Device Request"
  subject  = "Create object request"
  due      = "2019-10-10"
  owner    = "admin"
  priority = "5"
  custom_fields = {
    cf1 = ["cf value1", "cf value2"]
    cf2 = ["cf2 value1", "cf2 value2"]
  }
  devices = ["FW_101", "FW_102"]
  requested_action {
    action   = "create"
    name     = "networkObject1"
    type     = "network"
    is_group = false
    values   = ["1.1.1.1"]
  }
  requested_action {
    action   = "create"
    name     = "serviceObject1"
    type     = "service"
    is_group = false
    values   = ["tcp/12"]
  }
}
`
	ffAddToGroup = `
resource "netops_fireflow_object_change_request" "add" {
  template    = "135: Object Change Multi Device Request"
  subject     = "Modify object request"
  description = "adding objects to GR_Network_Devices"
  external_id = "123a"
  devices     = ["FW_101", "FW_102"]
  requested_action {
    action   = "addObjectsToGroup"
    name     = "GR_Network_Devices"
    type     = "network"
    is_group = true
    values   = ["Net_10.163.40.232_31", "HK_Cyberark_10.133.21.217"]
  }
}
`
	ffSeveralActions = `
resource "netops_fireflow_object_change_request" "several" {
  template = "135: Object Change Multi Device Request"
  subject  = "several actions"
  devices  = ["FW_101"]
  requested_action {
    action   = "replaceContent"
    name     = "object2"
    type     = "network"
    is_group = false
    values   = ["object2"]
  }
  requested_action {
    action   = "removeObjectsFromGroup"
    name     = "GP_Captical"
    type     = "network"
    is_group = true
    values   = ["Net_211.72.241.0", "Net_61.219.22.0"]
  }
  requested_action {
    action = "delete"
    name   = "Net_203.69.50.0"
    type   = "network"
  }
}
`
	ffRuleRemoval = `
resource "netops_fireflow_rule_removal_request" "rules" {
  template = "140: Rule Removal Request"
  device   = "Orit_GW2"
  action   = "remove"
  rule_ids = ["BC100ABA-446E-493B-9707-604C2A493676", "88784DAF-C0A9-4B06-AE94-E8199A802EAC"]
  subject  = "test55"
  owner    = "secops@example.com"
}
`
)
