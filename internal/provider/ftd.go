package provider

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/action/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/netops/terraform-provider-netops/internal/ftd"
)

// ftdMaintenanceTimeout is the default invoke timeout of suspend, resume and reset:
// Cisco's cookbook polls every 15 s for up to 20 minutes (ftd-fdm.md section 6).
const ftdMaintenanceTimeout = 20 * time.Minute

// ftdHAActionRun is one of the client's guarded HA actions (Suspend, Resume, Reset).
type ftdHAActionRun func(*ftd.Client, context.Context, ftd.HAActionOptions) (*ftd.HAActionResult, error)

// invokeFTDHAAction runs an HA action on the unit of the provider's ftd block under the
// invoke timeout, streaming its steps as progress; what says which action ("suspend").
func invokeFTDHAAction(ctx context.Context, clients *Clients, t timeouts.Value, what string, opts ftd.HAActionOptions,
	run ftdHAActionRun, resp *action.InvokeResponse,
) {
	timeout, d := t.Invoke(ctx, ftdMaintenanceTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, d := clients.ftdClient()
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	opts.Progress = func(msg string) { resp.SendProgress(action.InvokeProgressEvent{Message: msg}) }
	_, err := run(client, ctx, opts)
	resp.Diagnostics.Append(ftdHAActionDiagnostic(what, err)...)
}

func ftdHAActionDiagnostic(what string, err error) diag.Diagnostics {
	var diags diag.Diagnostics
	var pre *ftd.PreconditionError
	switch {
	case err == nil:
	case errors.As(err, &pre):
		diags.AddError("FTD "+what+" not sent", err.Error())
	default:
		diags.AddError("FTD "+what+" failed", err.Error())
	}
	return diags
}
