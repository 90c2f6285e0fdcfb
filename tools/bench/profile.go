package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// profileDirEnv is the variable the provider and the twin (internal/serve) honour by
// writing cpu-<pid>.pprof and allocs-<pid>.pprof into the directory it names.
const profileDirEnv = "NETOPS_BENCH_PROFILE_DIR"

// profileCategories are inclusive shares: a sample counts for every category one of its
// frames matches, so the rows overlap.
var profileCategories = []struct{ label, focus string }{
	{"everything", ""},
	{"framework (terraform-plugin-framework)", `terraform-plugin-framework/`},
	{"plugin protocol server (terraform-plugin-go tf6server)", `terraform-plugin-go/tfprotov6/tf6server`},
	{"provider resource code (internal/provider)", `terraform-provider-netops/internal/provider\.`},
	{"FireFlow client and transport", `terraform-provider-netops/internal/(fireflow|transport)\.`},
	{"tflog.NewSubsystem", `tflog\.NewSubsystem`},
	{"net/http client", `^net/http\.`},
	{"TLS handshakes", `crypto/tls\.\(\*Conn\)\.(clientHandshake|HandshakeContext)`},
	{"JSON decoding", `encoding/json\.(Unmarshal|\(\*Decoder\))`},
	{"garbage collection (background)", `runtime\.gcBgMarkWorker`},
}

// profileSummary is the merged profiles of one command for the twin and the provider.
type profileSummary struct {
	command        string
	twin, provider profileFiles
	cpu, alloc     []categoryShare
	cpuDiff        string // pprof -top of provider minus twin
	allocDiff      string
}

type profileFiles struct{ cpu, allocs string }

type categoryShare struct {
	label          string
	twin, provider float64 // seconds of CPU or MB allocated
}

// collectProfiles runs apply, plan and destroy once more at n, unmeasured, for the twin and
// for the provider with profiling on, merges the profiles of each command's provider
// processes into outDir and summarizes them.
func collectProfiles(ctx context.Context, sd sides, mock *mockProc, tmp, outDir string, n int) ([]profileSummary, error) {
	logf("profiled runs at N=%d (not measured) into %s", n, outDir)
	if err := os.RemoveAll(outDir); err != nil {
		return nil, err
	}
	ws, err := writeWorkspaces(tmp, n)
	if err != nil {
		return nil, err
	}
	if err := prepare(ctx, sd.provider, ws.provider); err != nil {
		return nil, err
	}
	if err := prepare(ctx, sd.twin, ws.twin); err != nil {
		return nil, err
	}
	var out []profileSummary
	files := map[string]map[string]profileFiles{"twin": {}, "provider": {}}
	for _, side := range []struct {
		name string
		tf   terraform
		dir  string
	}{{"twin", sd.twin, ws.twin}, {"provider", sd.provider, ws.provider}} {
		for _, c := range commands {
			raw := filepath.Join(outDir, "raw", side.name+"-"+c.name)
			if err := os.MkdirAll(raw, 0o750); err != nil {
				return nil, err
			}
			tf := side.tf
			tf.env = append(tf.env[:len(tf.env):len(tf.env)], profileDirEnv+"="+raw)
			if _, err := tf.run(ctx, side.dir, c.args...); err != nil {
				return nil, err
			}
			if err := mock.resetCalls(ctx); err != nil {
				return nil, err
			}
			var pf profileFiles
			for _, kind := range []string{"cpu", "allocs"} {
				merged := filepath.Join(outDir, fmt.Sprintf("%s-%s.%s.pprof", side.name, c.name, kind))
				if err := mergeProfiles(ctx, filepath.Join(raw, kind+"-*.pprof"), merged); err != nil {
					return nil, err
				}
				if kind == "cpu" {
					pf.cpu = merged
				} else {
					pf.allocs = merged
				}
			}
			files[side.name][c.name] = pf
		}
	}
	if err := os.RemoveAll(filepath.Join(outDir, "raw")); err != nil {
		return nil, err
	}
	for _, c := range commands {
		s := profileSummary{command: c.name, twin: files["twin"][c.name], provider: files["provider"][c.name]}
		for _, cat := range profileCategories {
			var cpu, alloc categoryShare
			cpu.label, alloc.label = cat.label, cat.label
			var err error
			if cpu.twin, err = focusTotal(ctx, s.twin.cpu, "", cat.focus); err != nil {
				return nil, err
			}
			if cpu.provider, err = focusTotal(ctx, s.provider.cpu, "", cat.focus); err != nil {
				return nil, err
			}
			if alloc.twin, err = focusTotal(ctx, s.twin.allocs, "alloc_space", cat.focus); err != nil {
				return nil, err
			}
			if alloc.provider, err = focusTotal(ctx, s.provider.allocs, "alloc_space", cat.focus); err != nil {
				return nil, err
			}
			s.cpu, s.alloc = append(s.cpu, cpu), append(s.alloc, alloc)
		}
		var err error
		if s.cpuDiff, err = pprofText(ctx, "-top", "-cum", "-nodecount=25", "-diff_base="+s.twin.cpu, s.provider.cpu); err != nil {
			return nil, err
		}
		if s.allocDiff, err = pprofText(ctx, "-top", "-nodecount=20", "-sample_index=alloc_space", "-diff_base="+s.twin.allocs, s.provider.allocs); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func mergeProfiles(ctx context.Context, glob, out string) error {
	in, err := filepath.Glob(glob)
	if err != nil {
		return err
	}
	if len(in) == 0 {
		return fmt.Errorf("no profile matches %s (did the plugin processes exit normally?)", glob)
	}
	args := append([]string{"tool", "pprof", "-proto", "-output", out}, in...)
	return runQuiet(ctx, 5*time.Minute, "", nil, "go", args...)
}

func pprofText(ctx context.Context, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", append([]string{"tool", "pprof"}, args...)...) //nolint:gosec // go tool pprof on our profiles
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go tool pprof %s: %w\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String(), nil
}

var accounting = regexp.MustCompile(`Showing nodes accounting for ([0-9.]+)([a-zA-Z]*)`)

// focusTotal is the total of the samples that pass through a frame matching focus (all
// samples when focus is empty): seconds for a CPU profile, MB for alloc_space.
func focusTotal(ctx context.Context, file, sampleIndex, focus string) (float64, error) {
	args := []string{"-top", "-nodecount=1000000", "-nodefraction=0", "-edgefraction=0"}
	if sampleIndex != "" {
		args = append(args, "-sample_index="+sampleIndex)
	}
	if focus != "" {
		args = append(args, "-focus="+focus)
	}
	text, err := pprofText(ctx, append(args, file)...)
	if err != nil {
		return 0, err
	}
	m := accounting.FindStringSubmatch(text)
	if m == nil {
		return 0, nil // nothing matches the focus
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil || v == 0 {
		return 0, err
	}
	scale := map[string]float64{
		"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "mins": 60, "hrs": 3600,
		"B": 1.0 / (1 << 20), "kB": 1.0 / (1 << 10), "MB": 1, "GB": 1 << 10, "TB": 1 << 20,
	}[m[2]]
	if scale == 0 {
		return 0, fmt.Errorf("pprof unit %q in %q", m[2], m[0])
	}
	return v * scale, nil
}
