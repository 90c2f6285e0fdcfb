package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
)

// fireflowSettings is the provider's fireflow block resolved against the environment.
type fireflowSettings struct {
	endpoint
}

// fireflowClient returns the provider's shared FireFlow client (one session per provider instance).
func (c *Clients) fireflowClient() (*fireflow.Client, diag.Diagnostics) {
	s, diags := settingsOf(c, vendorFireFlow, func(c *Clients) *fireflowSettings { return c.fireflow })
	if diags.HasError() {
		return nil, diags
	}
	cl, err := c.fireflowClients.get(s.baseURL, func() (*fireflow.Client, error) {
		cl, err := fireflow.New(fireflow.Config{
			BaseURL: s.baseURL, Username: s.username, Password: s.password,
			Insecure: s.insecure, CACertPEM: s.caCertPEM, Transport: c.transportConfig(), Polling: c.polling,
		})
		if err == nil {
			registerCloser(cl)
		}
		return cl, err
	})
	if err != nil {
		diags.AddError("Invalid FireFlow client configuration", err.Error())
		return nil, diags
	}
	return cl, diags
}
