package ftdmock

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Op is the kind of an HA job.
type Op string

// HA job kinds.
const (
	OpJoin  Op = "join"
	OpBreak Op = "break"
)

func (o Op) valid() bool { return o == OpJoin || o == OpBreak }

// typeName is the job's "type" ("breakhastatus" is inferred, ftd-fdm.md section 0).
func (o Op) typeName() string { return string(o) + "hastatus" }

// Job states (ftd-fdm.md section 2).
const (
	StateQueued        = "QUEUED"
	StateDeploying     = "DEPLOYING"
	StateDeployed      = "DEPLOYED"
	StateDeployFailed  = "DEPLOY_FAILED"
	StateDeployTimeout = "DEPLOY_TIMEOUT"
)

// Failure makes a job end in State (DEPLOY_FAILED or DEPLOY_TIMEOUT) with these
// messages instead of DEPLOYED.
type Failure struct {
	State           string   `json:"state"`
	StatusMessages  []string `json:"status_messages"`
	CLIErrorMessage string   `json:"cli_error_message"`
}

// withDefaults fills the messages a failure leaves empty.
func (f Failure) withDefaults(op Op) (Failure, error) {
	switch f.State {
	case StateDeployFailed:
		if len(f.StatusMessages) == 0 {
			f.StatusMessages = []string{"Deployment of the high availability " + string(op) + " failed"}
		}
		if f.CLIErrorMessage == "" {
			f.CLIErrorMessage = "ERROR: Failover link interface is down; the peer unit could not be reached"
		}
	case StateDeployTimeout:
		if len(f.StatusMessages) == 0 {
			f.StatusMessages = []string{"Deployment of the high availability " + string(op) + " timed out"}
		}
	default:
		return f, fmt.Errorf("failure state must be %s or %s, not %q", StateDeployFailed, StateDeployTimeout, f.State)
	}
	f.StatusMessages = slices.Clone(f.StatusMessages)
	return f, nil
}

// job is one join or break. Its timeline is fixed when it is accepted; its
// outcome is decided when settle reaches its end.
type job struct {
	id, name        string
	op              Op
	queued          time.Time
	start, end      time.Time
	failure         *Failure
	outcome         string
	statusMessages  []string
	cliError        string
	interfaceOption string
	outage          Outage // for a join on an HA_SECONDARY: unreachable from start for outage.Duration
	// negotiation and sync are the HA timings when the job was accepted.
	negotiation, sync time.Duration
}

func (j *job) settled() bool { return j.outcome != "" }

func (j *job) state(now time.Time) string {
	switch {
	case now.Before(j.start):
		return StateQueued
	case !j.settled():
		return StateDeploying
	}
	return j.outcome
}

// Job is a join or break job as a unit reports it now.
type Job struct {
	ID              string    `json:"id"`
	Name            string    `json:"name"`
	Op              Op        `json:"op"`
	State           string    `json:"state"`
	QueuedTime      time.Time `json:"queued_time"`
	StartTime       time.Time `json:"start_time"` // zero until DEPLOYING
	EndTime         time.Time `json:"end_time"`   // zero until the job ends
	StatusMessages  []string  `json:"status_messages"`
	CLIErrorMessage string    `json:"cli_error_message"`
	InterfaceOption string    `json:"interface_option,omitempty"`
}

func (j *job) view(now time.Time) Job {
	v := Job{ID: j.id, Name: j.name, Op: j.op, State: j.state(now), QueuedTime: j.queued, InterfaceOption: j.interfaceOption}
	if !now.Before(j.start) {
		v.StartTime = j.start
	}
	if j.settled() {
		v.EndTime = j.end
		v.StatusMessages = slices.Clone(j.statusMessages)
		v.CLIErrorMessage = j.cliError
	}
	return v
}

// jobWire is JoinHAStatus / BreakHAStatus on the wire.
type jobWire struct {
	ID                         string         `json:"id"`
	Name                       *string        `json:"name"`
	Type                       string         `json:"type"`
	State                      string         `json:"state"`
	QueuedTime                 int64          `json:"queuedTime"`
	StartTime                  int64          `json:"startTime"`
	EndTime                    int64          `json:"endTime"`
	StatusMessage              *string        `json:"statusMessage"`
	StatusMessages             []string       `json:"statusMessages"`
	CLIErrorMessage            *string        `json:"cliErrorMessage"`
	ModifiedObjects            map[string]any `json:"modifiedObjects"`
	ForceRefreshDeploymentData bool           `json:"forceRefreshDeploymentData"`
	InterfaceOption            *string        `json:"interfaceOption,omitempty"`
	Links                      links          `json:"links"`
}

func (v Job) wire(base string) jobWire {
	out := jobWire{
		ID:              v.ID,
		Name:            nullable(v.Name),
		Type:            v.Op.typeName(),
		State:           v.State,
		QueuedTime:      v.QueuedTime.UnixMilli(),
		StartTime:       epochMillis(v.StartTime),
		EndTime:         epochMillis(v.EndTime),
		StatusMessages:  v.StatusMessages,
		CLIErrorMessage: nullable(v.CLIErrorMessage),
		ModifiedObjects: map[string]any{},
		InterfaceOption: nullable(v.InterfaceOption),
		Links:           links{Self: base + "/devices/default/action/ha/" + string(v.Op) + "/" + v.ID},
	}
	if len(v.StatusMessages) > 0 {
		msg := ""
		for i, m := range v.StatusMessages {
			if i > 0 {
				msg += "\n"
			}
			msg += m
		}
		out.StatusMessage = &msg
	}
	return out
}

// epochMillis is -1 until the time is reached (ftd-fdm.md section 2).
func epochMillis(t time.Time) int64 {
	if t.IsZero() {
		return -1
	}
	return t.UnixMilli()
}

// busy reports whether a job of this unit has not ended.
func (us *unitState) busy() bool {
	for _, j := range us.jobs {
		if !j.settled() {
			return true
		}
	}
	return false
}

func (us *unitState) findJob(op Op, id string) *job {
	for _, j := range us.jobs {
		if j.id == id && (op == "" || j.op == op) {
			return j
		}
	}
	return nil
}

// newJob queues a job on unit u with the current timings. Callers hold p.mu.
func (p *Pair) newJob(u Unit, op Op, name string) *job {
	us := p.units[u]
	now := p.clock.Now()
	j := &job{id: newUUID(), name: name, op: op, queued: now, negotiation: p.timings.Negotiation, sync: p.timings.Sync}
	j.start = now.Add(p.timings.JobQueued)
	j.end = j.start.Add(p.timings.JobDeploying)
	if f, ok := us.failNext[op]; ok {
		delete(us.failNext, op)
		j.failure = &f
	}
	us.jobs = append(us.jobs, j)
	return j
}

func listJobs(op Op) func(unitHandler, call) {
	return func(h unitHandler, c call) {
		h.p.mu.Lock()
		h.p.settle()
		now := h.p.clock.Now()
		items := []jobWire{}
		for _, j := range h.p.units[h.u].jobs {
			if j.op == op {
				items = append(items, j.view(now).wire(c.base))
			}
		}
		h.p.mu.Unlock()
		body, ferr := page(c.r, c.base+"/devices/default/action/ha/"+string(op), items)
		if ferr != nil {
			writeFDMError(c.w, ferr)
			return
		}
		mock.WriteCompactJSON(c.w, http.StatusOK, body)
	}
}

func getJob(op Op) func(unitHandler, call) {
	return func(h unitHandler, c call) {
		h.p.mu.Lock()
		h.p.settle()
		j := h.p.units[h.u].findJob(op, c.id)
		var v Job
		if j != nil {
			v = j.view(h.p.clock.Now())
		}
		h.p.mu.Unlock()
		if j == nil {
			writeFDMError(c.w, notFound(op.typeName(), c.id))
			return
		}
		mock.WriteCompactJSON(c.w, http.StatusOK, v.wire(c.base))
	}
}
