package loginsightmock

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Time references of the time settings (loginsight.md section 3).
const (
	TimeNTPServer = "NTP_SERVER"
	TimeESXHost   = "ESX_HOST"
)

type timeConfigRequest struct {
	TimeReference *string   `json:"timeReference"`
	NTPServers    *[]string `json:"ntpServers"`
}

// timeSettings is the settings as GET /time/config answers them, inside "ntpConfig".
type timeSettings struct {
	TimeReference string   `json:"timeReference"`
	NTPServers    []string `json:"ntpServers,omitempty"`
}

type timeTestRequest struct {
	NTPServers []string `json:"ntpServers"`
}

type testedServer struct {
	Server string `json:"server"`
	State  string `json:"state"`
}

// timeMaster is the node whose time settings n's cluster uses: its master, or n itself
// before it belongs to a cluster. Callers hold c.mu.
func (n *node) timeMaster() *node {
	if n.master != nil {
		return n.master
	}
	return n
}

// timeConfig answers PUT /time/config (Bearer): the cluster's time source, sent flat.
// The spec documents 200 with no body, 401, 440 and 500 only (loginsight.md section 3),
// so settings it cannot take answer 500; that NTP_SERVER needs at least one server is
// inferred. Reachability is not checked here: that is what POST /time/test is for.
func (h nodeHandler) timeConfig(w http.ResponseWriter, r *http.Request, _ request) {
	var req timeConfigRequest
	if !readBody(w, r, &req) {
		return
	}
	if req.TimeReference == nil {
		writeBadBody(w, "missing required field: timeReference")
		return
	}
	var servers []string
	if req.NTPServers != nil {
		servers = *req.NTPServers
	}
	if reason := timeConfigRefusal(*req.TimeReference, servers); reason != "" {
		writeError(w, http.StatusInternalServerError, apiError{
			ErrorMessage: "The operation failed due to an internal error.",
			ErrorDetails: map[string]string{"reason": reason},
		})
		return
	}
	c := h.c
	c.mu.Lock()
	c.setTime(h.n.timeMaster(), *req.TimeReference, servers)
	c.timeConfigs++
	c.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

// readTimeConfig answers GET /time/config (Bearer) with the settings wrapped in
// "ntpConfig", as both the 8.0 v1 reference and the 9.0 v2 spec show them.
func (h nodeHandler) readTimeConfig(w http.ResponseWriter, _ *http.Request, _ request) {
	c := h.c
	c.mu.Lock()
	m := h.n.timeMaster()
	settings := timeSettings{TimeReference: m.timeReference, NTPServers: slices.Clone(m.ntpServers)}
	c.mu.Unlock()
	mock.WriteCompactJSON(w, http.StatusOK, map[string]timeSettings{"ntpConfig": settings})
}

// testTime answers POST /time/test (Bearer): each server passes unless it is one of the
// unreachable ones (compared without regard to case). Nothing is changed.
func (h nodeHandler) testTime(w http.ResponseWriter, r *http.Request, _ request) {
	var req timeTestRequest
	if !readBody(w, r, &req) {
		return
	}
	c := h.c
	c.mu.Lock()
	c.timeTests++
	tested := make([]testedServer, 0, len(req.NTPServers))
	for _, s := range req.NTPServers {
		state := "pass"
		if slices.ContainsFunc(c.unreachableNTP, func(u string) bool { return strings.EqualFold(u, s) }) {
			state = "fail"
		}
		tested = append(tested, testedServer{Server: s, State: state})
	}
	c.mu.Unlock()
	mock.WriteCompactJSON(w, http.StatusOK, map[string][]testedServer{"testedNTPServers": tested})
}

func timeConfigRefusal(reference string, servers []string) string {
	switch reference {
	case TimeESXHost:
		return ""
	case TimeNTPServer:
	default:
		return fmt.Sprintf("timeReference must be %s or %s, not %q", TimeNTPServer, TimeESXHost, reference)
	}
	if len(servers) == 0 {
		return "ntpServers must name at least one server when timeReference is " + TimeNTPServer
	}
	for _, s := range servers {
		if strings.TrimSpace(s) == "" || strings.ContainsAny(s, " \t/") {
			return fmt.Sprintf("invalid NTP server %q", s)
		}
	}
	return ""
}

// setTime stores the time settings of m's cluster. Callers hold c.mu.
func (c *Cluster) setTime(m *node, reference string, servers []string) {
	m.timeReference = reference
	m.ntpServers = nil
	if reference == TimeNTPServer {
		m.ntpServers = slices.Clone(servers)
	}
}

// SetTimeConfig changes the time settings of the cluster of the node at ref (listener
// host:port or node token) as an engineer would in the UI: not counted by TimeConfigs.
func (c *Cluster) SetTimeConfig(ref, reference string, servers []string) error {
	if reason := timeConfigRefusal(reference, servers); reason != "" {
		return errors.New(reason)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.lookup(ref)
	if n == nil {
		return fmt.Errorf("no node %q", ref)
	}
	c.setTime(n.timeMaster(), reference, servers)
	return nil
}

// SetUnreachableNTPServers sets the servers POST /time/test reports failing.
func (c *Cluster) SetUnreachableNTPServers(servers []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.unreachableNTP = slices.Clone(servers)
}

// TimeConfigs counts PUT /time/config calls the mock accepted.
func (c *Cluster) TimeConfigs() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.timeConfigs
}

// TimeTests counts POST /time/test calls the mock answered.
func (c *Cluster) TimeTests() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.timeTests
}
