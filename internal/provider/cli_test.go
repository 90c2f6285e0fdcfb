package provider

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// The acceptance tests run with Terraform 1.5 or newer, or OpenTofu (TF_ACC_TERRAFORM_PATH
// names the binary). A test of a feature the CLI lacks skips through a cliGate, whose
// message starts with cliGatePrefix and names the release that has the feature;
// tools/skipcheck fails a run in which anything else skips.

// cliGatePrefix starts every skip message of a cliGate.
const cliGatePrefix = "CLI gate: "

// A cliFeature is what a test needs from the CLI: the first Terraform release that has it
// and the first OpenTofu release that has it (0.0 when no OpenTofu release does).
type cliFeature struct {
	name                           string
	terraformMajor, terraformMinor int
	tofuMajor, tofuMinor           int
}

// The OpenTofu releases are those the matrix runs (.ci/run: OpenTofu 1.12), or earlier
// where OpenTofu's release notes say so (write-only attributes: 1.11).
var (
	featureWriteOnly = cliFeature{name: "write-only attributes", terraformMajor: 1, terraformMinor: 11, tofuMajor: 1, tofuMinor: 11}
	featureIdentity  = cliFeature{name: "resource identity", terraformMajor: 1, terraformMinor: 12, tofuMajor: 1, tofuMinor: 12}
	featureActions   = cliFeature{name: "actions", terraformMajor: 1, terraformMinor: 14}
	featureQuery     = cliFeature{name: "list resources (terraform query)", terraformMajor: 1, terraformMinor: 14}
)

// has reports whether the CLI, Terraform or OpenTofu at version ("1.14.2"), has the feature.
func (f cliFeature) has(openTofu bool, version string) bool {
	var major, minor int
	if parts := strings.SplitN(version, ".", 3); len(parts) >= 2 {
		major, _ = strconv.Atoi(parts[0])
		minor, _ = strconv.Atoi(parts[1])
	}
	wantMajor, wantMinor := f.terraformMajor, f.terraformMinor
	if openTofu {
		if f.tofuMajor == 0 {
			return false
		}
		wantMajor, wantMinor = f.tofuMajor, f.tofuMinor
	}
	return major > wantMajor || major == wantMajor && minor >= wantMinor
}

// where names the releases that have the feature.
func (f cliFeature) where() string {
	s := fmt.Sprintf("Terraform %d.%d", f.terraformMajor, f.terraformMinor)
	if f.tofuMajor != 0 {
		s += fmt.Sprintf(" and OpenTofu %d.%d", f.tofuMajor, f.tofuMinor)
	}
	return s + " or newer"
}

// skipReason is why a test needing f skips on the CLI, or "" when it runs.
func (f cliFeature) skipReason(openTofu bool, version string) string {
	if f.has(openTofu, version) {
		return ""
	}
	return fmt.Sprintf("%s%s %s lacks %s (%s has it)", cliGatePrefix, cliName(openTofu), version, f.name, f.where())
}

func cliName(openTofu bool) string {
	if openTofu {
		return "OpenTofu"
	}
	return "Terraform"
}

// cliGate is the TerraformVersionCheck of a test that needs f.
type cliGate struct{ feature cliFeature }

func needs(f cliFeature) []tfversion.TerraformVersionCheck {
	return []tfversion.TerraformVersionCheck{cliGate{feature: f}}
}

func (g cliGate) CheckTerraformVersion(_ context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	resp.Skip = g.feature.skipReason(testCLI().openTofu, req.TerraformVersion.Core().String())
}

// lacks is the TerraformVersionCheck of a test of what a user of a CLI without f gets: it
// runs only where f is missing.
func lacks(f cliFeature) []tfversion.TerraformVersionCheck {
	return []tfversion.TerraformVersionCheck{cliLacksGate{feature: f}}
}

type cliLacksGate struct{ feature cliFeature }

func (g cliLacksGate) CheckTerraformVersion(_ context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	if tofu := testCLI().openTofu; g.feature.has(tofu, req.TerraformVersion.Core().String()) {
		resp.Skip = fmt.Sprintf("%s%s %s has %s (%s): the test is of a CLI without them",
			cliGatePrefix, cliName(tofu), req.TerraformVersion.Core().String(), g.feature.name, g.feature.where())
	}
}

// cliInfo is the CLI the acceptance tests run: TF_ACC_TERRAFORM_PATH, else terraform on PATH.
type cliInfo struct {
	path     string
	openTofu bool
	version  string // "1.11.4", "" when unknown
}

var (
	openTofuVersionLine = regexp.MustCompile(`(?m)^OpenTofu v`)
	cliVersionLine      = regexp.MustCompile(`(?m)^(?:Terraform|OpenTofu) v(\S+)`)
)

var testCLI = sync.OnceValue(func() cliInfo {
	path := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if path == "" {
		path, _ = exec.LookPath("terraform")
	}
	info := cliInfo{path: path}
	if path != "" {
		out, _ := exec.Command(path, "version").Output()
		info.openTofu = openTofuVersionLine.Match(out)
		if m := cliVersionLine.FindSubmatch(out); m != nil {
			info.version = string(m[1])
		}
	}
	return info
})

// cliTest runs tc through the CLI (resource.ParallelTest). A case its version gates skip
// on this CLI skips at once, with the gate's message: the test framework would first run
// the CLI to learn its version, once per case.
func cliTest(t *testing.T, tc resource.TestCase) {
	t.Helper()
	skipForGates(t, tc.TerraformVersionChecks)
	resource.ParallelTest(t, tc)
}

// skipForGates skips t where checks skip it on the CLI testCLI found.
func skipForGates(t *testing.T, checks []tfversion.TerraformVersionCheck) {
	t.Helper()
	if len(checks) == 0 || os.Getenv(resource.EnvTfAcc) == "" {
		return // without TF_ACC the framework skips, saying why
	}
	v, err := version.NewVersion(testCLI().version)
	if err != nil {
		return // the framework learns the version itself
	}
	for _, c := range checks {
		var resp tfversion.CheckTerraformVersionResponse
		c.CheckTerraformVersion(context.Background(), tfversion.CheckTerraformVersionRequest{TerraformVersion: v}, &resp)
		if resp.Skip != "" {
			t.Skip(resp.Skip)
		}
	}
}

// TestMain prepares OpenTofu runs. The test framework reattaches the in-process provider
// as <host>/hashicorp/netops, and OpenTofu reads the configurations' implicit "netops" as
// registry.opentofu.org/hashicorp/netops: the host is OpenTofu's registry. OpenTofu
// prints a warning before its version when TF_CLI_CONFIG_FILE names a missing file
// (Terraform says nothing), and the framework cannot read that version: the variable is
// dropped then.
func TestMain(m *testing.M) {
	if os.Getenv(resource.EnvTfAcc) != "" {
		if f := os.Getenv("TF_CLI_CONFIG_FILE"); f != "" {
			if _, err := os.Stat(f); err != nil {
				_ = os.Unsetenv("TF_CLI_CONFIG_FILE")
			}
		}
		if os.Getenv(resource.EnvTfAccProviderHost) == "" && testCLI().openTofu {
			_ = os.Setenv(resource.EnvTfAccProviderHost, "registry.opentofu.org")
		}
	}
	os.Exit(m.Run())
}

// resourceConfigValue decodes the first resource block of type typ in config against the
// provider's schema, as Terraform sends it in ValidateResourceConfig.
func resourceConfigValue(t *testing.T, s *planServer, typ, config string) *tfprotov6.DynamicValue {
	t.Helper()
	file, diags := hclsyntax.ParseConfig([]byte(config), "main.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("the configuration does not parse: %s", diags)
	}
	for _, b := range file.Body.(*hclsyntax.Body).Blocks {
		if b.Type != "resource" || b.Labels[0] != typ {
			continue
		}
		_, body, diags := b.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "provider"}}})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		v, diags := decodeBlock(body, s.schema.ResourceSchemas[typ].Block)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		return v
	}
	t.Fatalf("no resource %s in the configuration", typ)
	return nil
}
