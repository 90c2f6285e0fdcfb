package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

// SIGINT to terraform during a long FTD join wait: terraform stops promptly and the
// state holds the join job's id.
func TestAccReliability_interruptDuringJoinWait(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	testAccPreCheck(t)
	t.Parallel()
	pair := ftdmock.NewPair(ftdmock.Options{Timings: ftdmock.Timings{JobQueued: time.Second, JobDeploying: 10 * time.Minute}})
	primary, secondary, err := pair.Serve(testAuthority(t), "", "")
	if err != nil {
		t.Fatal(err)
	}
	defer primary.Close()
	defer secondary.Close()

	dir := t.TempDir()
	config := reattachedFTDProvider(t, primary.Host()) +
		ftdConfiguration("fw_a", "fw_a", "HA_PRIMARY") + `
resource "netops_ftd_ha_join" "fw_a" {
  depends_on = [netops_ftd_ha_configuration.fw_a]
}
`
	config = replaceProviderRef(config)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cli.tfrc"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	reattach := serveInProcess(t)

	cmd := exec.Command(terraformPath(), "apply", "-auto-approve", "-input=false", "-no-color")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+reattach, "TF_CLI_CONFIG_FILE="+filepath.Join(dir, "cli.tfrc"), "TF_IN_AUTOMATION=1")
	out := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	// Wait until the join job is deploying and the provider is polling it.
	var jobID string
	for deadline := time.Now().Add(60 * time.Second); jobID == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		for _, j := range pair.Jobs(ftdmock.Primary, ftdmock.OpJoin) {
			if j.State == "DEPLOYING" {
				jobID = j.ID
			}
		}
	}
	if jobID == "" {
		_ = cmd.Process.Kill()
		t.Fatalf("the join never started:\n%s", out)
	}
	time.Sleep(1500 * time.Millisecond) // the provider is inside its wait
	signalled := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case exit := <-done:
		t.Logf("terraform exited: %v", exit)
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("terraform did not stop within 30 s of SIGINT:\n%s", out)
	}
	stopped := time.Since(signalled)
	t.Logf("terraform stopped %.2f s after SIGINT", stopped.Seconds())
	if stopped > 2*time.Second {
		t.Errorf("terraform stopped %.2f s after SIGINT, want within 2 s", stopped.Seconds())
	}
	if id := stateResourceID(t, filepath.Join(dir, "terraform.tfstate"), "netops_ftd_ha_join", "fw_a"); id != jobID {
		t.Fatalf("state holds join id %q, want the job %q\n%s", id, jobID, out)
	}
}

// reattachedFTDProvider is the provider of a configuration that a test runs through
// terraform itself, with the provider served by serveInProcess: its source is the address
// serveInProcess reattaches, and its ftd block points at host.
func reattachedFTDProvider(t *testing.T, host string) string {
	return fmt.Sprintf(`
terraform {
  required_providers {
    netops = { source = "registry.terraform.io/netops/netops" }
  }
}

provider "netops" {
  ftd {
    host        = %q
    username    = %q
    password    = %q
    ca_cert_pem = %s
  }
}
`, host, ftdmock.Username, ftdmock.Password, heredoc(string(testAuthority(t).CertPEM())))
}

// replaceProviderRef drops the test fixtures' provider references: one provider here.
func replaceProviderRef(config string) string {
	return regexpProviderLine.ReplaceAllString(config, "")
}

// serveInProcess serves a provider instance for a terraform started by the test and
// returns its TF_REATTACH_PROVIDERS value.
func serveInProcess(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	configCh := make(chan *plugin.ReattachConfig, 1)
	closeCh := make(chan struct{})
	factory := func() tfprotov6.ProviderServer {
		s, err := testProviderServer()
		if err != nil {
			t.Error(err)
		}
		return s
	}
	go func() {
		if err := tf6server.Serve("registry.terraform.io/netops/netops", factory, tf6server.WithDebug(ctx, configCh, closeCh),
			tf6server.WithLoggingSink(t), tf6server.WithGoPluginLogger(hclog.New(&hclog.LoggerOptions{Output: io.Discard}))); err != nil {
			t.Error(err)
		}
	}()
	t.Cleanup(func() {
		cancel()
		<-closeCh
	})
	rc := <-configCh
	b, err := json.Marshal(map[string]any{"registry.terraform.io/netops/netops": map[string]any{
		"Protocol": rc.Protocol, "ProtocolVersion": rc.ProtocolVersion, "Pid": rc.Pid, "Test": rc.Test,
		"Addr": map[string]string{"Network": rc.Addr.Network(), "String": rc.Addr.String()},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func terraformPath() string {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	return "terraform"
}

// stateResourceID reads a resource's id from a state file.
func stateResourceID(t *testing.T, path, typ, name string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the state: %v", err)
	}
	var st struct {
		Resources []struct {
			Type, Name string
			Instances  []struct {
				Attributes map[string]any `json:"attributes"`
				Status     string         `json:"status"`
			}
		}
	}
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	for _, r := range st.Resources {
		if r.Type == typ && r.Name == name && len(r.Instances) == 1 {
			id, _ := r.Instances[0].Attributes["id"].(string)
			return id
		}
	}
	return ""
}

// lockedBuffer collects a command's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
