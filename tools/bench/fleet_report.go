package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The fleet section sits between these markers, so that -fleet-only replaces it alone.
const (
	fleetBegin = "<!-- fleet case: begin (tools/bench/fleet.go) -->"
	fleetEnd   = "<!-- fleet case: end -->"
)

// fleetTwinMax is the fleet case's goal for provider / twin, the single-appliance case's.
const fleetTwinMax = 1.10

// findingsHeading starts findings.md, which closes the report.
const findingsHeading = "## Findings"

func fleetPick(ss []fleetSample, f func(fleetSample) float64) []float64 {
	out := make([]float64, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}

func fleetWorst(ss []fleetSample, f func(fleetStats) int) int {
	m := 0
	for _, s := range ss {
		m = max(m, f(s.stats))
	}
	return m
}

func fleetLeast(ss []fleetSample, f func(fleetStats) int) int {
	m := -1
	for _, s := range ss {
		if v := f(s.stats); m < 0 || v < m {
			m = v
		}
	}
	return max(m, 0)
}

func fleetTwinRatios(ss []fleetSample) []float64 {
	return fleetPick(ss, func(x fleetSample) float64 { return ratio(x.provider.wall, x.twin.wall) })
}

func fleetCPURatios(ss []fleetSample) []float64 {
	return fleetPick(ss, func(x fleetSample) float64 { return ratio(x.provider.cpu, x.twin.cpu) })
}

// loginsText is "min–max" of a per-run count, or the count when every run agrees.
func loginsText(ss []fleetSample, f func(fleetStats) int) string {
	lo, hi := fleetLeast(ss, f), fleetWorst(ss, f)
	if lo == hi {
		return strconv.Itoa(hi)
	}
	return fmt.Sprintf("%d–%d", lo, hi)
}

func renderFleet(fs fleetSeries, m machine, o options) string {
	var b strings.Builder
	units := 2 * fs.pairs
	b.WriteString(fleetBegin + "\n")
	fmt.Fprintf(&b, "## Fleet: %d FTD pairs (%d units) through `netops_ftd_ha_pair` with `for_each`\n\n", fs.pairs, units)
	fmt.Fprintf(&b, "Written by `go run ./tools/bench -fleet-only -fleet %d -fleet-runs %d` (`make bench` runs it after the cases above) on %s; "+
		"%d %s, which took %s. %d CPUs (%s), Terraform %s. Load average (1, 5, 15 min): %s at the start, %s at the end.\n\n",
		fs.pairs, fs.runs, fs.date.UTC().Format("2006-01-02 15:04 MST"), fs.runs, map[bool]string{true: "run", false: "runs"}[fs.runs == 1],
		fs.elapsed.Round(time.Second), m.cpus, m.cpuModel, m.terraform, fs.loadStart, fs.loadEnd)
	if busy(fs.loadStart, m.cpus) || busy(fs.loadEnd, m.cpus) {
		b.WriteString("> The machine was busy with other work while this ran: absolute times are inflated and noisier; the paired ratios and the CPU times are less affected.\n\n")
	}
	fmt.Fprintf(&b, `- A second standalone mock serves the fleet: `+"`netops-mock -fleet %d -fleet-vendors ftd -fleet-duration 0s`"+`, every unit on its own
  loopback listener, every join, break and sync ending at once, so that the time measured is the provider's and Terraform's, not a simulated job's.
- One provider block: `+"`ftd { devices = var.ftd_devices }`"+` (%d devices, credentials and CA from the mock's `+"`NETOPS_FTD_*`"+` variables, no `+"`host`"+`),
  and one `+"`netops_ftd_ha_pair`"+` block with `+"`for_each`"+` over the %d pairs of the mock's `+"`fleet.auto.tfvars.json`"+`. The twin is the same
  configuration through the twin build, in which `+"`netops_ftd_ha_pair`"+` keeps the production schema, identity and plan-time device checks and
  sends nothing; the floor is %d `+"`terraform_data`"+` with the same `+"`for_each`"+`.
- Each run: apply, then a no-change plan, then destroy, each as floor, then twin and provider taking turns to go first, as in the cases above.
- Requests: the call logs of all %d units, emptied before each provider command. Logins are `+"`grant_type=password`"+`, session ends
  `+"`grant_type=revoke_token`"+` (two per session: the refresh token, then the access token). Each request is attributed to the provider process alive when it arrived.
- Session end at exit: each plugin process records how long `+"`Shutdown`"+` (internal/provider/clients.go, every session at once) took,
  with `+"`%s`"+` set (internal/serve); the row is the longest of a command's processes, whose budget is %s inside go-plugin's 2 s.
  Tokens left live: the units' access tokens neither expired nor revoked once the command had ended.
`, fs.pairs, units, fs.pairs, fs.pairs, units, shutdownLogEnv, shutdownBudget)

	b.WriteString("\n### Goals\n\n")
	b.WriteString(fleetTargets(fs).String())
	b.WriteString("\nRatios are medians of the per-run ratios, with their range. Logins per process: the logins of the provider process that sent the command's " +
		"resource requests, in every run; each unit was logged in to once by it (units per process = logins per process in every run).\n")

	b.WriteString("\n### Wall clock and CPU (medians over the runs)\n\n")
	b.WriteString(fleetTimes(fs).String())
	b.WriteString("\nCPU: user + system time of terraform and of the plugin processes it started.\n")

	b.WriteString("\n### Requests to the units, sessions and memory (worst run)\n\n")
	b.WriteString(fleetRequests(fs).String())
	b.WriteString("\nPer pair: requests other than logins and session ends, divided by the pairs. Versions: `GET /api/versions`, once per unit and process " +
		"before its login. Processes: how many the command started (how many sent requests).\n")
	fmt.Fprintf(&b, "\n%s\n", fleetReading(fs))
	b.WriteString(fleetEnd + "\n")
	return b.String()
}

func fleetTargets(fs fleetSeries) table {
	t := table{head: []string{"Goal", "Limit", "Measured", "Met"}, right: []bool{false, true, true, false}}
	units := 2 * fs.pairs
	for _, r := range []struct{ cmd, label string }{{"plan", "no-change plan, provider / twin"}, {"apply", "apply, provider / twin"}} {
		v := median(fleetTwinRatios(fs.byCmd[r.cmd]))
		t.add(r.label, "≤ "+f2(fleetTwinMax), rangeText(fleetTwinRatios(fs.byCmd[r.cmd])), mark(v <= fleetTwinMax))
	}
	t.add("destroy, provider / twin (reported)", "–", rangeText(fleetTwinRatios(fs.byCmd["destroy"])), "")
	for _, c := range commands {
		t.add("CPU, "+cmdLabel(c.name)+", provider / twin (reported)", "–", rangeText(fleetCPURatios(fs.byCmd[c.name])), "")
	}
	for _, cmd := range []string{"apply", "plan"} {
		ss := fs.byCmd[cmd]
		lo, hi := fleetLeast(ss, func(s fleetStats) int { return s.maxLoginsPerProc }), fleetWorst(ss, func(s fleetStats) int { return s.maxLoginsPerProc })
		once := true
		for _, x := range ss {
			once = once && x.stats.maxLoginsPerProc == x.stats.maxUnitsPerProc
		}
		t.add("logins per provider process, "+cmdLabel(cmd), "= "+strconv.Itoa(units)+" (units)",
			loginsText(ss, func(s fleetStats) int { return s.maxLoginsPerProc }), mark(lo == units && hi == units && once))
	}
	most, live, failed, unrecorded := 0, 0, 0, 0
	var exits []float64
	for _, c := range commands {
		for _, x := range fs.byCmd[c.name] {
			most = max(most, x.stats.maxLoginsPerProc)
			live = max(live, x.stats.liveAfter)
			failed += x.stats.shutdownErrors
			if x.stats.shutdownRecords < x.stats.procs {
				unrecorded += x.stats.procs - x.stats.shutdownRecords
			}
			if x.stats.logins > 0 {
				exits = append(exits, x.stats.shutdown.Seconds())
			}
		}
	}
	t.add("logins per provider process, every command", "≤ "+strconv.Itoa(units), strconv.Itoa(most), mark(most <= units))
	t.add("tokens left live after a command (worst)", "0", strconv.Itoa(live), mark(live == 0))
	if len(exits) > 0 {
		t.add(fmt.Sprintf("ending all sessions at plugin exit (median and max of %d commands)", len(exits)), "≤ "+f2(shutdownBudget.Seconds())+" s",
			fmt.Sprintf("%.3f s, %.3f s", median(exits), slices.Max(exits)), mark(slices.Max(exits) <= shutdownBudget.Seconds()))
	}
	t.add("plugin processes that failed to end a session, or did not record their exit", "0", fmt.Sprintf("%d, %d", failed, unrecorded),
		mark(failed == 0 && unrecorded == 0))
	for _, r := range []struct{ cmd, label string }{
		{"apply", "requests per pair, create (reported)"},
		{"plan", "requests per pair, refresh (reported)"},
		{"destroy", "requests per pair, refresh and break (reported)"},
	} {
		v := float64(fleetWorst(fs.byCmd[r.cmd], func(s fleetStats) int { return s.total - s.logins - s.revokes })) / float64(fs.pairs)
		t.add(r.label, "–", f2(v), "")
	}
	return t
}

func fleetTimes(fs fleetSeries) table {
	t := table{
		head: []string{"Command", "Runs", "Floor (s)", "Twin (s)", "Provider (s)", "Provider / twin", "Floor CPU (s)", "Twin CPU (s)",
			"Provider CPU (s)", "CPU, provider / twin", "Peak RSS twin / provider (MiB)"},
		right: []bool{false, true, true, true, true, true, true, true, true, true, true},
	}
	for _, c := range commands {
		ss := fs.byCmd[c.name]
		if len(ss) == 0 {
			continue
		}
		med := func(f func(fleetSample) float64) string { return f2(median(fleetPick(ss, f))) }
		t.add(cmdLabel(c.name), strconv.Itoa(len(ss)),
			med(func(x fleetSample) float64 { return x.floor.wall.Seconds() }),
			med(func(x fleetSample) float64 { return x.twin.wall.Seconds() }),
			med(func(x fleetSample) float64 { return x.provider.wall.Seconds() }),
			rangeText(fleetTwinRatios(ss)),
			med(func(x fleetSample) float64 { return x.floor.cpu.Seconds() }),
			med(func(x fleetSample) float64 { return x.twin.cpu.Seconds() }),
			med(func(x fleetSample) float64 { return x.provider.cpu.Seconds() }),
			rangeText(fleetCPURatios(ss)),
			fmt.Sprintf("%.1f / %.1f", median(fleetPick(ss, func(x fleetSample) float64 { return mib(peakRSS(x.twin.procs)) })),
				median(fleetPick(ss, func(x fleetSample) float64 { return mib(x.stats.hwmKiB) }))))
	}
	return t
}

func fleetRequests(fs fleetSeries) table {
	t := table{
		head: []string{"Command", "Requests", "Per pair", "Logins", "Units logged in", "Session ends (revokes)", "Versions", "Refreshes", "Not 2xx",
			"Processes (with requests)", "Logins per process (max)", "Session end at exit (s)", "Tokens left live"},
		right: []bool{false, true, true, true, true, true, true, true, true, true, true, true, true},
	}
	for _, c := range commands {
		ss := fs.byCmd[c.name]
		if len(ss) == 0 {
			continue
		}
		w := func(f func(fleetStats) int) string { return strconv.Itoa(fleetWorst(ss, f)) }
		var exit time.Duration
		for _, x := range ss {
			exit = max(exit, x.stats.shutdown)
		}
		t.add(c.name,
			w(func(s fleetStats) int { return s.total }),
			f2(float64(fleetWorst(ss, func(s fleetStats) int { return s.total - s.logins - s.revokes }))/float64(fs.pairs)),
			w(func(s fleetStats) int { return s.logins }),
			w(func(s fleetStats) int { return s.unitsLoggedIn }),
			w(func(s fleetStats) int { return s.revokes }),
			w(func(s fleetStats) int { return s.versions }),
			w(func(s fleetStats) int { return s.refreshes }),
			w(func(s fleetStats) int { return s.notOK }),
			fmt.Sprintf("%s (%s)", w(func(s fleetStats) int { return s.procs }), w(func(s fleetStats) int { return s.procsWithCalls })),
			w(func(s fleetStats) int { return s.maxLoginsPerProc }),
			fmt.Sprintf("%.3f", exit.Seconds()),
			w(func(s fleetStats) int { return s.liveAfter }))
	}
	return t
}

// fleetReading says what the apply ratio is made of: the waits for each unit's join.
func fleetReading(fs fleetSeries) string {
	ss := fs.byCmd["apply"]
	if len(ss) == 0 {
		return ""
	}
	return fmt.Sprintf("Reading the apply row: a pair's create waits four times for its units (each unit's join job, then its HA state), and the "+
		"provider's first look at a long operation comes one polling interval after it starts (1 s, `transport.DefaultPolling`), even though the "+
		"mock's jobs end at once. With Terraform's default parallelism of 10, %d pairs take at least %d × 4 s of such waits in sequence, which the "+
		"twin, sending nothing, never spends: the apply ratio measures the appliance's waits, not the provider's overhead. The CPU ratio and the "+
		"no-change plan, which waits for nothing, are where the provider's own cost shows.", fs.pairs, (fs.pairs+9)/10)
}

// spliceFleet puts the fleet section into an existing report: in place of the previous one,
// else before the findings, else at the end.
func spliceFleet(report, section string) string {
	if i := strings.Index(report, fleetBegin); i >= 0 {
		if j := strings.Index(report[i:], fleetEnd); j >= 0 {
			rest := strings.TrimPrefix(report[i+j+len(fleetEnd):], "\n")
			return report[:i] + section + rest
		}
	}
	if i := strings.Index(report, "\n"+findingsHeading); i >= 0 {
		return report[:i+1] + section + "\n" + report[i+1:]
	}
	return strings.TrimRight(report, "\n") + "\n\n" + section
}
