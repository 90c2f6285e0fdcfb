package provider

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/loginsight"
	"github.com/netops/terraform-provider-netops/internal/sbc"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// Clients is the provider data handed to resources, data sources and actions: each
// vendor's resolved settings and the clients built from them. Vendor clients are built
// on first use (clients_<vendor>.go); Configure sends nothing.
type Clients struct {
	userAgent string
	timeout   time.Duration
	retry     transport.Retry
	polling   transport.Polling // waits of long operations; zero: the clients' default

	ftd        *ftdSettings
	loginsight *loginsightSettings
	fireflow   *fireflowSettings
	sbc        *sbcSettings

	ftdClients        clientCache[*ftd.Client]
	loginsightMasters clientCache[*loginsight.Client]
	loginsightNodes   clientCache[*loginsight.Client]
	fireflowClients   clientCache[*fireflow.Client]
	sbcClients        clientCache[*sbc.Client]

	unmanagedWarned sync.Map // "<block>/<device>" of the unmanaged devices a read has warned about
}

func newClients(ctx context.Context, version string, cfg providerModel, env lookup, diags *diag.Diagnostics) *Clients {
	s := resolveSettings(ctx, cfg, env, diags)
	return &Clients{
		userAgent:  "terraform-provider-netops/" + version,
		timeout:    s.timeout,
		retry:      s.retry,
		ftd:        s.ftd,
		loginsight: s.loginsight,
		fireflow:   s.fireflow,
		sbc:        s.sbc,
	}
}

// clientsFrom unpacks the provider data given to Configure; nil before the provider is configured.
func clientsFrom(data any, diags *diag.Diagnostics) *Clients {
	if data == nil {
		return nil
	}
	c, ok := data.(*Clients)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *provider.Clients, got %T. Please report this issue to the provider developers.", data))
		return nil
	}
	return c
}

// vendorSettings is a vendor's resolved block (*ftdSettings, *sbcSettings, ...).
type vendorSettings interface {
	comparable
	base() *endpoint
}

// deviceSettingsOf returns the settings of the appliance device names ("" for the block's
// own host), or a diagnostic.
func deviceSettingsOf[S vendorSettings](c *Clients, v vendor, get func(*Clients) S, device string) (S, diag.Diagnostics) {
	var diags diag.Diagnostics
	var none S
	if c == nil {
		diags.AddError("Provider not configured", "The netops provider was not configured before use. Please report this issue to the provider developers.")
		return none, diags
	}
	s := get(c)
	if s == none {
		diags.AddError("Missing "+v.block+" provider configuration",
			fmt.Sprintf("This %s resource needs the provider's %q block, or the environment variables %s, %s and %s.",
				v.title, v.block, v.env("host"), v.env("username"), v.env("password")))
		return none, diags
	}
	return deviceOf(v, s, device)
}

// sendable refuses an appliance with managed = false: nothing is sent to it.
func sendable(e *endpoint) diag.Diagnostics {
	var diags diag.Diagnostics
	if !e.managed {
		diags.AddError(unmanagedError(e, "this request"))
	}
	return diags
}

// clientKey names one appliance session: its address and user.
func clientKey(e *endpoint) string { return e.baseURL + "\x00" + e.username }

func (c *Clients) transportConfig() transport.Config {
	return transport.Config{Timeout: c.timeout, Retry: c.retry, UserAgent: c.userAgent}
}

// clientCache holds one kind of vendor client by base URL, each built once.
type clientCache[T any] struct {
	mu sync.Mutex
	m  map[string]T
}

func (cc *clientCache[T]) get(baseURL string, build func() (T, error)) (T, error) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if v, ok := cc.m[baseURL]; ok {
		return v, nil
	}
	v, err := build()
	if err != nil {
		return v, err
	}
	if cc.m == nil {
		cc.m = map[string]T{}
	}
	cc.m[baseURL] = v
	return v, nil
}

func (cc *clientCache[T]) len() int {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	return len(cc.m)
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
// logins, which can push an administrator's UI session out), every client at once:
// go-plugin kills a plugin about 2 s after Terraform asks it to stop, so the whole
// logout must fit in ctx. main calls it once the plugin server has stopped.
func Shutdown(ctx context.Context) error {
	closersMu.Lock()
	list := closers
	closers = nil
	closersMu.Unlock()
	errs := make([]error, len(list))
	var wg sync.WaitGroup
	for i, c := range list {
		wg.Go(func() { errs[i] = c.Close(ctx) })
	}
	wg.Wait()
	return errors.Join(errs...)
}
