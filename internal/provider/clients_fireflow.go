package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
)

// fireflowSettings is the provider's fireflow block resolved against the environment.
type fireflowSettings struct {
	endpoint
}

// fireflowClient returns the shared client of the FireFlow server device names ("" for
// fireflow.host): one session per server and user for the whole run.
func (c *Clients) fireflowClient(device string) (*fireflow.Client, diag.Diagnostics) {
	s, diags := deviceSettingsOf(c, vendorFireFlow, func(c *Clients) *fireflowSettings { return c.fireflow }, device)
	if diags.HasError() {
		return nil, diags
	}
	if diags.Append(sendable(&s.endpoint)...); diags.HasError() {
		return nil, diags
	}
	cl, err := c.fireflowClients.get(clientKey(&s.endpoint), func() (*fireflow.Client, error) {
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
