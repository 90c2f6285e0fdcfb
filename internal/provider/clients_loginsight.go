package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/netops/terraform-provider-netops/internal/loginsight"
)

// loginsightSettings is the provider's loginsight block resolved against the environment.
type loginsightSettings struct {
	endpoint
	authProvider string
}

// loginsightMaster returns the provider's shared client of the Log Insight master device
// names ("" for loginsight.host).
func (c *Clients) loginsightMaster(device string) (*loginsight.Client, *loginsightSettings, diag.Diagnostics) {
	s, diags := c.loginsightSettingsOnly(device)
	if diags.HasError() {
		return nil, nil, diags
	}
	if diags.Append(sendable(&s.endpoint)...); diags.HasError() {
		return nil, nil, diags
	}
	cl, err := c.loginsightMasters.get(clientKey(&s.endpoint), func() (*loginsight.Client, error) {
		cl, err := loginsight.New(loginsight.Config{
			BaseURL: s.baseURL, Username: s.username, Password: s.password, AuthProvider: s.authProvider,
			Insecure: s.insecure, CACertPEM: s.caCertPEM, Transport: c.transportConfig(), Polling: c.polling,
		})
		if err == nil {
			registerCloser(cl)
		}
		return cl, err
	})
	if err != nil {
		diags.AddError("Invalid Log Insight client configuration", err.Error())
		return nil, nil, diags
	}
	return cl, s, diags
}

// loginsightNode returns an unauthenticated client of a node (baseURL as parseHost returns it),
// with the provider's TLS settings.
func (c *Clients) loginsightNode(s *loginsightSettings, baseURL string) (*loginsight.Client, diag.Diagnostics) {
	var diags diag.Diagnostics
	cl, err := c.loginsightNodes.get(baseURL, func() (*loginsight.Client, error) {
		return loginsight.New(loginsight.Config{BaseURL: baseURL, Insecure: s.insecure, CACertPEM: s.caCertPEM, Transport: c.transportConfig(), Polling: c.polling})
	})
	if err != nil {
		diags.AddError("Invalid Log Insight node address", err.Error())
		return nil, diags
	}
	return cl, diags
}

// loginsightSettingsOnly returns the settings of the Log Insight appliance device names
// ("" for loginsight.host) without building a client.
func (c *Clients) loginsightSettingsOnly(device string) (*loginsightSettings, diag.Diagnostics) {
	return deviceSettingsOf(c, vendorLogInsight, func(c *Clients) *loginsightSettings { return c.loginsight }, device)
}

// loginsightAdmin returns a client of the node at the provider's loginsight.host that logs in
// as the cluster's admin (a Local user), with the provider's TLS settings. It is built for
// one operation and not shared: its credentials are the resource's, not the provider's.
func (c *Clients) loginsightAdmin(s *loginsightSettings, admin loginsight.AdminUser) (*loginsight.Client, diag.Diagnostics) {
	var diags diag.Diagnostics
	cl, err := loginsight.New(loginsight.Config{
		BaseURL: s.baseURL, Username: admin.UserName, Password: admin.Password, AuthProvider: "Local",
		CredentialsCheck: "admin_username and admin_password_wo",
		Insecure:         s.insecure, CACertPEM: s.caCertPEM, Transport: c.transportConfig(), Polling: c.polling,
	})
	if err != nil {
		diags.AddError("Invalid Log Insight client configuration", err.Error())
		return nil, diags
	}
	return cl, diags
}
