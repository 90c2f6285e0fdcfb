package ftd

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

// IPv4Address is {ipAddress, netmask, type: ipv4address}.
type IPv4Address struct {
	IPAddress string `json:"ipAddress"`
	Netmask   string `json:"netmask"`
	Type      string `json:"type"`
}

// IPv6Address is {ipAddress, type: ipv6address}.
type IPv6Address struct {
	IPAddress string `json:"ipAddress"`
	Type      string `json:"type"`
}

// NewIPv4 builds an address object, nil for an empty address.
func NewIPv4(addr, netmask string) *IPv4Address {
	if addr == "" {
		return nil
	}
	return &IPv4Address{IPAddress: addr, Netmask: netmask, Type: "ipv4address"}
}

// NewIPv6 builds an address object, nil for an empty address.
func NewIPv6(addr string) *IPv6Address {
	if addr == "" {
		return nil
	}
	return &IPv6Address{IPAddress: addr, Type: "ipv6address"}
}

// HAConfiguration is the unit's singleton HA configuration.
type HAConfiguration struct {
	ID                            string       `json:"id,omitempty"`
	Version                       string       `json:"version,omitempty"`
	Name                          string       `json:"name"`
	Type                          string       `json:"type"`
	NodeRole                      string       `json:"nodeRole"`
	FailoverInterface             *Reference   `json:"failoverInterface"`
	FailoverName                  string       `json:"failoverName"`
	PrimaryFailoverIPv4           *IPv4Address `json:"primaryFailoverIPv4,omitempty"`
	SecondaryFailoverIPv4         *IPv4Address `json:"secondaryFailoverIPv4,omitempty"`
	PrimaryFailoverIPv6           *IPv6Address `json:"primaryFailoverIPv6,omitempty"`
	SecondaryFailoverIPv6         *IPv6Address `json:"secondaryFailoverIPv6,omitempty"`
	StatefulFailoverInterface     *Reference   `json:"statefulFailoverInterface,omitempty"`
	StatefulFailoverName          string       `json:"statefulFailoverName,omitempty"`
	PrimaryStatefulFailoverIPv4   *IPv4Address `json:"primaryStatefulFailoverIPv4,omitempty"`
	SecondaryStatefulFailoverIPv4 *IPv4Address `json:"secondaryStatefulFailoverIPv4,omitempty"`
	PrimaryStatefulFailoverIPv6   *IPv6Address `json:"primaryStatefulFailoverIPv6,omitempty"`
	SecondaryStatefulFailoverIPv6 *IPv6Address `json:"secondaryStatefulFailoverIPv6,omitempty"`
	SharedKey                     string       `json:"sharedKey,omitempty"`
}

const haConfigPath = "/devices/default/ha/configurations"

// HAConfiguration reads the singleton HA configuration.
func (c *Client) HAConfiguration(ctx context.Context) (*HAConfiguration, error) {
	items, err := list[HAConfiguration](ctx, c, haConfigPath)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, errors.New("the FTD has no HA configuration object")
	}
	c.t.AddSecrets(items[0].SharedKey)
	return &items[0], nil
}

// HAConfigurationByID reads the HA configuration with the given id.
func (c *Client) HAConfigurationByID(ctx context.Context, id string) (*HAConfiguration, error) {
	var cfg HAConfiguration
	if _, err := c.call(ctx, http.MethodGet, haConfigPath+"/"+url.PathEscape(id), nil, nil, &cfg); err != nil {
		return nil, err
	}
	c.t.AddSecrets(cfg.SharedKey)
	return &cfg, nil
}

// PutHAConfiguration replaces the HA configuration; cfg.Version must be the current one.
func (c *Client) PutHAConfiguration(ctx context.Context, cfg *HAConfiguration) (*HAConfiguration, error) {
	cfg.Type = "haconfiguration"
	// The shared key is a secret the appliance may quote back in an error.
	c.t.AddSecrets(cfg.SharedKey)
	var out HAConfiguration
	if _, err := c.call(ctx, http.MethodPut, haConfigPath+"/"+url.PathEscape(cfg.ID), nil, cfg, &out); err != nil {
		return nil, err
	}
	c.t.AddSecrets(out.SharedKey)
	return &out, nil
}
