package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

const modulePath = "github.com/netops/terraform-provider-netops"

// repoRoot reports the current directory if it is the root of this module.
func repoRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	gomod, err := os.ReadFile(filepath.Join(wd, "go.mod")) //nolint:gosec // the go.mod of the current directory
	if err != nil {
		return "", fmt.Errorf("run bench from the repository root (make bench): %w", err)
	}
	if !strings.Contains(string(gomod), "module "+modulePath+"\n") {
		return "", fmt.Errorf("%s/go.mod is not module %s: run bench from the repository root", wd, modulePath)
	}
	return wd, nil
}

// binaries are the programs the benchmark builds.
type binaries struct {
	provider string // as make build builds it: <tmp>/bin/terraform-provider-netops
	twin     string // the no-op twin (tools/bench/twin): <tmp>/twin/terraform-provider-netops
	mock     string // the standalone mock: <tmp>/netops-mock
}

// buildBinaries builds the provider and its twin with the ldflags of make build, and the
// standalone mock. Both providers are named terraform-provider-netops, in their own
// directories, so that each serves netops/netops through its own dev_overrides.
func buildBinaries(ctx context.Context, root, tmp, version string, timeout time.Duration) (binaries, error) {
	b := binaries{
		provider: filepath.Join(tmp, "bin", providerName),
		twin:     filepath.Join(tmp, "twin", providerName),
		mock:     filepath.Join(tmp, "netops-mock"),
	}
	builds := [][]string{
		{"build", "-ldflags", "-X main.version=" + version, "-o", b.provider, "."},
		{"build", "-ldflags", "-X main.version=" + version, "-o", b.twin, "./tools/bench/twin"},
		{"build", "-o", b.mock, "./internal/mock/cmd/netops-mock"},
	}
	for _, args := range builds {
		if err := runQuiet(ctx, timeout, root, nil, "go", args...); err != nil {
			return b, err
		}
	}
	return b, nil
}

// runQuiet runs a command to completion within timeout and returns its output in the
// error when it fails.
func runQuiet(ctx context.Context, timeout time.Duration, dir string, env []string, name string, args ...string) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...) //nolint:gosec // fixed tools (go, terraform) with arguments built here
	cmd.Dir = dir
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			err = fmt.Errorf("timed out after %s", timeout)
		}
		return fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, tail(out.String(), 40))
	}
	return nil
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"[...]"}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}
