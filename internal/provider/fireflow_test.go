package provider

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
)

// ffFixture is a FireFlow server with the mock's seeded templates, devices and objects.
type ffFixture struct {
	t   *testing.T
	ff  *fireflowmock.FireFlow
	srv *mock.Server
}

func newFFFixture(t *testing.T) *ffFixture {
	t.Helper()
	ff := fireflowmock.New(fireflowmock.Options{})
	srv, err := ff.Serve(testAuthority(t), "")
	if err != nil {
		t.Fatalf("starting the FireFlow mock: %v", err)
	}
	t.Cleanup(srv.Close)
	return &ffFixture{t: t, ff: ff, srv: srv}
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

func (f *ffFixture) posts(path string) int { return f.srv.CountCalls(http.MethodPost, path) }

const (
	ffObjectTemplate = "135: Object Change Multi Device Request"
	ffRuleTemplate   = "140: Rule Removal Request"
	ffRuleA          = "BC100ABA-446E-493B-9707-604C2A493676"
	ffRuleB          = "88784DAF-C0A9-4B06-AE94-E8199A802EAC"
)

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
