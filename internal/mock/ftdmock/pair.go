// Package ftdmock is a stateful fake of the Cisco FTD device manager (FDM) REST
// API for high availability: two units, Primary and Secondary, with their own
// tokens, interfaces and HA configuration, sharing one HA pair model (see
// vendor-apis/ftd-fdm.md). Long operations are evaluated lazily against a
// mock.Clock.
package ftdmock

import (
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Unit names one FTD of the pair by the listener it is served on. The unit
// that takes the HA_PRIMARY role is whichever one's HA configuration says so.
type Unit int

// The two units.
const (
	Primary Unit = iota
	Secondary
)

func (u Unit) other() Unit { return 1 - u }

// unitNames are the units' names in hooks and views.
var unitNames = mock.UnitNames[Unit]{"primary", "secondary"}

// String returns "primary" or "secondary".
func (u Unit) String() string { return unitNames.Name(u) }

// ParseUnit accepts "primary" or "secondary" in any case.
func ParseUnit(s string) (Unit, error) { return unitNames.Parse(s) }

// Credentials both units accept.
const (
	Username = "admin"
	Password = "Ftd#Admin-5173"
)

// Timings are the durations of the long operations. They apply to operations
// started after they are set.
type Timings struct {
	JobQueued    time.Duration // a join/break job's time in QUEUED
	JobDeploying time.Duration // its time in DEPLOYING, until DEPLOYED (or the failure state)
	Negotiation  time.Duration // HA_NEGOTIATING_NODE after a join completes
	Sync         time.Duration // HA_CONFIGURATION_SYNC of the secondary after negotiation
	Failover     time.Duration // from an accepted failover to the role swap
}

// DefaultTimings are loosely realistic: about 30 s for a job, 30 s for the pair
// to settle.
func DefaultTimings() Timings {
	return Timings{
		JobQueued:    2 * time.Second,
		JobDeploying: 30 * time.Second,
		Negotiation:  10 * time.Second,
		Sync:         20 * time.Second,
		Failover:     5 * time.Second,
	}
}

// QuickTimings makes every phase last d, for tests that run on real time.
func QuickTimings(d time.Duration) Timings {
	return Timings{JobQueued: d, JobDeploying: d, Negotiation: d, Sync: d, Failover: d}
}

// Options configure a Pair; zero values take the defaults.
type Options struct {
	HostNames            [2]string     // default "ftd-primary", "ftd-secondary"
	Release              string        // the release both units run (ReleaseVersions); default DefaultRelease
	Versions             []string      // API versions served, oldest first ("latest" = the last); default the release's
	Timings              Timings       // each zero field takes its DefaultTimings value
	AccessTokenLifetime  time.Duration // default 1800 s
	RefreshTokenLifetime time.Duration // default 2400 s
	ExpiryStatus         int           // status for an expired or revoked token: 401 (default) or 408
	Clock                mock.Clock    // default mock.RealClock{}
	// RevokeWholeLogin makes revoking either token of a pair end both; by default a
	// revoke ends only the token it names (undocumented either way).
	RevokeWholeLogin bool
	// NoVersionsEndpoint answers GET /api/versions with 404, as a unit (or a proxy in
	// front of it) that does not expose it would.
	NoVersionsEndpoint bool
	// LatestOn63 makes a 6.3 unit serve the /api/fdm/latest path too. Whether 6.2 and
	// 6.3 serve it is not documented (ftd-fdm.md section 0), so by default a 6.3 unit
	// answers it with 404; later releases always serve it. /api/versions never lists it.
	LatestOn63 bool
	// Spec holds every request on a unit speaking API v2 to Cisco's published 6.3 spec
	// (fdm-v2-ha-spec.json): a request it does not declare is answered 422.
	Spec bool
}

// Pair is the state both unit handlers share. Both units start SINGLE_NODE with
// an empty HA configuration. All methods are safe for concurrent use.
type Pair struct {
	mu       sync.Mutex
	clock    mock.Clock
	hosts    [2]string
	release  string
	versions []string

	timings          Timings
	accessLifetime   time.Duration
	refreshLifetime  time.Duration
	expiryStatus     int
	revokeWholeLogin bool
	noVersions       bool
	servesLatest     bool
	spec             bool
	outage           Outage
	resumeOutage     Outage

	units [2]*unitState
	ha    pairState
}

// unitState is what one device holds on its own.
type unitState struct {
	config         HAConfiguration
	interfaces     []Interface
	jobs           []*job
	historyCleared map[string]bool
	pendingChanges bool
	failNext       map[Op]Failure
	tokens         tokenStore
	maintenance    maintenance            // suspend, resume, reset
	failoverConfig *FailoverConfiguration // nil until first read

	// joinedAt is when this unit's join job completed; zero while the unit is
	// SINGLE_NODE. activeAt is when a lone HA_PRIMARY stops negotiating.
	joinedAt time.Time
	activeAt time.Time
}

// NewPair returns two single units. It panics on a release ReleaseVersions does not know.
func NewPair(opts Options) *Pair {
	p := &Pair{
		clock:            opts.Clock,
		hosts:            opts.HostNames,
		versions:         opts.Versions,
		timings:          opts.Timings,
		accessLifetime:   opts.AccessTokenLifetime,
		refreshLifetime:  opts.RefreshTokenLifetime,
		expiryStatus:     opts.ExpiryStatus,
		revokeWholeLogin: opts.RevokeWholeLogin,
		noVersions:       opts.NoVersionsEndpoint,
		spec:             opts.Spec,
	}
	if p.clock == nil {
		p.clock = mock.RealClock{}
	}
	if p.hosts[Primary] == "" {
		p.hosts[Primary] = "ftd-primary"
	}
	if p.hosts[Secondary] == "" {
		p.hosts[Secondary] = "ftd-secondary"
	}
	if opts.Release == "" {
		opts.Release = DefaultRelease
	}
	release, err := ReleaseVersions(opts.Release)
	if err != nil {
		panic(err)
	}
	p.release = opts.Release
	p.servesLatest = opts.LatestOn63 || !releaseIs63(opts.Release)
	if len(p.versions) == 0 {
		p.versions = release
	}
	def := DefaultTimings()
	for _, f := range []struct{ v, d *time.Duration }{
		{&p.timings.JobQueued, &def.JobQueued},
		{&p.timings.JobDeploying, &def.JobDeploying},
		{&p.timings.Negotiation, &def.Negotiation},
		{&p.timings.Sync, &def.Sync},
		{&p.timings.Failover, &def.Failover},
	} {
		if *f.v <= 0 {
			*f.v = *f.d
		}
	}
	if p.accessLifetime <= 0 {
		p.accessLifetime = 1800 * time.Second
	}
	if p.refreshLifetime <= 0 {
		p.refreshLifetime = 2400 * time.Second
	}
	if p.expiryStatus != http.StatusRequestTimeout {
		p.expiryStatus = http.StatusUnauthorized
	}
	for _, u := range []Unit{Primary, Secondary} {
		p.units[u] = &unitState{
			config:         emptyConfig(p.hosts[u]),
			interfaces:     seedInterfaces(p.hosts[u]),
			historyCleared: map[string]bool{},
			failNext:       map[Op]Failure{},
			tokens:         newTokenStore(),
		}
	}
	return p
}

// Handler returns the REST API of one unit.
func (p *Pair) Handler(u Unit) http.Handler {
	return unitHandler{p: p, u: u}.router()
}

// Serve starts both units on their own TLS listeners ("" = random loopback port).
func (p *Pair) Serve(ca *mock.Authority, primaryAddr, secondaryAddr string) (primary, secondary *mock.Server, err error) {
	return mock.ServePair(ca, p.hosts, p.Handler, [2]string{primaryAddr, secondaryAddr})
}

// HostName returns the name unit u was given.
func (p *Pair) HostName(u Unit) string { return p.hosts[u] }

// Release returns the release the units run.
func (p *Pair) Release() string { return p.release }

// Versions returns the API versions served, oldest first.
func (p *Pair) Versions() []string { return slices.Clone(p.versions) }

func (p *Pair) supports(version string) bool {
	if version == "latest" {
		return p.servesLatest
	}
	return slices.Contains(p.versions, version)
}
