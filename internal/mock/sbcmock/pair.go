// Package sbcmock is a stateful fake of the Oracle SBC REST API: two units, A and
// B, that share one HA pair model (see vendor-apis/sbc.md).
package sbcmock

import (
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Unit names one SBC of the pair.
type Unit int

// The two units of the pair.
const (
	UnitA Unit = iota
	UnitB
)

func (u Unit) other() Unit { return 1 - u }

// unitNames are the units' names in hooks and views.
var unitNames = mock.UnitNames[Unit]{"A", "B"}

// String returns "A" or "B".
func (u Unit) String() string { return unitNames.Name(u) }

// Credentials the mock accepts.
const (
	AdminUser        = "admin"
	AdminPassword    = "Sbc#Admin-7391"
	ReadOnlyUser     = "monitor"
	ReadOnlyPassword = "Sbc#Monitor-2846"
)

// Options configure a Pair; zero values take the defaults.
type Options struct {
	HostNames       [2]string     // default "sbc-a", "sbc-b"
	Releases        [2]string     // each unit's release (ReleaseVersions); default DefaultRelease
	Versions        []string      // accepted API versions of both units, oldest first; default the release's
	TokenLifetime   time.Duration // default 10m
	SwitchoverDelay time.Duration // time until the roles swap after an accepted switchover; default 2s
	Clock           mock.Clock    // default mock.RealClock{}

	// VersionsNeedToken makes /rest/api/supportedversions answer 401 without a valid
	// Bearer token. Oracle's page declares no Authorization parameter, yet lists a 401 and
	// sends a token in its examples (sbc.md section 3); by default the mock answers without one.
	VersionsNeedToken bool
	// TransitionalRoles makes both units report the ACLI HA states as their role while a
	// switchover is pending (BecomingStandby on the unit giving up the active role,
	// BecomingActive on the other). Whether the REST role ever carries them is not
	// documented (sbc.md section 5); by default the units report their old roles.
	TransitionalRoles bool
}

// Pair is the HA pair both unit handlers share. Unit A starts active, both units
// synchronised and healthy. All methods are safe for concurrent use.
type Pair struct {
	mu     sync.Mutex
	clock  mock.Clock
	hosts  [2]string
	booted time.Time

	tokenLifetime   time.Duration
	switchoverDelay time.Duration
	haConfigured    bool
	neverSwap       bool
	acceptOnStandby bool
	expireOnSwitch  bool
	versionsToken   bool
	transitional    bool

	active      Unit
	units       [2]unitState
	switchovers int
	accepted    int
	pending     *pendingSwitchover
}

type unitState struct {
	reportedRole string // what the unit reports as its role, when set (SetReportedRole)
	release      string
	versions     []string
	health       int
	synced       bool
	outOfService bool
	tokens       map[string]token
	logs         []logEntry
}

// NewPair returns a pair with unit A active. It panics on a release ReleaseVersions
// does not know.
func NewPair(opts Options) *Pair {
	p := &Pair{
		clock:           opts.Clock,
		hosts:           opts.HostNames,
		tokenLifetime:   opts.TokenLifetime,
		switchoverDelay: opts.SwitchoverDelay,
		haConfigured:    true,
		versionsToken:   opts.VersionsNeedToken,
		transitional:    opts.TransitionalRoles,
	}
	if p.clock == nil {
		p.clock = mock.RealClock{}
	}
	if p.hosts[UnitA] == "" {
		p.hosts[UnitA] = "sbc-a"
	}
	if p.hosts[UnitB] == "" {
		p.hosts[UnitB] = "sbc-b"
	}
	if p.tokenLifetime <= 0 {
		p.tokenLifetime = 10 * time.Minute
	}
	if p.switchoverDelay <= 0 {
		p.switchoverDelay = 2 * time.Second
	}
	for u := range p.units {
		release := opts.Releases[u]
		if release == "" {
			release = DefaultRelease
		}
		versions, err := ReleaseVersions(release)
		if err != nil {
			panic(err)
		}
		if len(opts.Versions) > 0 {
			versions = slices.Clone(opts.Versions)
		}
		p.units[u] = unitState{release: release, versions: versions, health: 100, synced: true, tokens: map[string]token{}}
	}
	p.booted = p.clock.Now()
	return p
}

// Handler returns the REST API of one unit.
func (p *Pair) Handler(u Unit) http.Handler {
	return unitHandler{p: p, u: u}.router()
}

// Serve starts both units on their own TLS listeners ("" = random loopback port).
func (p *Pair) Serve(ca *mock.Authority, addrA, addrB string) (a, b *mock.Server, err error) {
	return mock.ServePair(ca, p.hosts, p.Handler, [2]string{addrA, addrB})
}
