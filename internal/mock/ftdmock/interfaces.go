package ftdmock

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Interface is one physical interface of a unit.
type Interface struct {
	ID             string `json:"id"`
	Version        string `json:"version"`
	Name           string `json:"name"` // logical name; "" when unnamed
	HardwareName   string `json:"hardwareName"`
	Enabled        bool   `json:"enabled"`
	ManagementOnly bool   `json:"managementOnly"`
	IPv4Address    string `json:"ipv4Address"` // "" when unset
	IPv4Netmask    string `json:"ipv4Netmask"`
}

// Only unnamed, enabled, non-management physical interfaces can carry the
// failover and stateful links (ftd-fdm.md section 2, [C:S4]). The seed is an
// FTDv: Management0/0 first, so a client that does not follow paging misses
// GigabitEthernet0/9 on page two. GigabitEthernet0/7, 0/8 and 0/9 are the
// usable failover links; 0/2-0/5 are unnamed but disabled.
var seed = []Interface{
	{Name: "diagnostic", HardwareName: "Management0/0", Enabled: true, ManagementOnly: true},
	{Name: "outside", HardwareName: "GigabitEthernet0/0", Enabled: true, IPv4Address: "203.0.113.10", IPv4Netmask: "24"},
	{Name: "inside", HardwareName: "GigabitEthernet0/1", Enabled: true, IPv4Address: "192.168.1.1", IPv4Netmask: "24"},
	{HardwareName: "GigabitEthernet0/2"},
	{HardwareName: "GigabitEthernet0/3"},
	{HardwareName: "GigabitEthernet0/4"},
	{HardwareName: "GigabitEthernet0/5"},
	{Name: "dmz", HardwareName: "GigabitEthernet0/6", Enabled: true, IPv4Address: "198.51.100.1", IPv4Netmask: "24"},
	{HardwareName: "GigabitEthernet0/7", Enabled: true},
	{HardwareName: "GigabitEthernet0/8", Enabled: true},
	{HardwareName: "GigabitEthernet0/9", Enabled: true},
}

// seedInterfaces gives each unit its own stable ids and versions.
func seedInterfaces(host string) []Interface {
	out := make([]Interface, len(seed))
	for i, itf := range seed {
		itf.ID = stableUUID(host, "interface", itf.HardwareName)
		itf.Version = stableVersion(host, "interface", itf.HardwareName)
		out[i] = itf
	}
	return out
}

func stableUUID(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	h[6] = h[6]&0x0f | 0x40
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// stableVersion looks like an FDM object version: 13 lower-case letters.
func stableVersion(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(append(parts, "version"), "\x00")))
	b := make([]byte, 13)
	for i := range b {
		b[i] = 'a' + h[i]%26
	}
	return string(b)
}

func (us *unitState) findInterface(id string) (Interface, bool) {
	for _, itf := range us.interfaces {
		if itf.ID == id {
			return itf, true
		}
	}
	return Interface{}, false
}

// Wire form of a physical interface.
type interfaceWire struct {
	Version          string        `json:"version"`
	Name             *string       `json:"name"`
	Description      *string       `json:"description"`
	HardwareName     string        `json:"hardwareName"`
	MonitorInterface bool          `json:"monitorInterface"`
	IPv4             interfaceIPv4 `json:"ipv4"`
	ManagementOnly   bool          `json:"managementOnly"`
	Mode             string        `json:"mode"`
	LinkState        string        `json:"linkState"`
	MTU              int           `json:"mtu"`
	Enabled          bool          `json:"enabled"`
	SpeedType        string        `json:"speedType"`
	DuplexType       string        `json:"duplexType"`
	ID               string        `json:"id"`
	Type             string        `json:"type"`
	Links            links         `json:"links"`
}

type interfaceIPv4 struct {
	IPType    string       `json:"ipType"`
	IPAddress *IPv4Address `json:"ipAddress"`
	Type      string       `json:"type"`
}

func (itf Interface) wire(base string) interfaceWire {
	out := interfaceWire{
		Version:          itf.Version,
		Name:             nullable(itf.Name),
		HardwareName:     itf.HardwareName,
		MonitorInterface: itf.Name != "" && !itf.ManagementOnly,
		IPv4:             interfaceIPv4{IPType: "STATIC", Type: "interfaceipv4"},
		ManagementOnly:   itf.ManagementOnly,
		Mode:             "ROUTED",
		LinkState:        "UP",
		MTU:              1500,
		Enabled:          itf.Enabled,
		SpeedType:        "AUTO",
		DuplexType:       "AUTO",
		ID:               itf.ID,
		Type:             physicalInterfaceType,
		Links:            links{Self: base + "/devices/default/interfaces/" + itf.ID},
	}
	if !itf.Enabled {
		out.LinkState = "DOWN"
	}
	if itf.IPv4Address != "" {
		out.IPv4.IPAddress = &IPv4Address{IPAddress: itf.IPv4Address, Netmask: itf.IPv4Netmask, Type: "haipv4address"}
	}
	return out
}

const physicalInterfaceType = "physicalinterface"

func (h unitHandler) listInterfaces(c call) {
	match, ferr := interfaceFilter(c.r.URL.Query().Get("filter"))
	if ferr != nil {
		writeFDMError(c.w, ferr)
		return
	}
	h.p.mu.Lock()
	items := []interfaceWire{}
	for _, itf := range h.p.units[h.u].interfaces {
		if match(itf) {
			items = append(items, itf.wire(c.base))
		}
	}
	h.p.mu.Unlock()
	body, ferr := page(c.r, c.base+"/devices/default/interfaces", items)
	if ferr != nil {
		writeFDMError(c.w, ferr)
		return
	}
	mock.WriteCompactJSON(c.w, http.StatusOK, body)
}

func (h unitHandler) getInterface(c call) {
	h.p.mu.Lock()
	itf, ok := h.p.units[h.u].findInterface(c.id)
	h.p.mu.Unlock()
	if !ok {
		writeFDMError(c.w, notFound("interface", c.id))
		return
	}
	mock.WriteCompactJSON(c.w, http.StatusOK, itf.wire(c.base))
}

// interfaceFilter parses filter=key:value[;key:value...] on name and
// hardwareName, matched exactly.
func interfaceFilter(filter string) (func(Interface) bool, *fdmError) {
	type cond struct{ key, value string }
	var conds []cond
	for _, part := range strings.Split(filter, ";") {
		if part == "" {
			continue
		}
		key, value, ok := strings.Cut(part, ":")
		if !ok || (key != "name" && key != "hardwareName") {
			return nil, validation("invalidFilter", "filter",
				"Unsupported filter "+fmt.Sprintf("%q", part)+": use name:<value> or hardwareName:<value>")
		}
		conds = append(conds, cond{key, value})
	}
	return func(itf Interface) bool {
		for _, c := range conds {
			if (c.key == "name" && itf.Name != c.value) || (c.key == "hardwareName" && itf.HardwareName != c.value) {
				return false
			}
		}
		return true
	}, nil
}
