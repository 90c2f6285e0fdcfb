package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

type reportInput struct {
	opts     options
	machine  machine
	series   []series
	startups []time.Duration
	elapsed  time.Duration
	date     time.Time
}

// Targets from the benchmark issue.
const (
	planRatioMax        = 2.0
	applyRatioMax       = 1.5
	destroyRatioMax     = 1.2
	createPerResMax     = 2.0
	refreshPerRes       = 1.0
	destroyPerResMax    = 1.0
	loginsPerProcessMax = 1
	rssMiBMax           = 60.0
	startupMsMax        = 50.0
)

func mark(ok bool) string {
	if ok {
		return "✔"
	}
	return "✘"
}

func f2(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

func renderReport(in reportInput) string {
	var b strings.Builder
	m := in.machine
	fmt.Fprintf(&b, "# Benchmarks\n\n")
	fmt.Fprintf(&b, "Written by `make bench` (`go run ./tools/bench`, %s) on %s; the whole benchmark took %s.\n",
		runsText(in.opts), in.date.UTC().Format("2006-01-02 15:04 MST"), in.elapsed.Round(time.Second))
	fmt.Fprintf(&b, "Re-run it with `make bench`; `go run ./tools/bench -h` lists the flags (`-n`, `-runs`, `-out`, `-timeout`...).\n\n")
	fmt.Fprintf(&b, "**Machine:** %d CPUs (nproc; %s), %s, Go %s, Terraform %s. Load average (1, 5, 15 min): %s at the start, %s at the end.\n\n",
		m.cpus, m.cpuModel, m.platform, strings.TrimPrefix(m.goVersion, "go"), m.terraform, m.loadStart, m.loadEnd)
	if busy(m.loadStart, m.cpus) || busy(m.loadEnd, m.cpus) {
		fmt.Fprintf(&b, "> The machine was busy with other work while this ran (the load average was not far below the CPU count or above it): "+
			"absolute times are inflated and noisier; the paired ratios, where each provider command runs right after its floor, are less affected.\n\n")
	}
	b.WriteString(howMeasured(in.opts))

	target := findSeries(in.series, in.opts.targetN)
	fmt.Fprintf(&b, "\n## Targets (N = %d)\n\n", in.opts.targetN)
	b.WriteString(targetsTable(in, target).String())
	b.WriteString("\nTime ratios are the median of the per-run ratios provider / floor. Requests per resource are the FireFlow requests of the command other than logins, divided by N, in the worst run.\n")

	b.WriteString("\n## Wall clock (medians over the runs)\n\n")
	b.WriteString(timesTable(in.series).String())
	b.WriteString("\nRatio: median of the per-run ratios provider / floor, with their range. CPU: user + system time of terraform and of the provider processes it started.\n")

	if target != nil {
		fmt.Fprintf(&b, "\n## Where the time goes (N = %d, the run with the median provider time)\n\n", target.n)
		b.WriteString(breakdownTable(target).String())
		b.WriteString("\nCPU is user + system time. Terraform + providers: what the terraform process and the provider processes it waited for used; " +
			"provider processes: their own share, sampled (10 ms resolution). The mock runs on the same CPUs. " +
			"Lifetimes: each provider process the command started, in start order, from first to last sighting.\n")
	}

	b.WriteString("\n## Requests to the FireFlow mock, provider processes and memory (worst run)\n\n")
	b.WriteString(requestsTable(in.series).String())
	b.WriteString("\nCreates are `POST " + objectCreatePath + "`, reads `GET " + objectReadPrefix + "{id}`, logins `POST " + authenticatePath + "`. " +
		"Provider processes: how many the command started (distinct pids), and how many of them sent requests. " +
		"Logins per process: each request is attributed to the provider process alive when the mock received it.")
	if n := unattributed(in.series); n > 0 {
		fmt.Fprintf(&b, " %d requests arrived while no sampled provider process was alive; a login among them counts as a process of its own.", n)
	}
	b.WriteString("\n")

	sec := seconds(in.startups)
	fmt.Fprintf(&b, "\n## Provider start-up\n\nMedian %.1f ms over %d starts (min %.1f ms, max %.1f ms): exec of the provider binary with Terraform's go-plugin handshake environment until the handshake line on its stdout, when it serves.\n",
		1000*median(sec), len(sec), 1000*slices.Min(sec), 1000*slices.Max(sec))
	return b.String()
}

func runsText(o options) string {
	parts := make([]string, len(o.ns))
	for i, n := range o.ns {
		parts[i] = fmt.Sprintf("N = %d × %d runs", n, o.runs[i])
	}
	return strings.Join(parts, ", ")
}

func busy(load string, cpus int) bool {
	f := strings.Fields(load)
	if len(f) == 0 {
		return false
	}
	v, err := strconv.ParseFloat(f[0], 64)
	return err == nil && v >= 0.75*float64(cpus)
}

func howMeasured(o options) string {
	return fmt.Sprintf(`## How it is measured

- The provider is built as `+"`make build`"+` builds it and Terraform runs it through `+"`dev_overrides`"+` (no `+"`terraform init`"+`);
  the standalone mock (`+"`internal/mock/cmd/netops-mock`"+`) runs on free loopback ports and the provider is configured
  from its `+"`NETOPS_FIREFLOW_*`"+` variables.
- For each N, two working directories: N `+"`netops_fireflow_object_change_request`"+` (template
  `+"`135: Object Change Multi Device Request`"+`, device `+"`FW_101`"+`, one `+"`addObjectsToGroup`"+` action, a subject per index) and,
  as the floor, N `+"`terraform_data`"+`: what Terraform itself costs for N resources.
- Each run: floor apply, provider apply, floor plan, provider plan (no change: `+"`-detailed-exitcode`"+` must exit 0), floor destroy,
  provider destroy; `+"`-auto-approve -input=false -no-color`"+`, default parallelism, with `+"`TF_IN_AUTOMATION=1`"+`,
  `+"`CHECKPOINT_DISABLE=1`"+` and no other `+"`TF_*`"+` variable (no `+"`TF_LOG*`"+`, no `+"`TF_CLI_ARGS*`"+`); each command has a %s time limit.
- Wall clock of each command; the ratio is provider / floor within the same run.
- Requests: the FireFlow mock's call log (`+"`/_mock/calls`"+`), emptied before each provider command and read after it.
- Peak RSS: the largest `+"`VmHWM`"+` of the provider processes (children of terraform whose command line names
  `+"`terraform-provider-netops`"+`), sampled every %s while every command runs (the floor's too, so the sampling costs both sides alike).
`, o.timeout, o.sampleEach)
}

func findSeries(all []series, n int) *series {
	for i := range all {
		if all[i].n == n {
			return &all[i]
		}
	}
	return nil
}

func pairedRatios(ss []sample) []float64 {
	return pick(ss, func(s sample) float64 { return ratio(s.provider.wall, s.floor.wall) })
}

func targetsTable(in reportInput, s *series) table {
	t := table{head: []string{"Target", "Limit", "Measured", "Met"}, right: []bool{false, true, true, false}}
	if s == nil {
		return t
	}
	for _, r := range []struct {
		cmd, label string
		limit      float64
	}{
		{"plan", "no-change plan, provider / floor", planRatioMax},
		{"apply", "apply, provider / floor", applyRatioMax},
		{"destroy", "destroy, provider / floor", destroyRatioMax},
	} {
		v := median(pairedRatios(s.byCmd[r.cmd]))
		t.add(r.label, "≤ "+strconv.FormatFloat(r.limit, 'f', 1, 64), f2(v), mark(v <= r.limit))
	}
	perRes := func(cmd string) float64 {
		return float64(worst(s.byCmd[cmd], func(x sample) int { return x.calls.total - x.calls.logins })) / float64(s.n)
	}
	create, refresh, destroy := perRes("apply"), perRes("plan"), perRes("destroy")
	t.add("requests per resource, create (apply)", "≤ 2", f2(create), mark(create <= createPerResMax))
	t.add("requests per resource, refresh (no-change plan)", "1", f2(refresh), mark(refresh == refreshPerRes))
	t.add("requests per resource, destroy (refresh included)", "≤ 1", f2(destroy), mark(destroy <= destroyPerResMax))

	logins, rss := 0, int64(0)
	for _, sr := range in.series {
		for _, ss := range sr.byCmd {
			for _, x := range ss {
				logins = max(logins, x.calls.maxLoginsPerProc)
				rss = max(rss, x.calls.hwmKiB)
			}
		}
	}
	t.add("FireFlow logins per provider process (every N and command)", "≤ 1", strconv.Itoa(logins), mark(logins <= loginsPerProcessMax))
	t.add("provider peak RSS (every N and command)", "≤ 60 MiB", fmt.Sprintf("%.1f MiB", mib(rss)), mark(rss > 0 && mib(rss) <= rssMiBMax))
	ms := 1000 * median(seconds(in.startups))
	t.add("provider start to serving (median)", "≤ 50 ms", fmt.Sprintf("%.1f ms", ms), mark(ms <= startupMsMax))
	return t
}

func timesTable(all []series) table {
	t := table{
		head:  []string{"N", "Runs", "Command", "Floor (s)", "Provider (s)", "Ratio, paired (range)", "Ratio of medians", "Floor CPU (s)", "Provider CPU (s)"},
		right: []bool{true, true, false, true, true, true, true, true, true},
	}
	for _, s := range all {
		for _, c := range commands {
			ss := s.byCmd[c.name]
			if len(ss) == 0 {
				continue
			}
			floor := median(pick(ss, func(x sample) float64 { return x.floor.wall.Seconds() }))
			prov := median(pick(ss, func(x sample) float64 { return x.provider.wall.Seconds() }))
			rs := pairedRatios(ss)
			name := c.name
			if name == "plan" {
				name = "plan (no change)"
			}
			t.add(strconv.Itoa(s.n), strconv.Itoa(len(ss)), name, f2(floor), f2(prov),
				fmt.Sprintf("%s (%s–%s)", f2(median(rs)), f2(slices.Min(rs)), f2(slices.Max(rs))),
				f2(prov/floor),
				f2(median(pick(ss, func(x sample) float64 { return x.floor.cpu.Seconds() }))),
				f2(median(pick(ss, func(x sample) float64 { return x.provider.cpu.Seconds() }))))
		}
	}
	return t
}

func requestsTable(all []series) table {
	t := table{
		head: []string{"N", "Command", "Requests", "Per resource (no logins)", "Creates", "Reads", "Logins", "Other", "Not 2xx",
			"Provider processes (with requests)", "Logins per process (max)", "Peak RSS (MiB)"},
		right: []bool{true, false, true, true, true, true, true, true, true, true, true, true},
	}
	for _, s := range all {
		for _, c := range commands {
			ss := s.byCmd[c.name]
			if len(ss) == 0 {
				continue
			}
			w := func(f func(callStats) int) int { return worst(ss, func(x sample) int { return f(x.calls) }) }
			var rss int64
			for _, x := range ss {
				rss = max(rss, x.calls.hwmKiB)
			}
			t.add(strconv.Itoa(s.n), c.name,
				strconv.Itoa(w(func(c callStats) int { return c.total })),
				f2(float64(w(func(c callStats) int { return c.total - c.logins }))/float64(s.n)),
				strconv.Itoa(w(func(c callStats) int { return c.creates })),
				strconv.Itoa(w(func(c callStats) int { return c.reads })),
				strconv.Itoa(w(func(c callStats) int { return c.logins })),
				strconv.Itoa(w(func(c callStats) int { return c.other })),
				strconv.Itoa(w(func(c callStats) int { return c.notOK })),
				fmt.Sprintf("%d (%d)", w(func(c callStats) int { return c.procs }), w(func(c callStats) int { return c.procsWithCalls })),
				strconv.Itoa(w(func(c callStats) int { return c.maxLoginsPerProc })),
				fmt.Sprintf("%.1f", mib(rss)))
		}
	}
	return t
}

func unattributed(all []series) int {
	n := 0
	for _, s := range all {
		for _, ss := range s.byCmd {
			for _, x := range ss {
				n += x.calls.unattributed
			}
		}
	}
	return n
}

// medianRun is the sample with the median provider wall clock (the lower one of the
// middle two for an even count).
func medianRun(ss []sample) sample {
	s := slices.Clone(ss)
	slices.SortFunc(s, func(a, b sample) int { return int(a.provider.wall - b.provider.wall) })
	return s[(len(s)-1)/2]
}

func breakdownTable(s *series) table {
	t := table{
		head: []string{"Command", "Floor wall (s)", "Floor CPU (s)", "Provider wall (s)", "Terraform + providers CPU (s)",
			"Provider processes CPU (s)", "Mock CPU (s)", "Provider process lifetimes (s)"},
		right: []bool{false, true, true, true, true, true, true, false},
	}
	for _, c := range commands {
		ss := s.byCmd[c.name]
		if len(ss) == 0 {
			continue
		}
		x := medianRun(ss)
		t.add(c.name, f2(x.floor.wall.Seconds()), f2(x.floor.cpu.Seconds()), f2(x.provider.wall.Seconds()),
			f2(x.provider.cpu.Seconds()), f2(providerCPU(x.provider.procs).Seconds()), f2(x.mockCPU.Seconds()),
			lifetimes(x.provider.procs))
	}
	return t
}
