package provider

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/loginsight"
)

// ftdClient returns the provider's shared FTD client (one token per provider instance).
func (c *Clients) ftdClient() (*ftd.Client, diag.Diagnostics) {
	ep, diags := c.endpointFor(vendorFTD)
	if diags.HasError() {
		return nil, diags
	}
	v, err := c.cached("ftd "+ep.baseURL, func() (any, error) {
		cl, err := ftd.New(ftd.Config{
			BaseURL: ep.baseURL, Username: ep.username, Password: ep.password, APIVersion: ep.extra["api_version"],
			Insecure: ep.insecure, CACertPEM: ep.caCertPEM, Transport: c.transportConfig(), Polling: c.polling,
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
	return v.(*ftd.Client), diags
}

// loginsightMaster returns the provider's shared client of the Log Insight master.
func (c *Clients) loginsightMaster() (*loginsight.Client, *endpoint, diag.Diagnostics) {
	ep, diags := c.endpointFor(vendorLogInsight)
	if diags.HasError() {
		return nil, nil, diags
	}
	v, err := c.cached("loginsight "+ep.baseURL, func() (any, error) {
		return loginsight.New(loginsight.Config{
			BaseURL: ep.baseURL, Username: ep.username, Password: ep.password, AuthProvider: ep.extra["auth_provider"],
			Insecure: ep.insecure, CACertPEM: ep.caCertPEM, Transport: c.transportConfig(), Polling: c.polling,
		})
	})
	if err != nil {
		diags.AddError("Invalid Log Insight client configuration", err.Error())
		return nil, nil, diags
	}
	return v.(*loginsight.Client), ep, diags
}

// loginsightNode returns an unauthenticated client of a node (baseURL as parseHost returns it),
// with the provider's TLS settings.
func (c *Clients) loginsightNode(ep *endpoint, baseURL string) (*loginsight.Client, diag.Diagnostics) {
	var diags diag.Diagnostics
	v, err := c.cached("loginsight-node "+baseURL, func() (any, error) {
		return loginsight.New(loginsight.Config{BaseURL: baseURL, Insecure: ep.insecure, CACertPEM: ep.caCertPEM, Transport: c.transportConfig(), Polling: c.polling})
	})
	if err != nil {
		diags.AddError("Invalid Log Insight node address", err.Error())
		return nil, diags
	}
	return v.(*loginsight.Client), diags
}

// fireflowClient returns the provider's shared FireFlow client (one session per provider instance).
func (c *Clients) fireflowClient() (*fireflow.Client, diag.Diagnostics) {
	ep, diags := c.endpointFor(vendorFireFlow)
	if diags.HasError() {
		return nil, diags
	}
	v, err := c.cached("fireflow "+ep.baseURL, func() (any, error) {
		return fireflow.New(fireflow.Config{
			BaseURL: ep.baseURL, Username: ep.username, Password: ep.password,
			Insecure: ep.insecure, CACertPEM: ep.caCertPEM, Transport: c.transportConfig(),
		})
	})
	if err != nil {
		diags.AddError("Invalid FireFlow client configuration", err.Error())
		return nil, diags
	}
	return v.(*fireflow.Client), diags
}

// closer is a client holding a session worth ending when the plugin stops.
type closer interface {
	Close(ctx context.Context) error
}

var (
	closersMu sync.Mutex
	closers   []closer
)

func registerCloser(c closer) {
	closersMu.Lock()
	defer closersMu.Unlock()
	closers = append(closers, c)
}

// Shutdown ends the sessions the plugin opened (FDM tokens count against the unit's five
// logins, which can push an administrator's UI session out). main calls it once the
// plugin server has stopped.
func Shutdown(ctx context.Context) error {
	closersMu.Lock()
	list := closers
	closers = nil
	closersMu.Unlock()
	var first error
	for _, c := range list {
		if err := c.Close(ctx); err != nil && first == nil {
			first = err
		}
	}
	return first
}
