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
	profiles []profileSummary
	elapsed  time.Duration
	date     time.Time
}

// Targets: the provider against its no-op twin at N = 500.
const (
	planTwinMax         = 1.15
	applyTwinMax        = 1.15
	destroyTwinMax      = 1.10
	rssTwinMax          = 1.10
	createPerResMax     = 2.0
	refreshPerRes       = 1.0
	destroyPerResMax    = 1.0
	loginsPerProcessMax = 1
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
			"absolute times are inflated and noisier; the paired ratios, where floor, twin and provider run back to back, and the CPU times are less affected.\n\n")
	}
	b.WriteString(howMeasured(in.opts))

	target := findSeries(in.series, in.opts.targetN)
	fmt.Fprintf(&b, "\n## Targets (N = %d)\n\n", in.opts.targetN)
	b.WriteString(targetsTable(in, target).String())
	b.WriteString("\nRatios are medians of the per-run ratios (each run measures floor, twin and provider back to back). " +
		"Peak RSS: per command, the provider's peak over its twin's in the same run; the row is the command with the largest median. " +
		"The floor ratios are reported, not targets: the floor has no plugin process. " +
		"Requests per resource are the FireFlow requests of the command other than logins, divided by N, in the worst run.\n")

	b.WriteString("\n## Wall clock (medians over the runs)\n\n")
	b.WriteString(timesTable(in.series).String())
	b.WriteString("\nProvider / twin and provider / floor: median of the per-run ratios, with their range. " +
		"CPU: user + system time of terraform and of the plugin processes it started; CPU, provider / twin: median of the per-run ratios, " +
		"which the load of other work on the machine disturbs less than the wall clock.\n")

	b.WriteString("\n## Peak RSS of the plugin process (medians over the runs)\n\n")
	b.WriteString(rssTable(in.series).String())
	b.WriteString("\nThe largest `VmHWM` of the plugin processes the command started. Provider / twin: median of the per-run ratios, with their range.\n")

	if len(in.series) > 1 {
		b.WriteString("\n## Growth with N (medians; N = 2000 is one run)\n\n")
		b.WriteString(scaleTable(in.series).String())
		b.WriteString("\nWall clock per resource is the command's median wall clock divided by N. " +
			"RSS per added resource is the growth of the median peak RSS from the previous N, divided by the resources added.\n")
	}

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

	if len(in.profiles) > 0 {
		b.WriteString(profilesSection(in))
	}

	sec := seconds(in.startups)
	fmt.Fprintf(&b, "\n## Provider start-up\n\nMedian %.1f ms over %d starts (min %.1f ms, max %.1f ms): exec of the provider binary with Terraform's go-plugin handshake environment until the handshake line on its stdout, when it serves.\n",
		1000*median(sec), len(sec), 1000*slices.Min(sec), 1000*slices.Max(sec))
	return b.String()
}

func runsText(o options) string {
	parts := make([]string, len(o.ns))
	for i, n := range o.ns {
		parts[i] = fmt.Sprintf("N = %d × %d %s", n, o.runs[i], map[bool]string{true: "run", false: "runs"}[o.runs[i] == 1])
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
- The twin (`+"`tools/bench/twin`"+`) is a second build of the provider from this repository in which
  `+"`netops_fireflow_object_change_request`"+` wraps the production resource: the same schema, validators, plan
  modifiers, defaults, import and provider configuration (the production code's, not a copy), but create, read,
  update and delete send nothing (create fills the computed values with fixed ones, read returns the state).
  Provider / twin is what the resource's requests and their handling cost; twin / floor is what the framework
  and the plugin protocol cost. The twin runs through its own `+"`dev_overrides`"+` and must send no request.
- For each N, three working directories: N `+"`netops_fireflow_object_change_request`"+` for the provider and
  for the twin (template `+"`135: Object Change Multi Device Request`"+`, device `+"`FW_101`"+`, one `+"`addObjectsToGroup`"+`
  action, a subject per index) and, as the floor, N `+"`terraform_data`"+`: what Terraform itself costs for N resources.
- Each run, for apply, then plan (no change: `+"`-detailed-exitcode`"+` must exit 0), then destroy: the floor, then the twin
  and the provider, which take turns going first (odd runs the twin, even runs the provider);
  `+"`-auto-approve -input=false -no-color`"+`, default parallelism, with `+"`TF_IN_AUTOMATION=1`"+`,
  `+"`CHECKPOINT_DISABLE=1`"+` and no other `+"`TF_*`"+` variable (no `+"`TF_LOG*`"+`, no `+"`TF_CLI_ARGS*`"+`); each command has a %s time limit.
- Wall clock of each command; ratios are taken within the same run.
- Requests: the FireFlow mock's call log (`+"`/_mock/calls`"+`), emptied before each provider command and read after it.
- Peak RSS: the largest `+"`VmHWM`"+` of the plugin processes (children of terraform whose command line names
  `+"`terraform-provider-netops`"+`: the provider's or the twin's), sampled every %s while every command runs (the floor's too, so the sampling costs every side alike).
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

func twinRatios(ss []sample) []float64 {
	return pick(ss, func(s sample) float64 { return ratio(s.provider.wall, s.twin.wall) })
}

func rssRatios(ss []sample) []float64 {
	return pick(ss, func(s sample) float64 {
		t := peakRSS(s.twin.procs)
		if t == 0 {
			return 0
		}
		return float64(s.calls.hwmKiB) / float64(t)
	})
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
		{"plan", "no-change plan, provider / twin", planTwinMax},
		{"apply", "apply, provider / twin", applyTwinMax},
		{"destroy", "destroy, provider / twin", destroyTwinMax},
	} {
		v := median(twinRatios(s.byCmd[r.cmd]))
		t.add(r.label, "≤ "+f2(r.limit), f2(v), mark(v <= r.limit))
	}
	worstRSS, worstCmd := 0.0, ""
	for _, c := range commands {
		if v := median(rssRatios(s.byCmd[c.name])); v >= worstRSS {
			worstRSS, worstCmd = v, c.name
		}
	}
	t.add("peak RSS, provider / twin ("+worstCmd+")", "≤ "+f2(rssTwinMax), f2(worstRSS), mark(worstRSS > 0 && worstRSS <= rssTwinMax))
	for _, c := range commands {
		name := c.name
		if name == "plan" {
			name = "no-change plan"
		}
		t.add(name+", provider / floor (reported)", "–", f2(median(pairedRatios(s.byCmd[c.name]))), "")
	}
	perRes := func(cmd string) float64 {
		return float64(worst(s.byCmd[cmd], func(x sample) int { return x.calls.total - x.calls.logins })) / float64(s.n)
	}
	create, refresh, destroy := perRes("apply"), perRes("plan"), perRes("destroy")
	t.add("requests per resource, create (apply)", "≤ 2", f2(create), mark(create <= createPerResMax))
	t.add("requests per resource, refresh (no-change plan)", "1", f2(refresh), mark(refresh == refreshPerRes))
	t.add("requests per resource, destroy (refresh included)", "≤ 1", f2(destroy), mark(destroy <= destroyPerResMax))

	logins := 0
	for _, sr := range in.series {
		for _, ss := range sr.byCmd {
			for _, x := range ss {
				logins = max(logins, x.calls.maxLoginsPerProc)
			}
		}
	}
	t.add("FireFlow logins per provider process (every N and command)", "≤ 1", strconv.Itoa(logins), mark(logins <= loginsPerProcessMax))
	ms := 1000 * median(seconds(in.startups))
	t.add("provider start to serving (median)", "≤ 50 ms", fmt.Sprintf("%.1f ms", ms), mark(ms <= startupMsMax))
	return t
}

func rangeText(rs []float64) string {
	if len(rs) == 0 {
		return "–"
	}
	return fmt.Sprintf("%s (%s–%s)", f2(median(rs)), f2(slices.Min(rs)), f2(slices.Max(rs)))
}

func cmdLabel(name string) string {
	if name == "plan" {
		return "plan (no change)"
	}
	return name
}

func timesTable(all []series) table {
	t := table{
		head: []string{"N", "Runs", "Command", "Floor (s)", "Twin (s)", "Provider (s)", "Provider / twin", "Provider / floor", "Twin / floor",
			"Floor CPU (s)", "Twin CPU (s)", "Provider CPU (s)", "CPU, provider / twin"},
		right: []bool{true, true, false, true, true, true, true, true, true, true, true, true, true},
	}
	for _, s := range all {
		for _, c := range commands {
			ss := s.byCmd[c.name]
			if len(ss) == 0 {
				continue
			}
			med := func(f func(sample) float64) string { return f2(median(pick(ss, f))) }
			t.add(strconv.Itoa(s.n), strconv.Itoa(len(ss)), cmdLabel(c.name),
				med(func(x sample) float64 { return x.floor.wall.Seconds() }),
				med(func(x sample) float64 { return x.twin.wall.Seconds() }),
				med(func(x sample) float64 { return x.provider.wall.Seconds() }),
				rangeText(twinRatios(ss)),
				rangeText(pairedRatios(ss)),
				rangeText(pick(ss, func(x sample) float64 { return ratio(x.twin.wall, x.floor.wall) })),
				med(func(x sample) float64 { return x.floor.cpu.Seconds() }),
				med(func(x sample) float64 { return x.twin.cpu.Seconds() }),
				med(func(x sample) float64 { return x.provider.cpu.Seconds() }),
				rangeText(pick(ss, func(x sample) float64 { return ratio(x.provider.cpu, x.twin.cpu) })))
		}
	}
	return t
}

func rssTable(all []series) table {
	t := table{
		head:  []string{"N", "Command", "Twin (MiB)", "Provider (MiB)", "Provider / twin"},
		right: []bool{true, false, true, true, true},
	}
	for _, s := range all {
		for _, c := range commands {
			ss := s.byCmd[c.name]
			if len(ss) == 0 {
				continue
			}
			t.add(strconv.Itoa(s.n), c.name,
				fmt.Sprintf("%.1f", median(pick(ss, func(x sample) float64 { return mib(peakRSS(x.twin.procs)) }))),
				fmt.Sprintf("%.1f", median(pick(ss, func(x sample) float64 { return mib(x.calls.hwmKiB) }))),
				rangeText(rssRatios(ss)))
		}
	}
	return t
}

func scaleTable(all []series) table {
	t := table{
		head: []string{"N", "Command", "Twin ms / resource", "Provider ms / resource",
			"Twin KiB / added resource", "Provider KiB / added resource"},
		right: []bool{true, false, true, true, true, true},
	}
	sorted := slices.Clone(all)
	slices.SortFunc(sorted, func(a, b series) int { return a.n - b.n })
	for i, s := range sorted {
		for _, c := range commands {
			ss := s.byCmd[c.name]
			if len(ss) == 0 {
				continue
			}
			wall := func(f func(sample) time.Duration) string {
				return f2(1000 * median(pick(ss, func(x sample) float64 { return f(x).Seconds() })) / float64(s.n))
			}
			rss := func(x series, f func(sample) int64) float64 {
				return median(pick(x.byCmd[c.name], func(y sample) float64 { return float64(f(y)) }))
			}
			growth := func(f func(sample) int64) string {
				if i == 0 || len(sorted[i-1].byCmd[c.name]) == 0 {
					return "–"
				}
				prev := sorted[i-1]
				return fmt.Sprintf("%.1f", (rss(s, f)-rss(prev, f))/float64(s.n-prev.n))
			}
			twinRSS := func(x sample) int64 { return peakRSS(x.twin.procs) }
			provRSS := func(x sample) int64 { return x.calls.hwmKiB }
			t.add(strconv.Itoa(s.n), c.name,
				wall(func(x sample) time.Duration { return x.twin.wall }),
				wall(func(x sample) time.Duration { return x.provider.wall }),
				growth(twinRSS), growth(provRSS))
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

func profilesSection(in reportInput) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n## Profiles: the provider against its twin (N = %d, one unmeasured run each)\n\n", in.opts.profileN)
	fmt.Fprintf(&b, "With `%s` set, each plugin process (internal/serve) writes a CPU profile of its whole life and an "+
		"allocation profile at its exit; the benchmark merges those of each command into `%s/<twin|provider>-<command>.<cpu|allocs>.pprof` "+
		"(`go tool pprof -top -diff_base=%s/twin-plan.cpu.pprof %s/provider-plan.cpu.pprof`). "+
		"Shares are inclusive (a sample counts for every row one of its frames matches), so rows overlap.\n\n",
		profileDirEnv, in.opts.profileDir, in.opts.profileDir, in.opts.profileDir)
	for _, kind := range []struct {
		title, unit string
		get         func(profileSummary) []categoryShare
	}{
		{"CPU of the plugin processes (s)", "s", func(p profileSummary) []categoryShare { return p.cpu }},
		{"Allocated by the plugin processes (MB)", "MB", func(p profileSummary) []categoryShare { return p.alloc }},
	} {
		head := []string{kind.title}
		right := []bool{false}
		for _, p := range in.profiles {
			head = append(head, p.command+": twin", p.command+": provider")
			right = append(right, true, true)
		}
		t := table{head: head, right: right}
		for i, cat := range in.profiles[0].cpu {
			row := []string{cat.label}
			for _, p := range in.profiles {
				c := kind.get(p)[i]
				row = append(row, fmt.Sprintf("%.2f", c.twin), fmt.Sprintf("%.2f", c.provider))
			}
			t.add(row...)
		}
		b.WriteString(t.String())
		b.WriteString("\n")
	}
	for _, p := range in.profiles {
		if p.command != "plan" && p.command != "apply" {
			continue
		}
		fmt.Fprintf(&b, "<details><summary>%s: provider minus twin, CPU (pprof -top -cum -diff_base)</summary>\n\n```\n%s```\n\n</details>\n\n",
			p.command, trimPprofHeader(p.cpuDiff))
		fmt.Fprintf(&b, "<details><summary>%s: provider minus twin, allocated bytes (pprof -top -diff_base)</summary>\n\n```\n%s```\n\n</details>\n\n",
			p.command, trimPprofHeader(p.allocDiff))
	}
	return b.String()
}

// trimPprofHeader drops the lines that name local files and build ids.
func trimPprofHeader(s string) string {
	var out []string
	for line := range strings.SplitSeq(s, "\n") {
		if strings.HasPrefix(line, "File:") || strings.HasPrefix(line, "Build ID:") || strings.HasPrefix(line, "Time:") {
			continue
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
