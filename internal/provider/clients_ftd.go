package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/netops/terraform-provider-netops/internal/ftd"
)

// ftdSettings is the provider's ftd block resolved against the environment.
type ftdSettings struct {
	endpoint
	apiVersion string
}

// ftdClient returns the provider's shared FTD client (one token per provider instance).
func (c *Clients) ftdClient() (*ftd.Client, diag.Diagnostics) {
	s, diags := settingsOf(c, vendorFTD, func(c *Clients) *ftdSettings { return c.ftd })
	if diags.HasError() {
		return nil, diags
	}
	cl, err := c.ftdClients.get(s.baseURL, func() (*ftd.Client, error) {
		cl, err := ftd.New(ftd.Config{
			BaseURL: s.baseURL, Username: s.username, Password: s.password, APIVersion: s.apiVersion,
			Insecure: s.insecure, CACertPEM: s.caCertPEM, Transport: c.transportConfig(), Polling: c.polling,
		})
		if err == nil {
			registerCloser(cl)
		}
		return cl, err
	})
	if err != nil {
		diags.AddError("Invalid FTD client configuration", err.Error())
		return nil, diags
	}
	return cl, diags
}
