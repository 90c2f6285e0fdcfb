package loginsight

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// JoinRequest asks a new node to join the master's cluster.
type JoinRequest struct {
	MasterFQDN string `json:"masterFQDN"`
	MasterPort int    `json:"masterPort,omitempty"`
	AcceptCert bool   `json:"acceptCert,omitempty"`
}

// JoinTicket is the new node's answer; WorkerToken is a one-time secret for the approval.
type JoinTicket struct {
	MasterAddress string `json:"masterAddress"`
	MasterUIPort  int    `json:"masterUiPort"`
	WorkerAddress string `json:"workerAddress"`
	WorkerPort    int    `json:"workerPort"`
	WorkerToken   string `json:"workerToken"`
}

// ClusterNode is an approved member.
type ClusterNode struct {
	Token       string `json:"token"`
	Hostname    string `json:"hostname"`
	Status      string `json:"status"`
	FullVersion string `json:"fullVersion"`
}

// Approval is the master's answer to an approval.
type Approval struct {
	MasterHostname string      `json:"masterHostname"`
	ClusterNode    ClusterNode `json:"clusterNode"`
}

// Join asks this (new, unbootstrapped) node to join a cluster. No session is needed.
func (c *Client) Join(ctx context.Context, r JoinRequest) (*JoinTicket, error) {
	var t JoinTicket
	// All five fields are required (loginsight.md section 3).
	err := c.call(ctx, transport.Call{Method: http.MethodPost, Path: "/deployment/join", Body: r, Out: &t, NoAuth: true},
		"masterAddress", "masterUiPort", "workerAddress", "workerPort", "workerToken")
	if err != nil {
		return nil, err
	}
	c.t.AddSecrets(t.WorkerToken)
	return &t, nil
}

// Approve approves (or denies) a joining worker; it is called on the master.
func (c *Client) Approve(ctx context.Context, t *JoinTicket, approved bool) (*Approval, error) {
	body := map[string]any{"workerAddress": t.WorkerAddress, "workerPort": t.WorkerPort, "workerToken": t.WorkerToken, "approved": approved}
	// The worker token comes from another node's client; the master may quote it back.
	c.t.AddSecrets(t.WorkerToken)
	var a Approval
	var need []string
	if approved {
		need = []string{"clusterNode.token"}
	}
	if err := c.call(ctx, transport.Call{Method: http.MethodPost, Path: "/deployment/approve", Body: body, Out: &a}, need...); err != nil {
		return nil, err
	}
	return &a, nil
}

// startRequestTimeout bounds one waitUntilStarted request, which blocks until the node is up.
const startRequestTimeout = 10 * time.Minute

// WaitUntilStarted blocks until the node has started, repeating the call on 500 (the
// API says to retry), on 502, 503, 504 and on dropped connections until ctx ends.
func (c *Client) WaitUntilStarted(ctx context.Context, progress func(string)) error {
	retry := func(err error) bool { return transport.Transient(err, http.StatusInternalServerError) }
	w := transport.Wait{Polling: c.polling, Retry: retry, Immediate: true}
	err := w.Run(ctx, func(ctx context.Context, attempt int) (bool, string, error) {
		err := c.call(ctx, transport.Call{Method: http.MethodPost, Path: "/deployment/waitUntilStarted", NoAuth: true, Timeout: startRequestTimeout})
		if err != nil && progress != nil && retry(err) {
			progress(fmt.Sprintf("waitUntilStarted attempt %d: %v", attempt, err))
		}
		return err == nil, "", err
	})
	var wt *transport.WaitTimeoutError
	switch {
	case !errors.As(err, &wt):
		return err
	case wt.LastErr == nil:
		return fmt.Errorf("the node did not report started before the deadline (%w)", wt.Err)
	}
	return fmt.Errorf("the node did not report started before the deadline (%w); last answer: %w", wt.Err, wt.LastErr)
}
