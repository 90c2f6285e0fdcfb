// Command bench measures the provider against Terraform's own floor: it builds the
// provider and the standalone mock, then, for N FireFlow object change requests and the
// same N of terraform_data, times terraform apply, a no-change plan and destroy (each
// provider command paired with the floor command run just before it), counts the mock's
// requests, samples the provider's peak RSS and its start-up time, and writes a markdown
// report (BENCHMARKS.md). The fleet case (fleet.go) does the same for P FTD pairs through
// netops_ftd_ha_pair with for_each against a mock started with -fleet P, and also counts
// logins per unit and times the end of every session at plugin exit; -fleet-only runs it
// alone and replaces its section of the report. Run it with `make bench`; it is not part
// of `make test`.
//
// It exits non-zero only when a step fails (build, mock, a terraform command, a plan that
// is not empty); a missed target is reported in the table, not by the exit status.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type options struct {
	ns         []int
	runs       []int // runs per N, same length as ns
	out        string
	version    string
	terraform  string
	timeout    time.Duration
	startups   int
	targetN    int
	sampleEach time.Duration
	profileN   int    // N of the profiled runs; 0: none
	profileDir string // where the profiles are written, relative to the repository root
	fleetPairs int    // FTD pairs of the fleet case; 0: none
	fleetRuns  int
	fleetOnly  bool // only the fleet case, its section replaced in -out
}

func main() {
	opts, err := parseFlags(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err = run(ctx, opts)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench: FAILED:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (options, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	ns := fs.String("n", "10,100,500,2000", "comma-separated numbers of resources")
	runs := fs.String("runs", "", "runs per N: one number for every N, or one per N (default: 5, and 1 from N = 2000 up)")
	out := fs.String("out", "BENCHMARKS.md", "markdown report to write (overwritten); empty: print only")
	version := fs.String("provider-version", "0.1.0-dev", "version linked into the provider (-X main.version), as make build does")
	tf := fs.String("terraform", "", "terraform binary (default: $TF_ACC_TERRAFORM_PATH, else terraform on PATH)")
	timeout := fs.Duration("timeout", 10*time.Minute, "time limit of every build and terraform command")
	startups := fs.Int("startups", 20, "provider start-up measurements")
	sample := fs.Duration("sample", 5*time.Millisecond, "interval of the provider RSS sampling")
	profileN := fs.Int("profile-n", 500, "after the measured runs, one unmeasured profiled run of the provider and of the twin at this N (0: none)")
	profileDir := fs.String("profile-dir", "bin/bench-profiles", "directory of the pprof profiles, relative to the repository root")
	fleetPairs := fs.Int("fleet", 100, "FTD pairs of the fleet case (netops_ftd_ha_pair with for_each, two units each, one provider block); 0: no fleet case")
	fleetRuns := fs.Int("fleet-runs", 3, "runs of the fleet case")
	fleetOnly := fs.Bool("fleet-only", false, "run only the fleet case and replace its section of -out, keeping the rest of the report")
	if err := fs.Parse(args); err != nil {
		return options{}, err
	}
	if fs.NArg() > 0 {
		return options{}, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	o := options{
		out: *out, version: *version, terraform: *tf, timeout: *timeout, startups: *startups, sampleEach: *sample,
		profileN: *profileN, profileDir: *profileDir, fleetPairs: *fleetPairs, fleetRuns: *fleetRuns, fleetOnly: *fleetOnly,
	}
	if o.fleetPairs < 0 || o.fleetRuns < 1 || (o.fleetOnly && o.fleetPairs == 0) {
		return o, errors.New("-fleet must not be negative (and not 0 with -fleet-only), -fleet-runs must be positive")
	}
	var err error
	if o.ns, err = intList(*ns); err != nil {
		return o, fmt.Errorf("-n: %w", err)
	}
	if *runs != "" {
		if o.runs, err = intList(*runs); err != nil {
			return o, fmt.Errorf("-runs: %w", err)
		}
	}
	switch {
	case len(o.runs) == 0: // the default: 5 runs (medians of paired ratios on a shared machine), 1 from N = 2000 up
		for _, n := range o.ns {
			o.runs = append(o.runs, map[bool]int{true: 1, false: 5}[n >= 2000])
		}
	case len(o.runs) == 1:
		for len(o.runs) < len(o.ns) {
			o.runs = append(o.runs, o.runs[0])
		}
	case len(o.runs) != len(o.ns):
		return o, fmt.Errorf("-runs has %d values for %d values of -n", len(o.runs), len(o.ns))
	}
	if o.startups < 1 || o.timeout <= 0 || o.sampleEach <= 0 || o.profileN < 0 {
		return o, errors.New("-startups, -timeout and -sample must be positive, -profile-n not negative")
	}
	// Targets are checked at N = 500, or at the largest N below 2000 when 500 is not
	// measured (N = 2000 has one run: a scale figure, not a median), else the largest N.
	for _, n := range o.ns {
		if o.targetN != 500 && (n == 500 || (n > o.targetN && n < 2000)) {
			o.targetN = n
		}
	}
	if o.targetN == 0 {
		o.targetN = slices.Max(o.ns)
	}
	if o.terraform == "" {
		o.terraform = os.Getenv("TF_ACC_TERRAFORM_PATH")
	}
	if o.terraform == "" {
		o.terraform = "terraform"
	}
	return o, nil
}

func intList(s string) ([]int, error) {
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		v, err := strconv.Atoi(f)
		if err != nil || v < 1 {
			return nil, fmt.Errorf("%q is not a positive number", f)
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, errors.New("empty list")
	}
	return out, nil
}
