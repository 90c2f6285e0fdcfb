package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// sample is one run of one command: the floor, the twin and the provider, each right
// after the other (the twin and the provider take turns going first).
type sample struct {
	floor, twin, provider measured
	calls                 callStats     // the provider's FireFlow requests
	twinCalls             int           // the twin's FireFlow requests: none
	mockCPU               time.Duration // the mock's user+sys during the provider command
}

// series is every run at one N.
type series struct {
	n, runs int
	byCmd   map[string][]sample
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

// sides are how terraform runs the provider and its twin: the same command line with
// dev_overrides to the one or the other binary.
type sides struct {
	provider, twin terraform
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

	logf("building the provider, its no-op twin and the mock")
	bins, err := buildBinaries(ctx, root, tmp, o.version, o.timeout)
	if err != nil {
		return err
	}
	if o.fleetOnly {
		return runFleetOnly(ctx, o, bins, tmp, root)
	}
	logf("starting the mock on free loopback ports")
	mock, err := startMock(ctx, bins.mock, filepath.Join(tmp, "mock"))
	if err != nil {
		return err
	}
	defer mock.stop()
	logf("FireFlow mock at %s", mock.base)

	var sd sides
	for _, side := range []struct {
		tf  *terraform
		rc  string
		bin string
	}{{&sd.provider, "terraformrc", bins.provider}, {&sd.twin, "terraformrc-twin", bins.twin}} {
		cliPath, err := writeCLIConfig(tmp, side.rc, filepath.Dir(side.bin))
		if err != nil {
			return err
		}
		*side.tf = terraform{bin: o.terraform, env: commandEnv(cliPath, mock.env), timeout: o.timeout, sample: o.sampleEach}
	}
	machine, err := describeMachine(ctx, o.terraform, sd.provider.env)
	if err != nil {
		return err
	}

	logf("provider start-up: %d runs", o.startups)
	startups, err := measureStartups(ctx, bins.provider, tmp, sd.provider.env, o.startups)
	if err != nil {
		return err
	}

	var all []series
	for i, n := range o.ns {
		s, err := runSeries(ctx, sd, mock, tmp, n, o.runs[i])
		if err != nil {
			return err
		}
		all = append(all, s)
	}
	var profs []profileSummary
	if o.profileN > 0 {
		profs, err = collectProfiles(ctx, sd, mock, tmp, filepath.Join(root, o.profileDir), o.profileN)
		if err != nil {
			return err
		}
	}
	machine.loadEnd = loadAvg()
	var fleetSection string
	if o.fleetPairs > 0 {
		mock.stop() // the fleet case has its own mock
		fs, err := runFleet(ctx, o, bins, tmp)
		if err != nil {
			return err
		}
		fleetSection = renderFleet(fs, machine, o)
	}

	report := renderReport(reportInput{
		opts: o, machine: machine, series: all, startups: startups, profiles: profs,
		elapsed: time.Since(began), date: began,
	})
	if fleetSection != "" {
		report += "\n" + fleetSection
	}
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

// prepare checks the configurations (and warms the page cache), unmeasured. With
// dev_overrides no init is needed; should terraform ask for one, it runs here.
func prepare(ctx context.Context, tf terraform, dirs ...string) error {
	for _, dir := range dirs {
		if err := runQuiet(ctx, tf.timeout, dir, tf.env, tf.bin, "validate", "-no-color"); err != nil {
			logf("validate failed, running terraform init in %s", dir)
			if err := runQuiet(ctx, tf.timeout, dir, tf.env, tf.bin, "init", "-input=false", "-no-color"); err != nil {
				return err
			}
			if err := runQuiet(ctx, tf.timeout, dir, tf.env, tf.bin, "validate", "-no-color"); err != nil {
				return err
			}
		}
	}
	return nil
}

// runSeries measures every command runs times at n resources.
func runSeries(ctx context.Context, sd sides, mock *mockProc, tmp string, n, runs int) (series, error) {
	s := series{n: n, runs: runs, byCmd: map[string][]sample{}}
	ws, err := writeWorkspaces(tmp, n)
	if err != nil {
		return s, err
	}
	if err := prepare(ctx, sd.provider, ws.floor, ws.provider); err != nil {
		return s, err
	}
	if err := prepare(ctx, sd.twin, ws.twin); err != nil {
		return s, err
	}
	slack := 2*sd.provider.sample + 5*time.Millisecond
	for r := 1; r <= runs; r++ {
		for _, c := range commands {
			var x sample
			floor, err := sd.provider.run(ctx, ws.floor, c.args...)
			if err != nil {
				return s, err
			}
			x.floor = floor
			runTwin := func() error {
				if err := mock.resetCalls(ctx); err != nil {
					return err
				}
				m, err := sd.twin.run(ctx, ws.twin, c.args...)
				if err != nil {
					return err
				}
				calls, err := mock.calls(ctx)
				x.twin, x.twinCalls = m, len(calls)
				return err
			}
			runProvider := func() error {
				if err := mock.resetCalls(ctx); err != nil {
					return err
				}
				mockBefore, _ := cpuTime(mock.cmd.Process.Pid)
				m, err := sd.provider.run(ctx, ws.provider, c.args...)
				if err != nil {
					return err
				}
				mockAfter, _ := cpuTime(mock.cmd.Process.Pid)
				calls, err := mock.calls(ctx)
				if err != nil {
					return err
				}
				x.provider, x.mockCPU = m, mockAfter-mockBefore
				x.calls = countCalls(calls, m.procs, slack)
				return mock.resetCalls(ctx)
			}
			order := []func() error{runTwin, runProvider}
			if r%2 == 0 {
				order[0], order[1] = order[1], order[0]
			}
			for _, f := range order {
				if err := f(); err != nil {
					return s, err
				}
			}
			if x.twinCalls != 0 {
				return s, fmt.Errorf("the twin sent %d requests to FireFlow during %s; it must send none", x.twinCalls, c.name)
			}
			s.byCmd[c.name] = append(s.byCmd[c.name], x)
			st := x.calls
			logf("N=%-4d run %d/%d %-7s floor %6.2fs  twin %6.2fs  provider %6.2fs  (%.2fx twin, %.2fx floor)  requests %d (%.2f/resource, %d logins)  provider processes %d (lifetimes %s s)  peak RSS twin %.1f provider %.1f MiB",
				n, r, runs, c.name, x.floor.wall.Seconds(), x.twin.wall.Seconds(), x.provider.wall.Seconds(),
				ratio(x.provider.wall, x.twin.wall), ratio(x.provider.wall, x.floor.wall),
				st.total, st.perResource(n), st.logins, st.procs, lifetimes(x.provider.procs), mib(peakRSS(x.twin.procs)), mib(st.hwmKiB))
		}
	}
	return s, nil
}

// peakRSS is the largest VmHWM of the processes, in KiB.
func peakRSS(procs []procInfo) int64 {
	var k int64
	for _, p := range procs {
		k = max(k, p.hwmKiB)
	}
	return k
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

// runFleetOnly runs the fleet case alone and replaces its section of the report in -out.
func runFleetOnly(ctx context.Context, o options, bins binaries, tmp, root string) error {
	machine, err := describeMachine(ctx, o.terraform, commandEnv("", nil))
	if err != nil {
		return err
	}
	fs, err := runFleet(ctx, o, bins, tmp)
	if err != nil {
		return err
	}
	section := renderFleet(fs, machine, o)
	fmt.Print(section)
	if o.out == "" {
		return nil
	}
	out := o.out
	if !filepath.IsAbs(out) {
		out = filepath.Join(root, out)
	}
	old, err := os.ReadFile(out) //nolint:gosec // the report named by -out
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	if err := os.WriteFile(out, []byte(spliceFleet(string(old), section)), 0o644); err != nil { //nolint:gosec // a markdown report for the repository
		return err
	}
	logf("replaced the fleet section of %s", out)
	return nil
}
