package ftdmock

import (
	"net/http"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// Node roles of HAConfiguration and HAStatus.
const (
	RolePrimary   = "HA_PRIMARY"
	RoleSecondary = "HA_SECONDARY"
)

// maskedKey is how FDM reads back a shared key.
const maskedKey = "*********"

// InterfaceRef is a reference to an interface, as HAConfiguration carries it.
type InterfaceRef struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Name    string `json:"name"`
	Version string `json:"version"`
}

// IPv4Address is an ipv4address object; Netmask is "24" or "255.255.255.0".
type IPv4Address struct {
	IPAddress string `json:"ipAddress"`
	Netmask   string `json:"netmask"`
	Type      string `json:"type"`
}

// IPv6Address is an ipv6address object.
type IPv6Address struct {
	IPAddress string `json:"ipAddress"`
	Type      string `json:"type"`
}

// HAConfiguration is a unit's stored HA configuration singleton. "" and nil
// mean unset (null on the wire); SharedKey is the key as sent, unmasked.
type HAConfiguration struct {
	ID                            string        `json:"id"`
	Version                       string        `json:"version"`
	Name                          string        `json:"name"`
	NodeRole                      string        `json:"nodeRole"`
	FailoverInterface             *InterfaceRef `json:"failoverInterface"`
	FailoverName                  string        `json:"failoverName"`
	StatefulFailoverInterface     *InterfaceRef `json:"statefulFailoverInterface"`
	StatefulFailoverName          string        `json:"statefulFailoverName"`
	PrimaryFailoverIPv4           *IPv4Address  `json:"primaryFailoverIPv4"`
	SecondaryFailoverIPv4         *IPv4Address  `json:"secondaryFailoverIPv4"`
	PrimaryFailoverIPv6           *IPv6Address  `json:"primaryFailoverIPv6"`
	SecondaryFailoverIPv6         *IPv6Address  `json:"secondaryFailoverIPv6"`
	PrimaryStatefulFailoverIPv4   *IPv4Address  `json:"primaryStatefulFailoverIPv4"`
	SecondaryStatefulFailoverIPv4 *IPv4Address  `json:"secondaryStatefulFailoverIPv4"`
	PrimaryStatefulFailoverIPv6   *IPv6Address  `json:"primaryStatefulFailoverIPv6"`
	SecondaryStatefulFailoverIPv6 *IPv6Address  `json:"secondaryStatefulFailoverIPv6"`
	SharedKey                     string        `json:"sharedKey"`
}

// emptyConfig is the singleton of a unit that is not in HA: only id and version.
func emptyConfig(host string) HAConfiguration {
	return HAConfiguration{ID: stableUUID(host, "haconfiguration"), Version: randomVersion()}
}

// clone copies c deeply, so callers cannot change the stored configuration.
func (c HAConfiguration) clone() HAConfiguration {
	c.FailoverInterface = clonePtr(c.FailoverInterface)
	c.StatefulFailoverInterface = clonePtr(c.StatefulFailoverInterface)
	for _, a := range []**IPv4Address{&c.PrimaryFailoverIPv4, &c.SecondaryFailoverIPv4, &c.PrimaryStatefulFailoverIPv4, &c.SecondaryStatefulFailoverIPv4} {
		*a = clonePtr(*a)
	}
	for _, a := range []**IPv6Address{&c.PrimaryFailoverIPv6, &c.SecondaryFailoverIPv6, &c.PrimaryStatefulFailoverIPv6, &c.SecondaryStatefulFailoverIPv6} {
		*a = clonePtr(*a)
	}
	return c
}

func clonePtr[T any](v *T) *T {
	if v == nil {
		return nil
	}
	c := *v
	return &c
}

// haConfigWire is HAConfiguration on the wire, both ways: pointers tell absent
// and null apart from values.
type haConfigWire struct {
	ID                            *string       `json:"id"`
	Version                       *string       `json:"version"`
	Name                          *string       `json:"name"`
	Type                          *string       `json:"type"`
	NodeRole                      *string       `json:"nodeRole"`
	FailoverInterface             *InterfaceRef `json:"failoverInterface"`
	FailoverName                  *string       `json:"failoverName"`
	StatefulFailoverInterface     *InterfaceRef `json:"statefulFailoverInterface"`
	StatefulFailoverName          *string       `json:"statefulFailoverName"`
	PrimaryFailoverIPv4           *IPv4Address  `json:"primaryFailoverIPv4"`
	SecondaryFailoverIPv4         *IPv4Address  `json:"secondaryFailoverIPv4"`
	PrimaryFailoverIPv6           *IPv6Address  `json:"primaryFailoverIPv6"`
	SecondaryFailoverIPv6         *IPv6Address  `json:"secondaryFailoverIPv6"`
	PrimaryStatefulFailoverIPv4   *IPv4Address  `json:"primaryStatefulFailoverIPv4"`
	SecondaryStatefulFailoverIPv4 *IPv4Address  `json:"secondaryStatefulFailoverIPv4"`
	PrimaryStatefulFailoverIPv6   *IPv6Address  `json:"primaryStatefulFailoverIPv6"`
	SecondaryStatefulFailoverIPv6 *IPv6Address  `json:"secondaryStatefulFailoverIPv6"`
	SharedKey                     *string       `json:"sharedKey"`
	Links                         *links        `json:"links,omitempty"`
}

const haConfigType = "haconfiguration"

func (c HAConfiguration) wire(base string) haConfigWire {
	c = c.clone()
	typ := haConfigType
	out := haConfigWire{
		ID:                            &c.ID,
		Version:                       &c.Version,
		Name:                          nullable(c.Name),
		Type:                          &typ,
		NodeRole:                      nullable(c.NodeRole),
		FailoverInterface:             c.FailoverInterface,
		FailoverName:                  nullable(c.FailoverName),
		StatefulFailoverInterface:     c.StatefulFailoverInterface,
		StatefulFailoverName:          nullable(c.StatefulFailoverName),
		PrimaryFailoverIPv4:           c.PrimaryFailoverIPv4,
		SecondaryFailoverIPv4:         c.SecondaryFailoverIPv4,
		PrimaryFailoverIPv6:           c.PrimaryFailoverIPv6,
		SecondaryFailoverIPv6:         c.SecondaryFailoverIPv6,
		PrimaryStatefulFailoverIPv4:   c.PrimaryStatefulFailoverIPv4,
		SecondaryStatefulFailoverIPv4: c.SecondaryStatefulFailoverIPv4,
		PrimaryStatefulFailoverIPv6:   c.PrimaryStatefulFailoverIPv6,
		SecondaryStatefulFailoverIPv6: c.SecondaryStatefulFailoverIPv6,
		Links:                         &links{Self: base + "/devices/default/ha/configurations/" + c.ID},
	}
	if c.SharedKey != "" {
		out.SharedKey = nullable(maskedKey)
	}
	return out
}

// stored turns an accepted PUT body into the stored form; a masked shared key
// keeps the current one.
func (in haConfigWire) stored(current HAConfiguration) HAConfiguration {
	c := HAConfiguration{
		ID:                            current.ID,
		Version:                       randomVersion(),
		Name:                          deref(in.Name),
		NodeRole:                      deref(in.NodeRole),
		FailoverInterface:             in.FailoverInterface,
		FailoverName:                  deref(in.FailoverName),
		StatefulFailoverInterface:     in.StatefulFailoverInterface,
		StatefulFailoverName:          deref(in.StatefulFailoverName),
		PrimaryFailoverIPv4:           in.PrimaryFailoverIPv4,
		SecondaryFailoverIPv4:         in.SecondaryFailoverIPv4,
		PrimaryFailoverIPv6:           in.PrimaryFailoverIPv6,
		SecondaryFailoverIPv6:         in.SecondaryFailoverIPv6,
		PrimaryStatefulFailoverIPv4:   in.PrimaryStatefulFailoverIPv4,
		SecondaryStatefulFailoverIPv4: in.SecondaryStatefulFailoverIPv4,
		PrimaryStatefulFailoverIPv6:   in.PrimaryStatefulFailoverIPv6,
		SecondaryStatefulFailoverIPv6: in.SecondaryStatefulFailoverIPv6,
		SharedKey:                     deref(in.SharedKey),
	}
	if c.SharedKey == maskedKey {
		c.SharedKey = current.SharedKey
	}
	return c.clone()
}

func (h unitHandler) listHAConfigurations(c call) {
	h.p.mu.Lock()
	cfg := h.p.units[h.u].config.wire(c.base)
	h.p.mu.Unlock()
	body, ferr := page(c.r, c.base+"/devices/default/ha/configurations", []haConfigWire{cfg})
	if ferr != nil {
		writeFDMError(c.w, ferr)
		return
	}
	mock.WriteCompactJSON(c.w, http.StatusOK, body)
}

func (h unitHandler) getHAConfiguration(c call) {
	h.p.mu.Lock()
	cfg := h.p.units[h.u].config
	h.p.mu.Unlock()
	if c.id != cfg.ID {
		writeFDMError(c.w, notFound("haconfiguration", c.id))
		return
	}
	mock.WriteCompactJSON(c.w, http.StatusOK, cfg.wire(c.base))
}

func (h unitHandler) putHAConfiguration(c call) {
	var in haConfigWire
	if ferr := decodeBody(c.r, &in); ferr != nil {
		writeFDMError(c.w, ferr)
		return
	}
	cfg, ferr := h.p.putConfig(h.u, c.id, in)
	if ferr != nil {
		writeFDMError(c.w, ferr)
		return
	}
	mock.WriteCompactJSON(c.w, http.StatusOK, cfg.wire(c.base))
}

// putConfig applies a PUT of the HA configuration singleton on unit u.
func (p *Pair) putConfig(u Unit, id string, in haConfigWire) (HAConfiguration, *fdmError) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settle()
	us := p.units[u]
	if id != us.config.ID {
		return HAConfiguration{}, notFound("haconfiguration", id)
	}
	if p.nodeState(u) == NodeStandby {
		return HAConfiguration{}, notOnStandby()
	}
	if !us.joinedAt.IsZero() {
		return HAConfiguration{}, refusal("haModeActive",
			"The HA configuration cannot be changed while the device is in high availability mode; break HA first")
	}
	if us.busy() {
		return HAConfiguration{}, refusal("deploymentInProgress",
			"A high availability deployment is in progress; try again after it completes")
	}
	if in.ID != nil && *in.ID != id {
		return HAConfiguration{}, validation("invalidValue", "id", "The id in the body does not match the id in the URL")
	}
	switch {
	case in.Version == nil || *in.Version == "":
		return HAConfiguration{}, validation("requiredField", "version", "version is required: send the version of the object you read")
	case *in.Version != us.config.Version:
		return HAConfiguration{}, validation("versionMismatch", "version",
			"Version mismatch: the object was changed since it was read (current version "+us.config.Version+", sent "+*in.Version+"). Read it again and repeat the request")
	}
	if msgs := validateConfig(us, in); len(msgs) > 0 {
		return HAConfiguration{}, &fdmError{status: http.StatusUnprocessableEntity, key: keyValidation, messages: msgs}
	}
	us.config = in.stored(us.config)
	return us.config.clone(), nil
}

func notOnStandby() *fdmError {
	// The seed page's wording (seeds/000, addJoinHAStatus).
	return refusal("notAllowedOnStandby", "This API call is not allowed on the standby unit in an HA pair.")
}
