package provider

import (
	"os"
	"os/exec"
	"regexp"
	"testing"
)

// envOwnProcess names the test a child test process runs (runInOwnProcess).
const envOwnProcess = "NETOPS_TEST_OWN_PROCESS"

// runInOwnProcess runs the calling test alone in a child process of the test binary,
// beside the other tests, and reports true once it has (the caller then returns). A test
// that must set process-wide environment (t.Setenv) would otherwise run before all the
// parallel tests, alone. In the child it reports false and the test runs.
func runInOwnProcess(t *testing.T) bool {
	t.Helper()
	if os.Getenv(envOwnProcess) == t.Name() {
		return false
	}
	t.Parallel()
	cmd := exec.Command(os.Args[0], "-test.run", "^"+regexp.QuoteMeta(t.Name())+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), envOwnProcess+"="+t.Name())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s in its own process: %v\n%s", t.Name(), err, out)
	}
	if m := regexp.MustCompile(`(?m)^\s*--- SKIP: .*\n\s*(.*)$`).FindSubmatch(out); m != nil {
		t.Skip(string(m[1]))
	}
	if !regexp.MustCompile(`(?m)^--- PASS: ` + regexp.QuoteMeta(t.Name()) + ` `).Match(out) {
		t.Fatalf("%s in its own process did not pass:\n%s", t.Name(), out)
	}
	t.Logf("passed in its own process")
	return true
}
