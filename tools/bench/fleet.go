package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock/fleet"
)

// The fleet case: P FTD pairs (2P units, each a device of one ftd block) through
// netops_ftd_ha_pair with for_each, against a second standalone mock started with
// -fleet P -fleet-vendors ftd -fleet-duration 0s (every join, break and sync ends at once,
// so that what is measured is the provider, not the mock's simulated jobs).

// fleetVarsFile is the file netops-mock -fleet writes into its -dir.
const fleetVarsFile = "fleet.auto.tfvars.json"

// shutdownLogEnv is the variable internal/serve reads: each plugin process appends how long
// ending its sessions took at its exit.
const shutdownLogEnv = "NETOPS_BENCH_SHUTDOWN_LOG"

// shutdownBudget is internal/serve's bound on ending the sessions, inside go-plugin's 2 s.
const shutdownBudget = 1500 * time.Millisecond

const fleetProviderConfig = `terraform {
  required_providers {
    netops = {
      source = "netops/netops"
    }
  }
}

# Credentials and CA from the NETOPS_FTD_* variables the mock writes; each unit is a device.
provider "netops" {
  ftd {
    devices = var.ftd_devices
  }
}

variable "ftd_devices" {
  type = map(object({ host = string }))
}

variable "ftd_pairs" {
  type = map(object({ primary = string, secondary = string }))
}

resource "netops_ftd_ha_pair" "p" {
  for_each = var.ftd_pairs

  primary_device          = each.value.primary
  secondary_device        = each.value.secondary
  failover_interface      = "GigabitEthernet0/7"
  failover_name           = "failover-link"
  primary_failover_ipv4   = "192.168.77.1"
  secondary_failover_ipv4 = "192.168.77.2"
  netmask                 = "24"
  shared_key              = "bench-failover-key"
}
`

const fleetFloorConfig = `variable "ftd_devices" {
  type = map(object({ host = string }))
}

variable "ftd_pairs" {
  type = map(object({ primary = string, secondary = string }))
}

resource "terraform_data" "p" {
  for_each = var.ftd_pairs
  input    = each.value
}
`

// fleetEnv are the FTD block's settings the mock's env file gives every device; the block
// has no host of its own.
var fleetEnv = []string{"NETOPS_FTD_USERNAME", "NETOPS_FTD_PASSWORD", "NETOPS_FTD_CA_CERT_PEM"}

// fleetMock is the fleet's standalone mock and its units.
type fleetMock struct {
	*mockProc
	vars  fleet.Vars
	units []string // https://host:port of every unit
	pairs []string // https://host:port of every pair's primary (its /_mock/state shows both units)
	env   map[string]string
}

func startFleetMock(ctx context.Context, bin, dir string, pairs int) (*fleetMock, error) {
	m, err := startMock(ctx, bin, dir, "-fleet", fmt.Sprint(pairs), "-fleet-vendors", "ftd", "-fleet-duration", "0s")
	if err != nil {
		return nil, err
	}
	fm := &fleetMock{mockProc: m, env: map[string]string{}}
	raw, err := os.ReadFile(filepath.Join(dir, fleetVarsFile)) //nolint:gosec // the mock's file in our temp dir
	if err == nil {
		err = json.Unmarshal(raw, &fm.vars)
	}
	if err != nil {
		m.stop()
		return nil, fmt.Errorf("the fleet mock's %s: %w", fleetVarsFile, err)
	}
	if len(fm.vars.FTDPairs) != pairs || len(fm.vars.FTDDevices) != 2*pairs {
		m.stop()
		return nil, fmt.Errorf("the fleet mock serves %d pairs and %d units, not %d pairs", len(fm.vars.FTDPairs), len(fm.vars.FTDDevices), pairs)
	}
	for _, d := range fm.vars.FTDDevices {
		fm.units = append(fm.units, "https://"+d.Host)
	}
	for _, p := range fm.vars.FTDPairs {
		fm.pairs = append(fm.pairs, "https://"+fm.vars.FTDDevices[p.Primary].Host)
	}
	slices.Sort(fm.units)
	for _, name := range fleetEnv {
		v, ok := m.all[name]
		if !ok || v == "" {
			m.stop()
			return nil, fmt.Errorf("the fleet mock's env does not set %s", name)
		}
		fm.env[name] = v
	}
	return fm, nil
}

// eachUnit runs f on every base URL at most 16 at a time and returns the first error.
func eachUnit(bases []string, f func(base string) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	sem := make(chan struct{}, 16)
	for _, base := range bases {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			if err := f(base); err != nil {
				mu.Lock()
				first = cmp.Or(first, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return first
}

// resetCalls empties every unit's call log.
func (fm *fleetMock) resetCalls(ctx context.Context) error {
	return eachUnit(fm.units, func(base string) error {
		_, err := fm.controlAt(ctx, base, http.MethodDelete, "calls", http.StatusNoContent)
		return err
	})
}

// unitCall is one request a unit received.
type unitCall struct {
	call
	unit string
}

// calls returns every unit's call log, oldest first.
func (fm *fleetMock) calls(ctx context.Context) ([]unitCall, error) {
	var mu sync.Mutex
	var out []unitCall
	err := eachUnit(fm.units, func(base string) error {
		body, err := fm.controlAt(ctx, base, http.MethodGet, "calls", http.StatusOK)
		if err != nil {
			return err
		}
		var cs []call
		if err := json.Unmarshal(body, &cs); err != nil {
			return fmt.Errorf("decode the call log of %s: %w", base, err)
		}
		mu.Lock()
		defer mu.Unlock()
		for _, c := range cs {
			out = append(out, unitCall{call: c, unit: base})
		}
		return nil
	})
	slices.SortFunc(out, func(a, b unitCall) int { return a.Time.Compare(b.Time) })
	return out, err
}

// liveTokens counts the access tokens still live on the units: sessions nobody ended.
func (fm *fleetMock) liveTokens(ctx context.Context) (int, error) {
	var mu sync.Mutex
	live := 0
	err := eachUnit(fm.pairs, func(base string) error {
		body, err := fm.controlAt(ctx, base, http.MethodGet, "state", http.StatusOK)
		if err != nil {
			return err
		}
		var v struct {
			Units []struct {
				Tokens struct {
					Live int `json:"live"`
				} `json:"tokens"`
			} `json:"units"`
		}
		if err := json.Unmarshal(body, &v); err != nil {
			return fmt.Errorf("decode the state of %s: %w", base, err)
		}
		mu.Lock()
		defer mu.Unlock()
		for _, u := range v.Units {
			live += u.Tokens.Live
		}
		return nil
	})
	return live, err
}

// fleetStats are the units' requests during one provider command, and how its plugin
// processes ended their sessions.
type fleetStats struct {
	total, logins, revokes, refreshes, versions, other int
	notOK                                              int
	unitsLoggedIn                                      int // units that received a login
	procs, procsWithCalls                              int
	maxLoginsPerProc                                   int
	maxUnitsPerProc                                    int // most units one process logged in to
	unattributed                                       int
	hwmKiB                                             int64

	shutdown        time.Duration // the longest session ending of the command's plugin processes
	shutdownRecords int           // plugin processes that recorded their exit (killed ones cannot)
	shutdownErrors  int           // ... of which could not end every session
	revokeSpan      time.Duration // first to last revoke received by the units
	liveAfter       int           // access tokens still live once the command had ended
}

// perResource is the requests per pair other than logins and session ends, which have
// their own rows.
func (s fleetStats) perResource(pairs int) float64 {
	return float64(s.total-s.logins-s.revokes) / float64(pairs)
}

// grantType reads the grant_type of an FDM token request body.
func grantType(body string) string {
	var b struct {
		GrantType string `json:"grant_type"`
	}
	_ = json.Unmarshal([]byte(body), &b)
	return b.GrantType
}

func countFleetCalls(calls []unitCall, procs []procInfo, slack time.Duration) fleetStats {
	s := fleetStats{procs: len(procs)}
	loginsBy := make([]int, len(procs))
	unitsBy := make([]map[string]bool, len(procs))
	used := make([]bool, len(procs))
	units := map[string]bool{}
	var firstRevoke, lastRevoke time.Time
	for _, c := range calls {
		s.total++
		login := false
		switch {
		case c.Method == http.MethodPost && strings.HasSuffix(c.Path, "/fdm/token"):
			switch grantType(c.Body) {
			case "password":
				s.logins++
				login = true
				units[c.unit] = true
			case "revoke_token":
				s.revokes++
				if firstRevoke.IsZero() {
					firstRevoke = c.Time
				}
				lastRevoke = c.Time
			case "refresh_token":
				s.refreshes++
			default:
				s.other++
			}
		case c.Method == http.MethodGet && c.Path == "/api/versions":
			s.versions++
		default:
			s.other++
		}
		if c.Status < 200 || c.Status > 299 {
			s.notOK++
		}
		found := false
		for i, p := range procs {
			if c.Time.Before(p.first.Add(-slack)) || c.Time.After(p.last.Add(slack)) {
				continue
			}
			found, used[i] = true, true
			if login {
				loginsBy[i]++
				if unitsBy[i] == nil {
					unitsBy[i] = map[string]bool{}
				}
				unitsBy[i][c.unit] = true
			}
		}
		if !found {
			s.unattributed++
		}
	}
	s.unitsLoggedIn = len(units)
	for i, p := range procs {
		s.maxLoginsPerProc = max(s.maxLoginsPerProc, loginsBy[i])
		s.maxUnitsPerProc = max(s.maxUnitsPerProc, len(unitsBy[i]))
		s.hwmKiB = max(s.hwmKiB, p.hwmKiB)
		if used[i] {
			s.procsWithCalls++
		}
	}
	if !firstRevoke.IsZero() {
		s.revokeSpan = lastRevoke.Sub(firstRevoke)
	}
	return s
}

// readShutdownLog reads what the plugin processes recorded at their exit.
func readShutdownLog(path string) (longest time.Duration, records, failed int, err error) {
	raw, err := os.ReadFile(path) //nolint:gosec // our temp dir
	if os.IsNotExist(err) {
		return 0, 0, 0, nil
	}
	if err != nil {
		return 0, 0, 0, err
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		var r struct {
			Seconds float64 `json:"seconds"`
			Error   string  `json:"error"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return 0, 0, 0, fmt.Errorf("%s: %w", path, err)
		}
		records++
		longest = max(longest, time.Duration(r.Seconds*float64(time.Second)))
		if r.Error != "" {
			failed++
		}
	}
	return longest, records, failed, sc.Err()
}

// fleetSample is one run of one command in the fleet case.
type fleetSample struct {
	floor, twin, provider measured
	stats                 fleetStats
	twinCalls             int
	twinShutdown          time.Duration
}

// fleetSeries is every run of the fleet case.
type fleetSeries struct {
	pairs, runs int
	byCmd       map[string][]fleetSample
	date        time.Time
	elapsed     time.Duration
	loadStart   string
	loadEnd     string
}

// fleetSides are the terraform commands of the provider and the twin in the fleet case,
// with the shutdown log each writes to.
type fleetSides struct {
	provider, twin       terraform
	providerLog, twinLog string
}

// runFleet measures apply, a no-change plan and destroy of the fleet runs times.
func runFleet(ctx context.Context, o options, bins binaries, tmp string) (fleetSeries, error) {
	fs := fleetSeries{pairs: o.fleetPairs, runs: o.fleetRuns, byCmd: map[string][]fleetSample{}, date: time.Now(), loadStart: loadAvg()}
	logf("fleet: starting a mock with %d FTD pairs (%d units) on free loopback ports", o.fleetPairs, 2*o.fleetPairs)
	mockDir := filepath.Join(tmp, "fleet-mock")
	fm, err := startFleetMock(ctx, bins.mock, mockDir, o.fleetPairs)
	if err != nil {
		return fs, err
	}
	defer fm.stop()

	var sd fleetSides
	for _, side := range []struct {
		tf       *terraform
		log      *string
		rc, bin  string
		shutdown string
	}{
		{&sd.provider, &sd.providerLog, "terraformrc-fleet", bins.provider, "shutdown-provider.jsonl"},
		{&sd.twin, &sd.twinLog, "terraformrc-fleet-twin", bins.twin, "shutdown-twin.jsonl"},
	} {
		cliPath, err := writeCLIConfig(tmp, side.rc, filepath.Dir(side.bin))
		if err != nil {
			return fs, err
		}
		*side.log = filepath.Join(tmp, side.shutdown)
		env := commandEnv(cliPath, fm.env)
		*side.tf = terraform{bin: o.terraform, env: append(env, shutdownLogEnv+"="+*side.log), timeout: o.timeout, sample: o.sampleEach}
	}
	ws, err := writeFleetWorkspaces(tmp, filepath.Join(mockDir, fleetVarsFile))
	if err != nil {
		return fs, err
	}
	if err := prepare(ctx, sd.provider, ws.floor, ws.provider); err != nil {
		return fs, err
	}
	if err := prepare(ctx, sd.twin, ws.twin); err != nil {
		return fs, err
	}
	slack := 2*o.sampleEach + 5*time.Millisecond
	n := o.fleetPairs
	for r := 1; r <= o.fleetRuns; r++ {
		for _, c := range commands {
			var x fleetSample
			if x.floor, err = sd.provider.run(ctx, ws.floor, c.args...); err != nil {
				return fs, err
			}
			runTwin := func() error {
				if err := resetSide(ctx, fm, sd.twinLog); err != nil {
					return err
				}
				m, err := sd.twin.run(ctx, ws.twin, c.args...)
				if err != nil {
					return err
				}
				calls, err := fm.calls(ctx)
				x.twin, x.twinCalls = m, len(calls)
				x.twinShutdown, _, _, _ = readShutdownLog(sd.twinLog)
				return err
			}
			runProvider := func() error {
				if err := resetSide(ctx, fm, sd.providerLog); err != nil {
					return err
				}
				m, err := sd.provider.run(ctx, ws.provider, c.args...)
				if err != nil {
					return err
				}
				calls, err := fm.calls(ctx)
				if err != nil {
					return err
				}
				x.provider = m
				x.stats = countFleetCalls(calls, m.procs, slack)
				if x.stats.shutdown, x.stats.shutdownRecords, x.stats.shutdownErrors, err = readShutdownLog(sd.providerLog); err != nil {
					return err
				}
				if x.stats.liveAfter, err = fm.liveTokens(ctx); err != nil {
					return err
				}
				return fm.resetCalls(ctx)
			}
			order := []func() error{runTwin, runProvider}
			if r%2 == 0 {
				order[0], order[1] = order[1], order[0]
			}
			for _, f := range order {
				if err := f(); err != nil {
					return fs, err
				}
			}
			if x.twinCalls != 0 {
				return fs, fmt.Errorf("the twin sent %d requests to the FTD units during %s; it must send none", x.twinCalls, c.name)
			}
			fs.byCmd[c.name] = append(fs.byCmd[c.name], x)
			st := x.stats
			logf("fleet %d pairs run %d/%d %-7s floor %6.2fs  twin %6.2fs  provider %6.2fs  (%.2fx twin, CPU %.2fx)  requests %d (%.2f/pair without logins and logouts)  logins %d on %d units (max %d per process)  session ends at exit %s (%d processes recorded, %d failed), %d tokens left live",
				n, r, o.fleetRuns, c.name, x.floor.wall.Seconds(), x.twin.wall.Seconds(), x.provider.wall.Seconds(),
				ratio(x.provider.wall, x.twin.wall), ratio(x.provider.cpu, x.twin.cpu),
				st.total, st.perResource(n), st.logins, st.unitsLoggedIn, st.maxLoginsPerProc,
				st.shutdown.Round(time.Millisecond), st.shutdownRecords, st.shutdownErrors, st.liveAfter)
		}
	}
	fs.elapsed, fs.loadEnd = time.Since(fs.date), loadAvg()
	return fs, nil
}

// resetSide empties the units' call logs and the side's shutdown log before a command.
func resetSide(ctx context.Context, fm *fleetMock, shutdownLog string) error {
	if err := os.Remove(shutdownLog); err != nil && !os.IsNotExist(err) {
		return err
	}
	return fm.resetCalls(ctx)
}

// writeFleetWorkspaces writes the floor, twin and provider directories of the fleet case,
// each with the mock's variables file.
func writeFleetWorkspaces(tmp, varsFile string) (workspaces, error) {
	w := workspaces{
		floor:    filepath.Join(tmp, "fleet-floor"),
		twin:     filepath.Join(tmp, "fleet-twin"),
		provider: filepath.Join(tmp, "fleet-provider"),
	}
	vars, err := os.ReadFile(varsFile) //nolint:gosec // the mock's file in our temp dir
	if err != nil {
		return w, err
	}
	for dir, body := range map[string]string{w.provider: fleetProviderConfig, w.twin: fleetProviderConfig, w.floor: fleetFloorConfig} {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return w, err
		}
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(body), 0o600); err != nil {
			return w, err
		}
		if err := os.WriteFile(filepath.Join(dir, fleetVarsFile), vars, 0o600); err != nil { //nolint:gosec // our temp dir
			return w, err
		}
	}
	return w, nil
}
