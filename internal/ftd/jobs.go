package ftd

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// Job states of join and break jobs.
const (
	JobQueued        = "QUEUED"
	JobDeploying     = "DEPLOYING"
	JobDeployed      = "DEPLOYED"
	JobDeployFailed  = "DEPLOY_FAILED"
	JobDeployTimeout = "DEPLOY_TIMEOUT"
)

// Job is a JoinHAStatus or BreakHAStatus: an asynchronous HA operation.
type Job struct {
	ID              string   `json:"id"`
	Name            string   `json:"name,omitempty"`
	Type            string   `json:"type,omitempty"`
	State           string   `json:"state"`
	QueuedTime      int64    `json:"queuedTime"`
	StartTime       int64    `json:"startTime"`
	EndTime         int64    `json:"endTime"`
	StatusMessage   string   `json:"statusMessage,omitempty"`
	StatusMessages  []string `json:"statusMessages"`
	CLIErrorMessage string   `json:"cliErrorMessage,omitempty"`
}

// jobStates are the documented job states (ftd-fdm.md section 2).
var jobStates = []string{JobQueued, JobDeploying, JobDeployed, JobDeployFailed, JobDeployTimeout}

// check refuses a job answer without an id or with an undocumented state.
func (j *Job) check(resp *transport.Response) error {
	switch {
	case j.ID == "":
		return transport.UnexpectedAnswer(resp, "the job holds no id")
	case !contains(jobStates, j.State):
		return transport.UnexpectedAnswer(resp, fmt.Sprintf("job state %q is none of %s", j.State, strings.Join(jobStates, ", ")))
	}
	return nil
}

// Ended reports a job that reached its end (endTime is -1 until then).
func (j *Job) Ended() bool { return j.EndTime != -1 }

// JobKind names the job family in the action path.
type JobKind string

// Job kinds.
const (
	JobJoin  JobKind = "join"
	JobBreak JobKind = "break"
)

func jobPath(kind JobKind) string { return "/devices/default/action/ha/" + string(kind) }

// Join starts joining this unit to the HA pair its HA configuration describes. FDM
// refuses it on the standby unit. Up to API v2 the join takes no body, so no job name.
func (c *Client) Join(ctx context.Context, name string) (*Job, error) {
	versions, err := c.APIVersions(ctx)
	if err != nil {
		return nil, err
	}
	if !versions.ActionsTakeBody() {
		if name != "" {
			return nil, &PreconditionError{Reason: fmt.Sprintf("the FTD speaks API version %s, whose HA join takes no body, so no job name: remove name. Nothing was sent", versions.Effective)}
		}
		return c.postJob(ctx, JobJoin, nil, nil)
	}
	body := map[string]any{"type": "joinhastatus"}
	if name != "" {
		body["name"] = name
	}
	return c.postJob(ctx, JobJoin, nil, body)
}

// Interface options of a break.
const (
	DisableInterfaces   = "DISABLE_INTERFACES"
	EnableWithStandbyIP = "ENABLE_WITH_STANDBY_IP"
)

// Break starts breaking the pair. interfaceOption (DISABLE_INTERFACES or
// ENABLE_WITH_STANDBY_IP) is required on a non-active unit. It is sent as the unit's
// API version documents it: the interfaceOption body from 6.6 (API v5), before that
// the clearIntfs query, true clearing (so disabling) the interfaces.
func (c *Client) Break(ctx context.Context, interfaceOption string) (*Job, error) {
	versions, err := c.APIVersions(ctx)
	if err != nil {
		return nil, err
	}
	body := map[string]any{"type": "breakhastatus"}
	var query url.Values
	switch {
	case interfaceOption == "":
	case versions.BreakTakesInterfaceOption():
		body["interfaceOption"] = interfaceOption
	default:
		query = url.Values{"clearIntfs": {strconv.FormatBool(interfaceOption == DisableInterfaces)}}
	}
	if !versions.ActionsTakeBody() {
		return c.postJob(ctx, JobBreak, query, nil)
	}
	return c.postJob(ctx, JobBreak, query, body)
}

func (c *Client) postJob(ctx context.Context, kind JobKind, query url.Values, body any) (*Job, error) {
	var j Job
	resp, err := c.call(ctx, http.MethodPost, jobPath(kind), query, body, &j)
	if err != nil {
		return nil, err
	}
	if err := j.check(resp); err != nil {
		return nil, err
	}
	return &j, nil
}

// StartFailover asks the pair to swap roles; the pair must be healthy. See Failover.
func (c *Client) StartFailover(ctx context.Context) (*HAStatus, error) {
	body, err := c.actionBody(ctx)
	if err != nil {
		return nil, err
	}
	var s HAStatus
	if _, err := c.call(ctx, http.MethodPost, "/devices/default/action/ha/failover", nil, body, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// Job reads a join or break job by id; a purged record answers 404 (transport.IsNotFound).
func (c *Client) Job(ctx context.Context, kind JobKind, id string) (*Job, error) {
	var j Job
	resp, err := c.call(ctx, http.MethodGet, jobPath(kind)+"/"+url.PathEscape(id), nil, nil, &j)
	if err != nil {
		return nil, err
	}
	if err := j.check(resp); err != nil {
		return nil, err
	}
	return &j, nil
}

// Jobs lists the join or break jobs, newest first.
func (c *Client) Jobs(ctx context.Context, kind JobKind) ([]Job, error) {
	jobs, err := list[Job](ctx, c, jobPath(kind))
	if err != nil {
		return nil, err
	}
	sort.SliceStable(jobs, func(a, b int) bool { return jobs[a].QueuedTime > jobs[b].QueuedTime })
	return jobs, nil
}

// LatestDeployed is the newest job of the kind that ended DEPLOYED, or nil.
func (c *Client) LatestDeployed(ctx context.Context, kind JobKind) (*Job, error) {
	jobs, err := c.Jobs(ctx, kind)
	if err != nil {
		return nil, err
	}
	for i := range jobs {
		if jobs[i].State == JobDeployed {
			return &jobs[i], nil
		}
	}
	return nil, nil
}
