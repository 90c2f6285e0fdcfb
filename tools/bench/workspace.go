package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The FireFlow request every provider resource opens: the mock's seeded template and
// device, one addObjectsToGroup action, a subject unique per index.
const providerConfig = `terraform {
  required_providers {
    netops = {
      source = "netops/netops"
    }
  }
}

# Configured from the NETOPS_FIREFLOW_* variables the mock writes.
provider "netops" {}

resource "netops_fireflow_object_change_request" "r" {
  count    = %d
  template = "135: Object Change Multi Device Request"
  subject  = "bench request ${count.index}"
  devices  = ["FW_101"]

  requested_action {
    action   = "addObjectsToGroup"
    name     = "GR_Network_Devices"
    type     = "network"
    is_group = true
    values   = ["Net_10.163.40.232_31"]
  }
}
`

// The floor: the same number of resources of Terraform's built-in terraform_data.
const floorConfig = `resource "terraform_data" "r" {
  count = %d
  input = "value ${count.index}"
}
`

const cliConfig = `provider_installation {
  dev_overrides {
    "netops/netops" = %q
  }
  direct {}
}
`

// workspaces are the working directories of one N: the provider's and the twin's hold the
// same configuration, each with its own state.
type workspaces struct{ floor, twin, provider string }

// writeWorkspaces writes, for n resources, the floor, twin and provider working directories.
func writeWorkspaces(tmp string, n int) (workspaces, error) {
	w := workspaces{
		floor:    filepath.Join(tmp, fmt.Sprintf("n%d-floor", n)),
		twin:     filepath.Join(tmp, fmt.Sprintf("n%d-twin", n)),
		provider: filepath.Join(tmp, fmt.Sprintf("n%d-provider", n)),
	}
	for dir, body := range map[string]string{w.provider: providerConfig, w.twin: providerConfig, w.floor: floorConfig} {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return w, err
		}
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), fmt.Appendf(nil, body, n), 0o600); err != nil {
			return w, err
		}
	}
	return w, nil
}

// writeCLIConfig writes a Terraform CLI configuration named name: dev_overrides to binDir.
func writeCLIConfig(tmp, name, binDir string) (string, error) {
	path := filepath.Join(tmp, name)
	return path, os.WriteFile(path, fmt.Appendf(nil, cliConfig, binDir), 0o600)
}

// commandEnv is the environment of every measured command: the caller's, without any
// TF_* (no TF_LOG*, TF_CLI_ARGS*, TF_DATA_DIR...) or NETOPS_* variable, plus the CLI
// configuration, TF_IN_AUTOMATION, CHECKPOINT_DISABLE and the mock's FireFlow variables.
func commandEnv(cliConfigPath string, fireflow map[string]string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "NETOPS_") || name == "CHECKPOINT_DISABLE" {
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"TF_CLI_CONFIG_FILE="+cliConfigPath,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
	)
	names := make([]string, 0, len(fireflow))
	for name := range fireflow {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		env = append(env, name+"="+fireflow[name])
	}
	return env
}
