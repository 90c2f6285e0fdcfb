package sbc

import (
	"context"
	"net/http"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// Roles as the REST API reports them (lower case; compared case-insensitively).
const (
	RoleActive       = "active"
	RoleStandby      = "standby"
	RoleOutOfService = "out of service"
	RoleStandalone   = "standalone"
)

// DocumentedRoles are the roles Oracle documents for system/status: the enum of role and
// haPeerRole, and standalone without HA (sbc.md section 5). Whether a unit ever reports
// another value (an ACLI state such as BecomingActive) is not documented: such a role is
// shown as the unit reports it, never refused as an answer.
var DocumentedRoles = []string{RoleActive, RoleStandby, RoleOutOfService, RoleStandalone}

// KnownRole reports whether role is one of DocumentedRoles, compared case-insensitively.
func KnownRole(role string) bool {
	role = strings.TrimSpace(role)
	for _, r := range DocumentedRoles {
		if strings.EqualFold(role, r) {
			return true
		}
	}
	return false
}

// SystemStatus is the answer of GET /rest/{v}/system/status; every field is optional.
type SystemStatus struct {
	HostName             string          `xml:"hostName"`
	UpTime               *int64          `xml:"upTime"`
	UptimeSeconds        *int64          `xml:"uptimeSeconds"`
	SystemState          string          `xml:"systemState"`
	Role                 string          `xml:"role"`
	HealthScorePercent   *int64          `xml:"healthScorePercent"`
	HAPeerName           string          `xml:"haPeerName"`
	HAPeerRole           string          `xml:"haPeerRole"`
	HAHealthScorePercent *int64          `xml:"haHealthScorePercent"`
	HASockets            *int64          `xml:"haSockets"`
	HASwitchOvers        *int64          `xml:"haSwitchOvers"`
	HASyncState          []SyncComponent `xml:"haSyncState>component"`
	SwitchOverLogs       []SwitchOverLog `xml:"switchOverLogs>switchOver"`
}

// SyncComponent is one entry of haSyncState.
type SyncComponent struct {
	Name  string `xml:"name"`
	State string `xml:"state"`
}

// SwitchOverLog is one entry of switchOverLogs.
type SwitchOverLog struct {
	Time     string `xml:"time"`
	OldState string `xml:"oldState"`
	NewState string `xml:"newState"`
	Info     string `xml:"info"`
}

// Uptime is upTime, or uptimeSeconds as the 10.0 example names it.
func (s *SystemStatus) Uptime() *int64 {
	if s.UpTime != nil {
		return s.UpTime
	}
	return s.UptimeSeconds
}

// HasRole compares the unit's role case-insensitively.
func (s *SystemStatus) HasRole(role string) bool {
	return strings.EqualFold(strings.TrimSpace(s.Role), role)
}

// PeerHasRole compares the peer's role as this unit reports it.
func (s *SystemStatus) PeerHasRole(role string) bool {
	return strings.EqualFold(strings.TrimSpace(s.HAPeerRole), role)
}

// HAConfigured reports whether the unit is part of an HA pair.
func (s *SystemStatus) HAConfigured() bool {
	return !s.HasRole(RoleStandalone) && strings.TrimSpace(s.Role) != "" && (s.HAPeerName != "" || s.HAPeerRole != "")
}

// Switchovers is haSwitchOvers, or -1 when the unit does not report it.
func (s *SystemStatus) Switchovers() int64 {
	if s.HASwitchOvers == nil {
		return -1
	}
	return *s.HASwitchOvers
}

// Status reads the unit's system status; any valid token may read it.
func (c *Client) Status(ctx context.Context) (*SystemStatus, error) {
	resp, err := c.call(ctx, http.MethodGet, "/system/status")
	if err != nil {
		return nil, err
	}
	var s SystemStatus
	if err := decodeAnswer(resp, &s); err != nil {
		return nil, err
	}
	if strings.TrimSpace(s.Role) == "" {
		// The role is present on every unit, "standalone" without HA (sbc.md section 5).
		return nil, transport.UnexpectedAnswer(resp, "the status holds no role")
	}
	return &s, nil
}

// SupportedVersions lists the REST API versions the unit serves, latest first. The
// endpoint has no version segment (sbc.md section 3). Oracle's pages declare no
// Authorization parameter for it, yet list a 401 answer and send a Bearer token in their
// examples: the client asks without a token and, when the unit answers 401, logs in and
// asks again with one, remembering that this unit wants it.
func (c *Client) SupportedVersions(ctx context.Context) ([]string, error) {
	return c.supportedVersions(ctx, true)
}

// supportedVersions asks for the versions; mayLogin false never logs in (a 401 is then
// the answer).
func (c *Client) supportedVersions(ctx context.Context, mayLogin bool) ([]string, error) {
	req := transport.Request{Method: http.MethodGet, Path: "/rest/api/supportedversions"}
	c.mu.Lock()
	req.NoAuth = !c.versionsWantToken || !mayLogin
	c.mu.Unlock()
	resp, err := c.t.Do(ctx, req)
	if req.NoAuth && mayLogin && !transport.IsSetupFailure(err) && transport.StatusOf(err) == http.StatusUnauthorized {
		c.mu.Lock()
		c.versionsWantToken = true
		c.mu.Unlock()
		req.NoAuth = false
		resp, err = c.t.Do(ctx, req)
	}
	if err != nil {
		return nil, err
	}
	var data struct {
		Latest string   `xml:"supportedVersions>latestVersion"`
		Others []string `xml:"supportedVersions>otherVersions>version"`
	}
	if err := decodeAnswer(resp, &data); err != nil {
		return nil, err
	}
	out := make([]string, 0, 1+len(data.Others))
	for _, v := range append([]string{data.Latest}, data.Others...) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return nil, transport.UnexpectedAnswer(resp, "it lists no version under supportedVersions/latestVersion or otherVersions/version")
	}
	return out, nil
}

// Switchover asks the unit to hand its active role to the standby. The SBC answers 204
// (202 on ECB) and swaps within about five seconds; it returns no job to poll.
func (c *Client) Switchover(ctx context.Context) error {
	_, err := c.call(ctx, http.MethodPost, "/admin/switchover")
	return err
}
