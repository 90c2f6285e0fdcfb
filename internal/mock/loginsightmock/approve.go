package loginsightmock

import (
	"net/http"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

type approveRequest struct {
	WorkerAddress *string `json:"workerAddress"`
	WorkerPort    *int    `json:"workerPort"`
	WorkerToken   *string `json:"workerToken"`
	Approved      *bool   `json:"approved"`
}

type approveResponse struct {
	MasterHostname string       `json:"masterHostname"`
	ClusterNode    *clusterNode `json:"clusterNode,omitempty"`
}

type clusterNode struct {
	Token       string `json:"token"`
	Hostname    string `json:"hostname"`
	Status      string `json:"status"`
	FullVersion string `json:"fullVersion"`
}

// Approval is one approve request that passed authentication and the spec check.
type Approval struct {
	WorkerAddress string `json:"worker_address"`
	WorkerPort    int    `json:"worker_port"`
	WorkerToken   string `json:"worker_token"`
	Approved      bool   `json:"approved"`
	Status        int    `json:"status"` // what the mock answered
}

// approve answers POST /deployment/approve on the master (loginsight.md
// section 3): approved true makes the worker a STARTING member with a new
// cluster node token; approved false sends it back to UNBOOTSTRAPPED.
func (h nodeHandler) approve(w http.ResponseWriter, r *http.Request, _ request) {
	var req approveRequest
	if !readBody(w, r, &req) {
		h.c.recordApproval(Approval{Status: http.StatusBadRequest})
		return
	}
	a := Approval{
		WorkerAddress: deref(req.WorkerAddress),
		WorkerPort:    deref(req.WorkerPort),
		WorkerToken:   deref(req.WorkerToken),
		Approved:      deref(req.Approved),
	}
	if missing := req.missing(); missing != "" {
		a.Status = http.StatusBadRequest
		h.c.recordApproval(a)
		writeBadBody(w, "missing required field(s): "+missing)
		return
	}
	status, body, refusal := h.c.decide(h.n, a)
	a.Status = status
	h.c.recordApproval(a)
	if refusal != nil {
		writeError(w, status, *refusal)
		return
	}
	mock.WriteCompactJSON(w, status, body)
}

func (req approveRequest) missing() string {
	var out []string
	if req.WorkerAddress == nil {
		out = append(out, "workerAddress")
	}
	if req.WorkerPort == nil {
		out = append(out, "workerPort")
	}
	if req.WorkerToken == nil {
		out = append(out, "workerToken")
	}
	if req.Approved == nil {
		out = append(out, "approved")
	}
	return strings.Join(out, ", ")
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// decide applies an approval received by node m.
func (c *Cluster) decide(m *node, a Approval) (int, approveResponse, *apiError) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settle()
	refuse := func(reason, code string) (int, approveResponse, *apiError) {
		return http.StatusForbidden, approveResponse{}, &apiError{
			ErrorMessage: "Cannot approve worker membership",
			ErrorCode:    codeDeploymentError,
			ErrorDetails: map[string]string{"reason": reason, "errorCode": code},
		}
	}
	if !m.isMaster() {
		return refuse(m.name+" is not the master node; send approve to the master", "NOT_MASTER")
	}
	var worker *node
	for _, n := range c.nodes {
		if n.state == StateJoinRequested && n.ticket.master == m && n.ticket.workerToken == a.WorkerToken {
			worker = n
		}
	}
	switch {
	case worker == nil:
		return refuse("No pending join request with worker token "+a.WorkerToken, "UNKNOWN_WORKER_TOKEN")
	case a.WorkerAddress != worker.ip || a.WorkerPort != WorkerPort:
		return refuse("Worker address or port does not match the join request", "WORKER_MISMATCH")
	}
	worker.ticket = nil
	if !a.Approved {
		worker.state = StateUnbootstrapped
		return http.StatusOK, approveResponse{MasterHostname: m.name}, nil
	}
	worker.state = StateStarting
	worker.readyAt = c.clock.Now().Add(c.startDelay)
	worker.master = m
	worker.realm = m.realm
	worker.assignIDs(c.distinctIDs)
	return http.StatusOK, approveResponse{
		MasterHostname: m.name,
		ClusterNode: &clusterNode{
			Token:       worker.token,
			Hostname:    a.WorkerAddress,
			Status:      "Connected",
			FullVersion: worker.fullVersion,
		},
	}, nil
}

func (c *Cluster) recordApproval(a Approval) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.approvals = append(c.approvals, a)
}

// Approvals returns every approve request that passed authentication and the spec
// check, in order.
func (c *Cluster) Approvals() []Approval {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Approval(nil), c.approvals...)
}
