package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

type machine struct {
	cpus      int
	cpuModel  string
	goVersion string
	terraform string
	platform  string
	loadStart string
	loadEnd   string
}

func describeMachine(ctx context.Context, tfBin string, env []string) (machine, error) {
	m := machine{
		cpus:      runtime.NumCPU(), // as nproc: the CPUs this process may run on
		goVersion: runtime.Version(),
		platform:  runtime.GOOS + "/" + runtime.GOARCH,
		cpuModel:  cpuModel(),
		loadStart: loadAvg(),
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, tfBin, "version", "-json") //nolint:gosec // terraform
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		return m, fmt.Errorf("terraform version: %w", err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return m, fmt.Errorf("terraform version -json: %w", err)
	}
	m.terraform = v.Version
	return m, nil
}

func cpuModel() string {
	raw, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for line := range strings.SplitSeq(string(raw), "\n") {
		if name, value, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return "unknown CPU"
}

// loadAvg is the 1, 5 and 15 minute load averages.
func loadAvg() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(raw))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
