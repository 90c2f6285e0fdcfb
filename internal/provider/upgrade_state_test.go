package provider

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A state written by 0.1.0 and its unchanged configuration plan no changes with this
// build, through a real terraform plan: the attributes added since (device) read as null,
// and nothing is sent but reads. The 0.1.0 state is the one this CLI writes for the
// configuration, less what 0.1.0's schema did not have (device), so that it carries what
// this CLI records (sensitivity, identity) as it would have with 0.1.0.
func TestAccUpgrade_stateFrom010PlansNoChanges(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	testAccPreCheck(t)
	t.Parallel()
	f := newFTDFixture(t)

	dir := t.TempDir()
	config := reattachedFTDProvider(t, f.primary.Host()) +
		replaceProviderRef(ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY"))
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cli.tfrc"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	reattach := serveInProcess(t)
	run := func(args ...string) ([]byte, error) {
		cmd := exec.Command(terraformPath(), args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+reattach, "TF_CLI_CONFIG_FILE="+filepath.Join(dir, "cli.tfrc"), "TF_IN_AUTOMATION=1")
		return cmd.CombinedOutput()
	}
	if out, err := run("apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
		t.Fatalf("terraform apply: %v\n%s", err, out)
	}
	dropAttributes(t, filepath.Join(dir, "terraform.tfstate"), "device")
	writes := func() int {
		n := 0
		for _, c := range f.primary.Calls() {
			if c.Method != http.MethodGet && !strings.HasSuffix(c.Path, "/fdm/token") {
				n++
			}
		}
		return n
	}
	before := writes()

	// Without refresh the plan compares the upgraded state itself with the configuration;
	// with it, what the unit holds.
	for _, refresh := range []string{"-refresh=false", "-refresh=true"} {
		out, err := run("plan", refresh, "-detailed-exitcode", "-input=false", "-no-color")
		var exit *exec.ExitError
		switch {
		case err == nil:
		case errors.As(err, &exit) && exit.ExitCode() == 2:
			t.Fatalf("plan %s: the 0.1.0 state plans changes:\n%s", refresh, out)
		default:
			t.Fatalf("terraform plan %s: %v\n%s", refresh, err, out)
		}
	}
	if n := writes() - before; n != 0 {
		t.Fatalf("the plan sent %d requests that change the unit", n)
	}
}

// dropAttributes removes attributes from every resource instance of a state file, as a
// release whose schema lacked them wrote it.
func dropAttributes(t *testing.T, path string, names ...string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var st map[string]any
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	resources, _ := st["resources"].([]any)
	for _, r := range resources {
		instances, _ := r.(map[string]any)["instances"].([]any)
		for _, i := range instances {
			attrs, _ := i.(map[string]any)["attributes"].(map[string]any)
			for _, n := range names {
				if _, ok := attrs[n]; !ok {
					t.Fatalf("the state has no attribute %s to drop", n)
				}
				delete(attrs, n)
			}
		}
	}
	if b, err = json.MarshalIndent(st, "", "  "); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
