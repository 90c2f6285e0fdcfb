package ftd

import (
	"context"
	"net/http"
	"net/url"
	"sort"
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
// refuses it on the standby unit.
func (c *Client) Join(ctx context.Context, name string) (*Job, error) {
	body := map[string]any{"type": "joinhastatus"}
	if name != "" {
		body["name"] = name
	}
	var j Job
	if err := c.call(ctx, http.MethodPost, jobPath(JobJoin), nil, body, &j); err != nil {
		return nil, err
	}
	return &j, nil
}

// Break starts breaking the pair. interfaceOption (DISABLE_INTERFACES or
// ENABLE_WITH_STANDBY_IP) is required on a non-active unit.
func (c *Client) Break(ctx context.Context, interfaceOption string) (*Job, error) {
	body := map[string]any{"type": "breakhastatus"}
	if interfaceOption != "" {
		body["interfaceOption"] = interfaceOption
	}
	var j Job
	if err := c.call(ctx, http.MethodPost, jobPath(JobBreak), nil, body, &j); err != nil {
		return nil, err
	}
	return &j, nil
}

// StartFailover asks the pair to swap roles; the pair must be healthy. See Failover.
func (c *Client) StartFailover(ctx context.Context) (*HAStatus, error) {
	var s HAStatus
	if err := c.call(ctx, http.MethodPost, "/devices/default/action/ha/failover", nil, map[string]any{}, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// Job reads a join or break job by id; a purged record answers 404 (transport.IsNotFound).
func (c *Client) Job(ctx context.Context, kind JobKind, id string) (*Job, error) {
	var j Job
	if err := c.call(ctx, http.MethodGet, jobPath(kind)+"/"+url.PathEscape(id), nil, nil, &j); err != nil {
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
