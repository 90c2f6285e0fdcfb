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

// ftdClient returns the shared client of the provider's default FTD unit.
func (c *Clients) ftdClient() (*ftd.Client, diag.Diagnostics) { return c.ftdClientOn("") }

// ftdClientOn returns the shared client of the FTD unit device names ("" for ftd.host):
// one token per unit and user for the whole run.
func (c *Clients) ftdClientOn(device string) (*ftd.Client, diag.Diagnostics) {
	s, diags := deviceSettingsOf(c, vendorFTD, func(c *Clients) *ftdSettings { return c.ftd }, device)
	if diags.HasError() {
		return nil, diags
	}
	if diags.Append(sendable(&s.endpoint)...); diags.HasError() {
		return nil, diags
	}
	cl, err := c.ftdClients.get(clientKey(&s.endpoint), func() (*ftd.Client, error) {
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
