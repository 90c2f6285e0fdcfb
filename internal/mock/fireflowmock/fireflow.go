// Package fireflowmock is a stateful fake of the AlgoSec FireFlow REST API:
// sessions, object, rule-removal and traffic change requests, their read-back,
// ActiveChange on traffic requests and a workflow status moved by test hooks (see vendor-apis/fireflow.md and seeds
// 002, 003).
package fireflowmock

import (
	"slices"
	"sync"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Credentials the mock accepts.
const (
	Username = "ffadmin"
	Password = "FireFlow#Admin-5820"
)

// Options configure a FireFlow; zero values take the defaults.
type Options struct {
	SessionLifetime    time.Duration // absolute, from login; default 30m
	FirstID            int           // id of the first change request; default 1001
	DateDayBeforeMonth bool          // server option DateDayBeforeMonth=1: DD-MM-YYYY instead of MM-DD-YYYY
	Empty              bool          // start without the seeded templates, devices, objects and rules
	Clock              mock.Clock    // default mock.RealClock{}
	// Behaviour is how the mock answers where the guide's pages and real appliances
	// differ (default GuideBehaviour; RealAppliance is what appliances showed).
	Behaviour
	// ActiveChangeDuration is how long a triggered ActiveChange stays InProgress (default 0).
	ActiveChangeDuration time.Duration
	// TrafficPath are the devices a traffic request without a devices field is planned
	// on, one child each; default FW_101 and FW_102.
	TrafficPath []string
}

// FireFlow is the whole server state; it is the http.Handler of the REST API
// and of its /_mock/ hooks. All methods are safe for concurrent use.
type FireFlow struct {
	mu    sync.Mutex
	clock mock.Clock

	sessionLifetime    time.Duration
	loginFailureStatus int
	dateDayBeforeMonth bool
	autoAdvance        time.Duration
	failCreates        int
	issued             []string // session values handed out
	failMode           FailMode

	sessions     map[string]*session
	logins       int
	failedLogins int

	behaviour        Behaviour
	denyActiveChange bool
	trafficPath      []string
	acOutcome        ActiveChangeOutcome
	acDuration       time.Duration

	templates map[string]Template
	devices   map[string]*device

	nextID  int
	tickets map[int]*ticket

	router *mock.Router
}

// New returns a FireFlow holding the seeded inventory (see seed.go) unless
// opts.Empty is set.
func New(opts Options) *FireFlow {
	f := &FireFlow{
		clock:              opts.Clock,
		sessionLifetime:    opts.SessionLifetime,
		loginFailureStatus: 200,
		dateDayBeforeMonth: opts.DateDayBeforeMonth,
		sessions:           map[string]*session{},
		templates:          map[string]Template{},
		devices:            map[string]*device{},
		nextID:             opts.FirstID,
		tickets:            map[int]*ticket{},
		trafficPath:        slices.Clone(opts.TrafficPath),
		acOutcome:          ActiveChangeSucceeds,
		acDuration:         max(opts.ActiveChangeDuration, 0),
	}
	f.setBehaviour(opts.Behaviour)
	if len(f.trafficPath) == 0 {
		f.trafficPath = []string{DeviceFW101, DeviceFW102}
	}
	if f.clock == nil {
		f.clock = mock.RealClock{}
	}
	if f.sessionLifetime <= 0 {
		f.sessionLifetime = 30 * time.Minute
	}
	if f.nextID <= 0 {
		f.nextID = 1001
	}
	if !opts.Empty {
		f.seed()
	}
	f.router = f.routes()
	return f
}

// Serve starts the API on a TLS listener ("" = random loopback port).
func (f *FireFlow) Serve(ca *mock.Authority, addr string) (*mock.Server, error) {
	return ca.Serve("fireflow", f, addr)
}
