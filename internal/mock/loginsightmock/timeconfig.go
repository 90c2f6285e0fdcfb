package loginsightmock

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Time references PUT /time/config accepts (loginsight.md section 3).
const (
	TimeNTPServer = "NTP_SERVER"
	TimeESXHost   = "ESX_HOST"
)

type timeConfigRequest struct {
	TimeReference *string   `json:"timeReference"`
	NTPServers    *[]string `json:"ntpServers"`
}

type timeConfigResponse struct {
	TimeReference string   `json:"timeReference"`
	NTPServers    []string `json:"ntpServers"`
}

// timeConfig answers PUT /time/config (Bearer): the cluster's time source. The notes
// give the request only; that NTP_SERVER needs at least one server and that the
// answer echoes the stored settings are inferred.
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
		writeError(w, http.StatusBadRequest, apiError{
			ErrorMessage: "Invalid time configuration.",
			ErrorCode:    codeFieldError,
			ErrorDetails: map[string]string{"reason": reason},
		})
		return
	}
	c := h.c
	c.mu.Lock()
	m := h.n.master
	if m == nil {
		m = h.n
	}
	m.timeReference = *req.TimeReference
	m.ntpServers = append([]string(nil), servers...)
	c.timeConfigs++
	c.mu.Unlock()
	mock.WriteCompactJSON(w, http.StatusOK, timeConfigResponse{TimeReference: *req.TimeReference, NTPServers: append([]string{}, servers...)})
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

// TimeConfigs counts PUT /time/config calls the mock accepted.
func (c *Cluster) TimeConfigs() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.timeConfigs
}
