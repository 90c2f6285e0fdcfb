package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// sample is one run of one command: the floor, then the provider.
type sample struct {
	floor, provider measured
	calls           callStats
	mockCPU         time.Duration // the mock's user+sys during the provider command
}

// series is every run at one N.
type series struct {
	n, runs int
	byCmd   map[string][]sample
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

func run(ctx context.Context, o options) (err error) {
	began := time.Now()
	root, err := repoRoot()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "netops-bench-")
	if err != nil {
		return err
	}
	defer func() {
		if rmErr := os.RemoveAll(tmp); rmErr != nil && err == nil {
			err = rmErr
		}
	}()

	logf("building the provider and the mock")
	providerBin, mockBin, err := buildBinaries(ctx, root, tmp, o.version, o.timeout)
	if err != nil {
		return err
	}
	logf("starting the mock on free loopback ports")
	mock, err := startMock(ctx, mockBin, filepath.Join(tmp, "mock"))
	if err != nil {
		return err
	}
	defer mock.stop()
	logf("FireFlow mock at %s", mock.base)

	cliPath, err := writeCLIConfig(tmp, filepath.Dir(providerBin))
	if err != nil {
		return err
	}
	env := commandEnv(cliPath, mock.env)
	tf := terraform{bin: o.terraform, env: env, timeout: o.timeout, sample: o.sampleEach}
	machine, err := describeMachine(ctx, o.terraform, env)
	if err != nil {
		return err
	}

	logf("provider start-up: %d runs", o.startups)
	startups, err := measureStartups(ctx, providerBin, tmp, env, o.startups)
	if err != nil {
		return err
	}

	var all []series
	for i, n := range o.ns {
		s, err := runSeries(ctx, tf, mock, tmp, n, o.runs[i])
		if err != nil {
			return err
		}
		all = append(all, s)
	}
	machine.loadEnd = loadAvg()

	report := renderReport(reportInput{
		opts: o, machine: machine, series: all, startups: startups,
		elapsed: time.Since(began), date: began,
	})
	report += "\n" + findings
	fmt.Print(report)
	if o.out == "" {
		return nil
	}
	out := o.out
	if !filepath.IsAbs(out) {
		out = filepath.Join(root, out)
	}
	if err := os.WriteFile(out, []byte(report), 0o644); err != nil { //nolint:gosec // a markdown report for the repository
		return err
	}
	logf("wrote %s (%s)", out, time.Since(began).Round(time.Second))
	return nil
}

// runSeries measures every command runs times at n resources.
func runSeries(ctx context.Context, tf terraform, mock *mockProc, tmp string, n, runs int) (series, error) {
	s := series{n: n, runs: runs, byCmd: map[string][]sample{}}
	providerDir, floorDir, err := writeWorkspaces(tmp, n)
	if err != nil {
		return s, err
	}
	// Not measured: checks both configurations (and warms the page cache). With
	// dev_overrides no init is needed; should terraform ask for one, run it here.
	for _, dir := range []string{floorDir, providerDir} {
		if err := runQuiet(ctx, tf.timeout, dir, tf.env, tf.bin, "validate", "-no-color"); err != nil {
			logf("validate failed, running terraform init in %s", dir)
			if err := runQuiet(ctx, tf.timeout, dir, tf.env, tf.bin, "init", "-input=false", "-no-color"); err != nil {
				return s, err
			}
			if err := runQuiet(ctx, tf.timeout, dir, tf.env, tf.bin, "validate", "-no-color"); err != nil {
				return s, err
			}
		}
	}
	slack := 2*tf.sample + 5*time.Millisecond
	for r := 1; r <= runs; r++ {
		for _, c := range commands {
			floor, err := tf.run(ctx, floorDir, c.args...)
			if err != nil {
				return s, err
			}
			if err := mock.resetCalls(ctx); err != nil {
				return s, err
			}
			mockBefore, _ := cpuTime(mock.cmd.Process.Pid)
			prov, err := tf.run(ctx, providerDir, c.args...)
			if err != nil {
				return s, err
			}
			mockAfter, _ := cpuTime(mock.cmd.Process.Pid)
			calls, err := mock.calls(ctx)
			if err != nil {
				return s, err
			}
			if err := mock.resetCalls(ctx); err != nil {
				return s, err
			}
			st := countCalls(calls, prov.procs, slack)
			s.byCmd[c.name] = append(s.byCmd[c.name], sample{floor: floor, provider: prov, calls: st, mockCPU: mockAfter - mockBefore})
			logf("N=%-4d run %d/%d %-7s floor %6.2fs  provider %6.2fs  (%.2fx)  requests %d (%.2f/resource, %d logins)  provider processes %d (lifetimes %s s)  peak RSS %.1f MiB",
				n, r, runs, c.name, floor.wall.Seconds(), prov.wall.Seconds(), ratio(prov.wall, floor.wall),
				st.total, st.perResource(n), st.logins, st.procs, lifetimes(prov.procs), mib(st.hwmKiB))
		}
	}
	return s, nil
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func mib(kib int64) float64 { return float64(kib) / 1024 }

// lifetimes lists how long each provider process was seen alive, in start order.
func lifetimes(procs []procInfo) string {
	if len(procs) == 0 {
		return "-"
	}
	parts := make([]string, len(procs))
	for i, p := range procs {
		parts[i] = f2(p.last.Sub(p.first).Seconds())
	}
	return strings.Join(parts, " / ")
}

// providerCPU is the user+sys time of the provider processes, as last sampled.
func providerCPU(procs []procInfo) time.Duration {
	var d time.Duration
	for _, p := range procs {
		d += p.cpu
	}
	return d
}
