package ftdmock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
)

// decodeBody reads a JSON object into v; an empty body is accepted only when
// the body is optional.
func decodeBody(r *http.Request, v any, optional ...bool) *fdmError {
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return general(http.StatusBadRequest, "badRequest", "Cannot read the request body: "+err.Error())
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		if len(optional) > 0 && optional[0] {
			return nil
		}
		return validation("requiredField", "", "The request body is required")
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return validation("invalidJson", "", "The request body is not valid JSON for this object: "+err.Error())
	}
	return nil
}

// configCheck collects every problem of a PUT HAConfiguration body.
type configCheck struct {
	us   *unitState
	msgs []errorMessage
}

func (c *configCheck) add(code, location, format string, args ...any) {
	c.msgs = append(c.msgs, errorMessage{Description: fmt.Sprintf(format, args...), Code: code, Location: location})
}

func validateConfig(us *unitState, in haConfigWire) []errorMessage {
	c := &configCheck{us: us}
	if deref(in.Name) == "" {
		c.add("requiredField", "name", "name is required")
	}
	switch {
	case in.Type == nil:
		c.add("requiredField", "type", "type is required and must be %q", haConfigType)
	case *in.Type != haConfigType:
		c.add("invalidValue", "type", "type must be %q, not %q", haConfigType, *in.Type)
	}
	switch role := deref(in.NodeRole); role {
	case RolePrimary, RoleSecondary:
	case "":
		c.add("requiredField", "nodeRole", "nodeRole is required: HA_PRIMARY or HA_SECONDARY")
	default:
		c.add("invalidValue", "nodeRole", "nodeRole must be HA_PRIMARY or HA_SECONDARY, not %q", role)
	}
	c.linkName("failoverName", in.FailoverName)
	c.linkName("statefulFailoverName", in.StatefulFailoverName)
	fo, foOK := c.link("failoverInterface", in.FailoverInterface)
	st, stOK := c.link("statefulFailoverInterface", in.StatefulFailoverInterface)
	shared := foOK && stOK && fo.ID == st.ID
	// A stateful link on the failover link's interface may carry its own name, as
	// Cisco's HA sample writes it (failover-link / stateful-failover-link, ftd-fdm.md S3).
	if foOK && stOK && !shared && deref(in.FailoverName) != "" && deref(in.FailoverName) == deref(in.StatefulFailoverName) {
		c.add("invalidValue", "statefulFailoverName", "The stateful failover link uses its own interface, so statefulFailoverName must differ from failoverName")
	}
	c.addresses("Failover", true, in.PrimaryFailoverIPv4, in.SecondaryFailoverIPv4, in.PrimaryFailoverIPv6, in.SecondaryFailoverIPv6)
	if !shared {
		c.addresses("StatefulFailover", foOK && stOK, in.PrimaryStatefulFailoverIPv4, in.SecondaryStatefulFailoverIPv4, in.PrimaryStatefulFailoverIPv6, in.SecondaryStatefulFailoverIPv6)
	}
	return c.msgs
}

func (c *configCheck) linkName(location string, name *string) {
	switch {
	case deref(name) == "":
		c.add("requiredField", location, "%s is required", location)
	case strings.Contains(*name, ";"):
		c.add("invalidValue", location, "%s must not contain ';'", location)
	case len(*name) > 48:
		c.add("invalidValue", location, "%s must be at most 48 characters", location)
	}
}

// link checks a failover link reference: an unused, unnamed, enabled,
// non-management physical interface of this unit (ftd-fdm.md section 2).
func (c *configCheck) link(location string, ref *InterfaceRef) (Interface, bool) {
	if ref == nil {
		c.add("requiredField", location, "%s is required", location)
		return Interface{}, false
	}
	if ref.ID == "" {
		c.add("requiredField", location+".id", "%s.id is required", location)
		return Interface{}, false
	}
	itf, ok := c.us.findInterface(ref.ID)
	if !ok {
		c.add("invalidReference", location+".id", "Validation failed due to an invalid UUID: no interface with id %s on this device", ref.ID)
		return Interface{}, false
	}
	switch {
	case ref.Type != "" && ref.Type != physicalInterfaceType:
		c.add("invalidValue", location+".type", "%s must be a physical interface, not %q", location, ref.Type)
	case itf.ManagementOnly:
		c.add("invalidValue", location, "%s cannot be the management interface %s", location, itf.HardwareName)
	case itf.Name != "":
		c.add("interfaceInUse", location, "Interface %s is in use (named %q): the failover and stateful failover links must be unnamed", itf.HardwareName, itf.Name)
	case !itf.Enabled:
		c.add("interfaceDisabled", location, "Interface %s is disabled: enable it before using it as a failover link", itf.HardwareName)
	default:
		return itf, true
	}
	return itf, false
}

// addresses checks the primary/secondary address pairs of one link: a complete
// IPv4 or IPv6 pair is required.
func (c *configCheck) addresses(link string, required bool, p4, s4 *IPv4Address, p6, s6 *IPv6Address) {
	loc := func(side, family string) string { return side + link + family }
	if p4 == nil && s4 == nil && p6 == nil && s6 == nil {
		if required {
			c.add("requiredField", loc("primary", "IPv4"), "The %s link needs primary and secondary addresses: set %s and %s (or the IPv6 pair)",
				lowerFirst(link), loc("primary", "IPv4"), loc("secondary", "IPv4"))
		}
		return
	}
	if (p4 == nil) != (s4 == nil) {
		c.add("requiredField", pick(p4 == nil, loc("primary", "IPv4"), loc("secondary", "IPv4")), "Both %s and %s are required", loc("primary", "IPv4"), loc("secondary", "IPv4"))
	} else if p4 != nil {
		c.ipv4Pair(loc("primary", "IPv4"), loc("secondary", "IPv4"), *p4, *s4)
	}
	if (p6 == nil) != (s6 == nil) {
		c.add("requiredField", pick(p6 == nil, loc("primary", "IPv6"), loc("secondary", "IPv6")), "Both %s and %s are required", loc("primary", "IPv6"), loc("secondary", "IPv6"))
	} else if p6 != nil {
		c.ipv6Pair(loc("primary", "IPv6"), loc("secondary", "IPv6"), *p6, *s6)
	}
}

func (c *configCheck) ipv4Pair(pLoc, sLoc string, p, s IPv4Address) {
	pIP, pMask, pOK := c.ipv4(pLoc, p)
	sIP, sMask, sOK := c.ipv4(sLoc, s)
	if !pOK || !sOK {
		return
	}
	switch {
	case pIP.Equal(sIP):
		c.add("invalidValue", sLoc+".ipAddress", "The primary and secondary addresses must differ (both %s)", pIP)
	case pMask.String() != sMask.String():
		c.add("invalidValue", sLoc+".netmask", "The primary and secondary netmasks must be equal")
	case !pIP.Mask(pMask).Equal(sIP.Mask(pMask)):
		c.add("invalidValue", sLoc+".ipAddress", "%s and %s are not in the same subnet", pIP, sIP)
	}
}

func (c *configCheck) ipv4(location string, a IPv4Address) (net.IP, net.IPMask, bool) {
	ip := net.ParseIP(a.IPAddress)
	if ip == nil || ip.To4() == nil || strings.Contains(a.IPAddress, ":") {
		c.add("invalidValue", location+".ipAddress", "%q is not an IPv4 address", a.IPAddress)
		return nil, nil, false
	}
	if a.Type != "" && a.Type != "ipv4address" {
		c.add("invalidValue", location+".type", "type must be \"ipv4address\", not %q", a.Type)
		return nil, nil, false
	}
	mask, ok := parseNetmask(a.Netmask)
	if !ok {
		c.add("invalidValue", location+".netmask", "netmask must be a prefix length (\"24\") or a dotted mask (\"255.255.255.0\"), not %q", a.Netmask)
		return nil, nil, false
	}
	return ip.To4(), mask, true
}

func (c *configCheck) ipv6Pair(pLoc, sLoc string, p, s IPv6Address) {
	var ips [2]net.IP
	for i, a := range []struct {
		loc  string
		addr IPv6Address
	}{{pLoc, p}, {sLoc, s}} {
		ip := net.ParseIP(a.addr.IPAddress)
		if ip == nil || !strings.Contains(a.addr.IPAddress, ":") {
			c.add("invalidValue", a.loc+".ipAddress", "%q is not an IPv6 address", a.addr.IPAddress)
			return
		}
		if a.addr.Type != "" && a.addr.Type != "ipv6address" {
			c.add("invalidValue", a.loc+".type", "type must be \"ipv6address\", not %q", a.addr.Type)
			return
		}
		ips[i] = ip
	}
	if ips[0].Equal(ips[1]) {
		c.add("invalidValue", sLoc+".ipAddress", "The primary and secondary addresses must differ (both %s)", ips[0])
	}
}

// parseNetmask accepts "24" or "255.255.255.0" (ftd-fdm.md section 4).
func parseNetmask(s string) (net.IPMask, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		if n < 1 || n > 32 {
			return nil, false
		}
		return net.CIDRMask(n, 32), true
	}
	ip := net.ParseIP(s).To4()
	if ip == nil {
		return nil, false
	}
	mask := net.IPMask(ip)
	if ones, bits := mask.Size(); bits == 0 || ones == 0 {
		return nil, false
	}
	return mask, true
}

func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
