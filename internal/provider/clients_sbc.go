package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/netops/terraform-provider-netops/internal/sbc"
)

// sbcSettings is the provider's sbc block resolved against the environment.
type sbcSettings struct {
	endpoint
	apiVersion string
	peerHost   string // as parseHost returns it; "" when not set
}

// sbcEndpoint is the provider's SBC configuration of the unit device names ("" for sbc.host).
func (c *Clients) sbcEndpoint(device string) (*sbcSettings, diag.Diagnostics) {
	s, diags := deviceSettingsOf(c, vendorSBC, func(c *Clients) *sbcSettings { return c.sbc }, device)
	if diags.HasError() {
		return nil, diags
	}
	diags.Append(sendable(&s.endpoint)...)
	return s, diags
}

// sbcClient returns the shared client of one SBC unit (baseURL as parseHost returns it).
func (c *Clients) sbcClient(s *sbcSettings, baseURL string) (*sbc.Client, diag.Diagnostics) {
	var diags diag.Diagnostics
	cl, err := c.sbcClients.get(baseURL+"\x00"+s.username, func() (*sbc.Client, error) {
		return sbc.New(sbc.Config{
			BaseURL: baseURL, Username: s.username, Password: s.password, APIVersion: s.apiVersion,
			Insecure: s.insecure, CACertPEM: s.caCertPEM, Transport: c.transportConfig(),
		})
	})
	if err != nil {
		diags.AddError("Invalid SBC client configuration", err.Error())
		return nil, diags
	}
	return cl, diags
}

// sbcPair returns the unit device names ("" for sbc.host) and, when its peer_host is
// set, the peer.
func (c *Clients) sbcPair(device string) (sbc.Pair, diag.Diagnostics) {
	s, diags := c.sbcEndpoint(device)
	if diags.HasError() {
		return sbc.Pair{}, diags
	}
	host, d := c.sbcClient(s, s.baseURL)
	diags.Append(d...)
	pair := sbc.Pair{Host: host}
	if peer := s.peerHost; peer != "" && !diags.HasError() {
		if peer == s.baseURL {
			diags.AddError("Invalid SBC peer_host", fmt.Sprintf("sbc.peer_host is the same address as sbc.host (%s); set it to the other unit of the pair.", peer))
			return pair, diags
		}
		pair.Peer, d = c.sbcClient(s, peer)
		diags.Append(d...)
	}
	return pair, diags
}
