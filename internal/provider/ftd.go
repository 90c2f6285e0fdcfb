package provider

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/action/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/ftd"
)

// ftdMaintenanceTimeout is the default invoke timeout of suspend, resume and reset:
// Cisco's cookbook polls every 15 s for up to 20 minutes (ftd-fdm.md section 6).
const ftdMaintenanceTimeout = 20 * time.Minute

// ftdHAActionRun is one of the client's guarded HA actions (Suspend, Resume, Reset).
type ftdHAActionRun func(*ftd.Client, context.Context, ftd.HAActionOptions) (*ftd.HAActionResult, error)

// ftdHAGuard is an optional attribute of an HA maintenance action that names the state
// the unit must be in; nothing is sent when it does not hold.
type ftdHAGuard struct {
	attribute, description string
	values                 []string
	set                    func(*ftd.HAActionOptions, string)
}

// ftdHAMaintenanceAction is netops_ftd_ha_suspend, _resume or _reset: one synchronous
// FDM HA action on the unit of the provider's ftd block, guarded, then waited for.
type ftdHAMaintenanceAction struct {
	clients     *Clients
	verb        string // "suspend": the type name's last word
	description string
	guards      []ftdHAGuard
	run         ftdHAActionRun
}

var (
	_ action.Action               = (*ftdHAMaintenanceAction)(nil)
	_ action.ActionWithConfigure  = (*ftdHAMaintenanceAction)(nil)
	_ action.ActionWithModifyPlan = (*ftdHAMaintenanceAction)(nil)
)

func (a *ftdHAMaintenanceAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ftd_ha_" + a.verb
}

func (a *ftdHAMaintenanceAction) Schema(ctx context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"device": schema.StringAttribute{MarkdownDescription: deviceDescription(vendorFTD), Optional: true},
	}
	for _, g := range a.guards {
		attrs[g.attribute] = schema.StringAttribute{
			MarkdownDescription: g.description,
			Optional:            true,
			Validators:          []validator.String{stringvalidator.OneOf(g.values...)},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: a.description,
		Attributes:          attrs,
		Blocks:              map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (a *ftdHAMaintenanceAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

// Invoke reads the guards and the timeout, then runs the action under that timeout,
// streaming its steps as progress.
func (a *ftdHAMaintenanceAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var opts ftd.HAActionOptions
	for _, g := range a.guards {
		var v types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(g.attribute), &v)...)
		g.set(&opts, v.ValueString())
	}
	var t timeouts.Value
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("timeouts"), &t)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := t.Invoke(ctx, ftdMaintenanceTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, d := a.clients.ftdClientOn(applianceOf(ctx, vendorFTD, req.Config).ValueString())
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	opts.Progress = func(msg string) { resp.SendProgress(action.InvokeProgressEvent{Message: msg}) }
	_, err := a.run(client, ctx, opts)
	resp.Diagnostics.Append(ftdHAActionDiagnostic("HA "+a.verb, err)...)
}

// ModifyPlan refuses at plan time an action on an unknown or unmanaged unit.
func (a *ftdHAMaintenanceAction) ModifyPlan(ctx context.Context, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	a.clients.modifyActionPlan(ctx, vendorFTD, req, resp)
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

// ftdExpectedRole is the expected_role guard of suspend and resume.
var ftdExpectedRole = ftdHAGuard{
	attribute:   "expected_role",
	description: "`HA_PRIMARY` or `HA_SECONDARY`: the role the unit must have. When it has the other, nothing is sent.",
	values:      []string{ftd.RolePrimary, ftd.RoleSecondary},
	set:         func(o *ftd.HAActionOptions, v string) { o.ExpectedRole = v },
}
