package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"

	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

// List resources and `terraform query` need Terraform 1.14 or newer.
var queryVersions = needs(featureQuery)

func TestAccLogInsightClusterMember_Query(t *testing.T) {
	f := newLIFixture(t)
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   queryVersions,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: f.provider() + liMemberConfig("node", f.nodes[0].Host(), "")},
			{
				Query: true,
				Config: `
list "netops_loginsight_cluster_member" "cluster" {
  provider         = netops
  include_resource = true
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("netops_loginsight_cluster_member.cluster", 1),
					querycheck.ExpectIdentity("netops_loginsight_cluster_member.cluster", map[string]knownvalue.Check{
						"token":     knownvalue.StringRegexp(uuidLike),
						"node_host": knownvalue.StringExact(f.nodeAddress(0)),
					}),
				},
			},
		},
	})
}

func TestAccFTDHAConfiguration_Query(t *testing.T) {
	f := newFTDFixture(t)
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   queryVersions,
		ProtoV6ProviderFactories: ftdProviderFactories,
		Steps: []resource.TestStep{
			{Config: f.providers() + ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY")},
			{
				Query: true,
				Config: `
list "netops_ftd_ha_configuration" "fw_a" {
  provider = netops
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("netops_ftd_ha_configuration.fw_a", 1),
					querycheck.ExpectIdentity("netops_ftd_ha_configuration.fw_a", map[string]knownvalue.Check{
						"host": knownvalue.StringExact(f.primary.Host()),
						"id":   knownvalue.StringRegexp(uuidLike),
					}),
				},
			},
		},
	})
}

// The configuration `terraform query -generate-config-out` writes for appliances set up by
// hand imports them with nothing else to do, and plans no changes afterwards.

func TestAccLogInsightClusterMember_QueryGenerateConfig(t *testing.T) {
	t.Parallel()
	w := newQueryWorkspace(t)
	f := newLIFixture(t)
	token := f.joinMember(t)
	approvals, joins := f.approvals(), f.joinPosts()
	w.write("main.tf", queryTerraformBlock+f.provider())
	w.write("adopt.tfquery.hcl", "list \"netops_loginsight_cluster_member\" \"cluster\" {\n  provider = netops\n}\n")
	generated := w.generate()
	for _, want := range []string{`resource "netops_loginsight_cluster_member" "cluster_0"`, `node_host = "` + f.nodeAddress(0) + `"`, `token     = "` + token + `"`} {
		if !strings.Contains(generated, want) {
			t.Errorf("generated.tf lacks %q:\n%s", want, generated)
		}
	}
	w.importAndPlanEmpty(1)
	if f.approvals() != approvals || f.joinPosts() != joins {
		t.Fatalf("the import sent %d approvals and %d joins", f.approvals()-approvals, f.joinPosts()-joins)
	}
}

func TestAccFTDHAConfiguration_QueryGenerateConfig(t *testing.T) {
	t.Parallel()
	w := newQueryWorkspace(t)
	f := newFTDFixture(t)
	cfg := f.configurePrimary(t)
	w.write("main.tf", queryTerraformBlock+providerWith(fmt.Sprintf(`
  ftd {
    host        = %q
    username    = %q
    password    = %q
    ca_cert_pem = %s
  }
`, f.primary.Host(), ftdmock.Username, ftdmock.Password, heredoc(string(testAuthority(t).CertPEM())))))
	w.write("adopt.tfquery.hcl", "list \"netops_ftd_ha_configuration\" \"fw_a\" {\n  provider = netops\n}\n")
	generated := w.generate()
	for _, want := range []string{`resource "netops_ftd_ha_configuration" "fw_a_0"`, `node_role `, `"HA_PRIMARY"`, `netmask `, `"255.255.255.0"`, `id   = "` + cfg.ID + `"`} {
		if !strings.Contains(generated, want) {
			t.Errorf("generated.tf lacks %q:\n%s", want, generated)
		}
	}
	puts := f.primary.CountCalls("PUT", "/api/fdm/v6/devices/default/ha/configurations/"+cfg.ID)
	w.importAndPlanEmpty(1)
	if n := f.primary.CountCalls("PUT", "/api/fdm/v6/devices/default/ha/configurations/"+cfg.ID); n != puts {
		t.Fatalf("the import wrote the HA configuration %d times", n-puts)
	}
}

const queryTerraformBlock = `
terraform {
  required_providers {
    netops = {
      source = "netops/netops"
    }
  }
}
`

// queryWorkspace runs a Terraform 1.14+ binary in a directory of its own, with this
// package's provider served in-process and reattached.
type queryWorkspace struct {
	t   *testing.T
	dir string
	tf  string
	env []string
}

func newQueryWorkspace(t *testing.T) *queryWorkspace {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		var err error
		if tf, err = exec.LookPath("terraform"); err != nil {
			t.Fatal("terraform is not on PATH: install it or set TF_ACC_TERRAFORM_PATH")
		}
	}
	out, err := exec.Command(tf, "version", "-json").Output()
	if err != nil {
		t.Fatalf("%s version: %v", tf, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	_ = json.Unmarshal(out, &v)
	if reason := featureQuery.skipReason(testCLI().openTofu, strings.TrimSuffix(v.Version, "-dev")); reason != "" {
		t.Skip(reason)
	}

	ctx, cancel := context.WithCancel(context.Background())
	configCh := make(chan *plugin.ReattachConfig, 1)
	closeCh := make(chan struct{})
	go func() {
		err := tf6server.Serve("registry.terraform.io/netops/netops",
			func() tfprotov6.ProviderServer { return providerserver.NewProtocol6(New("test")())() },
			tf6server.WithDebug(ctx, configCh, closeCh), tf6server.WithLoggingSink(t), tf6server.WithGoPluginLogger(hclog.NewNullLogger()))
		if err != nil {
			t.Errorf("serving the provider: %v", err)
		}
	}()
	rc := <-configCh
	t.Cleanup(func() { cancel(); <-closeCh })
	reattach, _ := json.Marshal(map[string]any{"registry.terraform.io/netops/netops": map[string]any{
		"Protocol": string(rc.Protocol), "ProtocolVersion": rc.ProtocolVersion, "Pid": rc.Pid, "Test": rc.Test,
		"Addr": map[string]string{"Network": rc.Addr.Network(), "String": rc.Addr.String()},
	}})
	w := &queryWorkspace{t: t, dir: t.TempDir(), tf: tf}
	cliConfig := filepath.Join(w.dir, "..", "terraformrc")
	w.write("../terraformrc", "")
	w.env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+string(reattach), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"TF_CLI_CONFIG_FILE="+cliConfig)
	return w
}

// atLeast reports whether version (x.y.z) is major.minor or newer.
func (w *queryWorkspace) write(name, content string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, name), []byte(content), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// run runs terraform with args and returns its output and exit code.
func (w *queryWorkspace) run(args ...string) (string, int) {
	w.t.Helper()
	cmd := exec.Command(w.tf, args...)
	cmd.Dir, cmd.Env = w.dir, w.env
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return string(out), exit.ExitCode()
	}
	if err != nil {
		w.t.Fatalf("terraform %s: %v", strings.Join(args, " "), err)
	}
	return string(out), 0
}

func (w *queryWorkspace) mustRun(args ...string) string {
	w.t.Helper()
	out, code := w.run(args...)
	if code != 0 {
		w.t.Fatalf("terraform %s exited %d:\n%s", strings.Join(args, " "), code, out)
	}
	return out
}

// generate runs terraform query -generate-config-out and returns the generated configuration.
func (w *queryWorkspace) generate() string {
	w.t.Helper()
	w.mustRun("init", "-no-color", "-input=false")
	w.mustRun("query", "-no-color", "-generate-config-out=generated.tf")
	b, err := os.ReadFile(filepath.Join(w.dir, "generated.tf"))
	if err != nil {
		w.t.Fatalf("terraform query wrote no configuration: %v", err)
	}
	if !strings.Contains(string(b), "import {") || !strings.Contains(string(b), "identity = {") {
		w.t.Fatalf("generated.tf has no import block by identity:\n%s", b)
	}
	return string(b)
}

var planSummary = regexp.MustCompile(`Plan: (\d+) to import, 0 to add, 0 to change, 0 to destroy\.`)

// importAndPlanEmpty plans the generated configuration (n imports and nothing else),
// applies it, and expects the next plan to have no changes.
func (w *queryWorkspace) importAndPlanEmpty(n int) {
	w.t.Helper()
	out := w.mustRun("plan", "-no-color", "-input=false", "-out=import.tfplan")
	if m := planSummary.FindStringSubmatch(out); m == nil || m[1] != strconv.Itoa(n) {
		w.t.Fatalf("the plan of the generated configuration is not %d imports only:\n%s", n, out)
	}
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions   []string        `json:"actions"`
				Importing json.RawMessage `json:"importing"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal([]byte(w.mustRun("show", "-json", "import.tfplan")), &plan); err != nil {
		w.t.Fatal(err)
	}
	for _, rc := range plan.ResourceChanges {
		if strings.Join(rc.Change.Actions, ",") != "no-op" || len(rc.Change.Importing) == 0 || !strings.Contains(string(rc.Change.Importing), "identity") {
			w.t.Errorf("%s: actions %v, importing %s; want a no-op import by identity", rc.Address, rc.Change.Actions, rc.Change.Importing)
		}
	}
	w.mustRun("apply", "-no-color", "-input=false", "import.tfplan")
	if out, code := w.run("plan", "-no-color", "-input=false", "-detailed-exitcode"); code != 0 {
		w.t.Fatalf("plan after the import exited %d (0: no changes):\n%s", code, out)
	}
}
