package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/action/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/action"
)

// invokeConfig reads an action's configuration into cfg and returns its invoke timeout
// (fallback when the configuration sets none); false when a diagnostic ends the
// invocation.
func invokeConfig[M any](ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse, cfg *M, timeoutsOf func(*M) timeouts.Value, fallback time.Duration) (time.Duration, bool) {
	resp.Diagnostics.Append(req.Config.Get(ctx, cfg)...)
	timeout, d := timeoutsOf(cfg).Invoke(ctx, fallback)
	resp.Diagnostics.Append(d...)
	return timeout, !resp.Diagnostics.HasError()
}
