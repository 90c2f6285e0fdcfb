package ftd

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// HA node states (nodeState, peerNodeState).
const (
	StateSingle      = "SINGLE_NODE"
	StateActive      = "HA_ACTIVE_NODE"
	StateStandby     = "HA_STANDBY_NODE"
	StateNegotiating = "HA_NEGOTIATING_NODE"
	StateConfigSync  = "HA_CONFIGURATION_SYNC"
	ConfigInSync     = "IN_SYNC"
	HealthHealthy    = "HEALTHY"
	RolePrimary      = "HA_PRIMARY"
	RoleSecondary    = "HA_SECONDARY"
)

// HAStatus is GET /devices/default/operational/ha/status/default.
type HAStatus struct {
	ID             string  `json:"id,omitempty"`
	NodeRole       *string `json:"nodeRole"`
	NodeState      string  `json:"nodeState"`
	PeerNodeState  string  `json:"peerNodeState"`
	ConfigStatus   string  `json:"configStatus"`
	HAHealthStatus string  `json:"haHealthStatus"`
	DisabledReason string  `json:"disabledReason,omitempty"`
}

// nodeStates are the documented values of nodeState and peerNodeState (ftd-fdm.md section 4).
var nodeStates = []string{StateSingle, StateActive, StateStandby, "HA_SUSPENDED_NODE", "HA_FAILED_NODE",
	StateConfigSync, StateNegotiating, "HA_DISABLED_NODE", "HA_UNKNOWN_NODE"}

// check refuses an HA status the provider cannot reason about: no nodeState, or one
// FDM does not document.
func (s *HAStatus) check(resp *transport.Response) error {
	switch {
	case s.NodeState == "":
		return transport.UnexpectedAnswer(resp, "the HA status holds no nodeState")
	case !contains(nodeStates, s.NodeState):
		return transport.UnexpectedAnswer(resp, fmt.Sprintf("nodeState %q is none of %s", s.NodeState, strings.Join(nodeStates, ", ")))
	}
	return nil
}

// Role is nodeRole, empty for a single unit.
func (s *HAStatus) Role() string {
	if s.NodeRole == nil {
		return ""
	}
	return *s.NodeRole
}

// Paired reports a unit that is part of a formed pair (active or standby).
func (s *HAStatus) Paired() bool {
	return s.NodeState == StateActive || s.NodeState == StateStandby
}

func (s *HAStatus) String() string {
	return fmt.Sprintf("nodeState %s, peerNodeState %s, configStatus %s, haHealthStatus %s", s.NodeState, s.PeerNodeState, s.ConfigStatus, s.HAHealthStatus)
}

// HAStatus reads the unit's HA status.
func (c *Client) HAStatus(ctx context.Context) (*HAStatus, error) {
	var s HAStatus
	resp, err := c.call(ctx, http.MethodGet, "/devices/default/operational/ha/status/default", nil, nil, &s)
	if err != nil {
		return nil, err
	}
	if err := s.check(resp); err != nil {
		return nil, err
	}
	return &s, nil
}

// Reference points at another object ({id, type, name, version}).
type Reference struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Name    string `json:"name,omitempty"`
	Version string `json:"version,omitempty"`
}

// Interface is an entry of GET /devices/default/interfaces.
type Interface struct {
	ID           string `json:"id"`
	Type         string `json:"type"`
	Name         string `json:"name"`
	HardwareName string `json:"hardwareName"`
	Version      string `json:"version"`
}

// Reference is the interface as HAConfiguration refers to it.
func (i *Interface) Reference() *Reference {
	return &Reference{ID: i.ID, Type: i.Type, Name: i.Name, Version: i.Version}
}

type page[T any] struct {
	Items  []T `json:"items"`
	Paging struct {
		Offset int `json:"offset"`
		Limit  int `json:"limit"`
		Count  int `json:"count"`
	} `json:"paging"`
}

const pageSize = 100

// list reads every page of a list.
func list[T any](ctx context.Context, c *Client, path string) ([]T, error) {
	var all []T
	for offset := 0; ; {
		var p page[T]
		q := url.Values{"offset": {strconv.Itoa(offset)}, "limit": {strconv.Itoa(pageSize)}}
		resp, err := c.call(ctx, http.MethodGet, path, q, nil, &p)
		if err != nil {
			return nil, err
		}
		// A page that is not the one asked for (a unit or proxy ignoring offset) would
		// be asked for again and again.
		if p.Paging.Offset != offset {
			return nil, transport.UnexpectedAnswer(resp, fmt.Sprintf("the page asked for at offset %d says it is at offset %d", offset, p.Paging.Offset))
		}
		all = append(all, p.Items...)
		offset += len(p.Items)
		if len(p.Items) == 0 || (p.Paging.Count > 0 && offset >= p.Paging.Count) || (p.Paging.Count == 0 && len(p.Items) < pageSize) {
			return all, nil
		}
	}
}

// FindInterface resolves an interface by its hardware name (GigabitEthernet0/7), as
// failover links are unnamed, or else by its name.
func (c *Client) FindInterface(ctx context.Context, name string) (*Interface, error) {
	ifaces, err := c.Interfaces(ctx)
	if err != nil {
		return nil, err
	}
	return FindInterface(ifaces, name)
}

// FindInterface picks an interface from a list by hardware name, else by name.
func FindInterface(ifaces []Interface, name string) (*Interface, error) {
	for _, match := range []func(Interface) bool{
		func(i Interface) bool { return i.HardwareName == name },
		func(i Interface) bool { return i.Name != "" && i.Name == name },
		func(i Interface) bool { return strings.EqualFold(i.HardwareName, name) },
	} {
		for i := range ifaces {
			if match(ifaces[i]) {
				return &ifaces[i], nil
			}
		}
	}
	known := make([]string, 0, len(ifaces))
	for _, i := range ifaces {
		known = append(known, i.HardwareName)
	}
	return nil, fmt.Errorf("the FTD has no interface %q (its interfaces: %s)", name, strings.Join(known, ", "))
}

// Interfaces lists the unit's interfaces.
func (c *Client) Interfaces(ctx context.Context) ([]Interface, error) {
	return list[Interface](ctx, c, "/devices/default/interfaces")
}
