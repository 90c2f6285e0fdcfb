package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/netops/terraform-provider-netops/internal/sbc"
)

// sbcEndpoint is the provider's SBC configuration.
func (c *Clients) sbcEndpoint() (*endpoint, diag.Diagnostics) {
	return c.endpointFor(vendorSBC)
}

// sbcClient returns the shared client of one SBC unit (baseURL as parseHost returns it).
func (c *Clients) sbcClient(ep *endpoint, baseURL string) (*sbc.Client, diag.Diagnostics) {
	var diags diag.Diagnostics
	v, err := c.cached("sbc "+baseURL, func() (any, error) {
		return sbc.New(sbc.Config{
			BaseURL: baseURL, Username: ep.username, Password: ep.password, APIVersion: ep.extra["api_version"],
			Insecure: ep.insecure, CACertPEM: ep.caCertPEM, Transport: c.transportConfig(),
		})
	})
	if err != nil {
		diags.AddError("Invalid SBC client configuration", err.Error())
		return nil, diags
	}
	return v.(*sbc.Client), diags
}

// sbcPair returns the configured host and, when peer_host is set, the peer.
func (c *Clients) sbcPair() (sbc.Pair, diag.Diagnostics) {
	ep, diags := c.sbcEndpoint()
	if diags.HasError() {
		return sbc.Pair{}, diags
	}
	host, d := c.sbcClient(ep, ep.baseURL)
	diags.Append(d...)
	pair := sbc.Pair{Host: host}
	if peer := ep.extra["peer_host"]; peer != "" && !diags.HasError() {
		if peer == ep.baseURL {
			diags.AddError("Invalid SBC peer_host", fmt.Sprintf("sbc.peer_host is the same address as sbc.host (%s); set it to the other unit of the pair.", peer))
			return pair, diags
		}
		pair.Peer, d = c.sbcClient(ep, peer)
		diags.Append(d...)
	}
	return pair, diags
}
