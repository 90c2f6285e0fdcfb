package loginsightmock

import (
	"net"
	"net/http"
	"strconv"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

type newRequest struct {
	User *struct {
		// The schema says userName, its examples username; both are accepted
		// (loginsight.md section 3).
		UserName string `json:"userName"`
		Username string `json:"username"`
		Password string `json:"password"`
		Email    string `json:"email"`
	} `json:"user"`
}

// deploymentNew answers POST /deployment/new: the node becomes the master of a
// new cluster. The route refuses a bootstrapped node before the body is read, so the
// {} probe clients use answers 400 before bootstrap and 409 (v1: 403) after.
func (h nodeHandler) deploymentNew(w http.ResponseWriter, r *http.Request, rq request) {
	var req newRequest
	if !readBody(w, r, &req) {
		return
	}
	if req.User == nil {
		writeBadBody(w, "missing required field: user")
		return
	}
	name := req.User.UserName
	if name == "" {
		name = req.User.Username
	}
	if name == "" || req.User.Password == "" {
		writeBadBody(w, "user.userName and user.password are required")
		return
	}
	c := h.c
	c.mu.Lock()
	bootstrapped := c.bootstrap(h.n, name, req.User.Password)
	if bootstrapped {
		c.bootstraps++
	}
	c.mu.Unlock()
	if !bootstrapped { // lost a race with another new or join
		writeAlreadyBootstrapped(w, rq.version)
		return
	}
	c.writeDone(w)
}

// bootstrap makes the unbootstrapped node n the STARTING master of a new cluster whose
// one user is name; it reports false when n is not unbootstrapped. Callers hold c.mu.
func (c *Cluster) bootstrap(n *node, name, password string) bool {
	c.settle()
	if n.state != StateUnbootstrapped {
		return false
	}
	n.bootstrapAsMaster(newRealm(name, password), c.distinctIDs)
	n.state = StateStarting
	n.readyAt = c.clock.Now().Add(c.startDelay)
	return true
}

type joinRequest struct {
	MasterFQDN *string `json:"masterFQDN"`
	MasterPort *int    `json:"masterPort"`
	AcceptCert *bool   `json:"acceptCert"`
}

type joinResponse struct {
	MasterAddress string `json:"masterAddress"`
	MasterUIPort  int    `json:"masterUiPort"`
	WorkerAddress string `json:"workerAddress"`
	WorkerPort    int    `json:"workerPort"`
	WorkerToken   string `json:"workerToken"`
}

// masterUIPort is the informational UI port of the documented example.
const masterUIPort = 80

// join answers POST /deployment/join, checked in the order of loginsight.md
// section 7: body (400), state (409), master (403), certificate (495).
func (h nodeHandler) join(w http.ResponseWriter, r *http.Request, rq request) {
	var req joinRequest
	if !readBody(w, r, &req) {
		return
	}
	if req.MasterFQDN == nil || strings.TrimSpace(*req.MasterFQDN) == "" {
		writeBadBody(w, "missing required field: masterFQDN")
		return
	}
	port := 0
	if req.MasterPort != nil {
		port = *req.MasterPort
		if port < 1 || port > 65535 {
			writeBadBody(w, "masterPort must be between 1 and 65535")
			return
		}
	}
	c := h.c
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settle()
	n := h.n
	master := c.findMaster(*req.MasterFQDN, port)
	if n.state == StateJoinRequested && c.repeatJoinSameTicket && master != nil && n.ticket.master == master {
		mock.WriteCompactJSON(w, http.StatusOK, n.ticket.response(n))
		return
	}
	if n.state != StateUnbootstrapped {
		writeAlreadyBootstrapped(w, rq.version)
		return
	}
	if reason, code := joinRefusal(n, master, *req.MasterFQDN, port); reason != "" {
		writeError(w, http.StatusForbidden, apiError{
			ErrorMessage: "Error joining deployment",
			ErrorCode:    codeDeploymentError,
			ErrorDetails: map[string]string{"reason": reason, "errorCode": code},
		})
		return
	}
	if !n.trustsMaster && (req.AcceptCert == nil || !*req.AcceptCert) {
		writeError(w, 495, apiError{
			ErrorMessage: "Error certificate",
			ErrorCode:    codeSSLCertificate,
			ErrorDetails: map[string]string{
				"reason":    "SSL connection failed. Primary node certificate is not trusted. Use \"acceptCert\":true in request to automatically accept not trusted certificate.",
				"errorCode": "CERTIFICATE_NOT_TRUSTED",
			},
		})
		return
	}
	n.ticket = &joinTicket{workerToken: newUUID(), master: master}
	n.state = StateJoinRequested
	mock.WriteCompactJSON(w, http.StatusOK, n.ticket.response(n))
}

// joinRefusal says why master cannot take n in, or "" when it can.
func joinRefusal(n, master *node, fqdn string, port int) (reason, code string) {
	where := fqdn
	if port != 0 {
		where = net.JoinHostPort(fqdn, strconv.Itoa(port))
	}
	switch {
	case master == nil:
		return "Cannot connect to the master node at " + where, "MASTER_UNREACHABLE"
	case master == n:
		return "A node cannot join itself", "MASTER_IS_SELF"
	case !master.isMaster() || !master.started():
		return where + " is not the master node of a running cluster", "NOT_A_MASTER"
	}
	return "", ""
}

func (t *joinTicket) response(worker *node) joinResponse {
	return joinResponse{
		MasterAddress: t.master.ip,
		MasterUIPort:  masterUIPort,
		WorkerAddress: worker.ip,
		WorkerPort:    WorkerPort,
		WorkerToken:   t.workerToken,
	}
}

// deploymentToken answers GET /deployment/token, which only the VCF 9.0 spec
// lists and whose use is unknown (loginsight.md section 3).
func (h nodeHandler) deploymentToken(w http.ResponseWriter, _ *http.Request, _ request) {
	mock.WriteCompactJSON(w, http.StatusOK, map[string]string{"token": newUUID()})
}
