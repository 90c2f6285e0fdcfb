package loginsight

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
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
	if err := c.do(ctx, call{method: http.MethodPost, path: "/deployment/join", body: r, out: &t, noAuth: true}); err != nil {
		return nil, err
	}
	if t.WorkerToken == "" {
		return nil, errors.New("the Log Insight join answer holds no workerToken")
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
	if err := c.do(ctx, call{method: http.MethodPost, path: "/deployment/approve", body: body, out: &a}); err != nil {
		return nil, err
	}
	if approved && a.ClusterNode.Token == "" {
		return nil, errors.New("the Log Insight approval answer holds no clusterNode.token")
	}
	return &a, nil
}

// startRequestTimeout bounds one waitUntilStarted request, which blocks until the node is up.
const startRequestTimeout = 10 * time.Minute

// WaitUntilStarted blocks until the node has started, repeating the call on 500 and on
// dropped connections until ctx ends.
func (c *Client) WaitUntilStarted(ctx context.Context, progress func(string)) error {
	var last error
	attempt := 0
	try := func(ctx context.Context) (bool, error) {
		attempt++
		err := c.do(ctx, call{method: http.MethodPost, path: "/deployment/waitUntilStarted", noAuth: true, timeout: startRequestTimeout})
		if err == nil {
			return true, nil
		}
		if !retryStart(err) {
			return false, err
		}
		last = err
		if progress != nil {
			progress(fmt.Sprintf("waitUntilStarted attempt %d: %v", attempt, err))
		}
		return false, nil
	}
	done, err := try(ctx)
	if done || err != nil {
		return err
	}
	err = transport.Poll(ctx, c.polling, func(ctx context.Context, _ int) (bool, error) { return try(ctx) })
	if err != nil && ctx.Err() != nil && last != nil {
		return fmt.Errorf("the node did not report started before the deadline (%w); last answer: %w", err, last)
	}
	return err
}

// retryStart reports the failures waitUntilStarted is repeated on: 500 (the API says to
// retry) and connections that broke while the node restarts.
func retryStart(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	switch StatusOf(err) {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	case 0:
		var ue *url.Error
		var te *transport.TimeoutError
		return errors.As(err, &ue) || errors.As(err, &te)
	}
	return false
}
