package provider

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/action/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/ftd"
)

var (
	_ action.Action               = (*ftdHAFailoverAction)(nil)
	_ action.ActionWithConfigure  = (*ftdHAFailoverAction)(nil)
	_ action.ActionWithModifyPlan = (*ftdHAFailoverAction)(nil)
)

// NewFTDHAFailoverAction is the netops_ftd_ha_failover action (Terraform 1.14 and later).
func NewFTDHAFailoverAction() action.Action { return &ftdHAFailoverAction{} }

type ftdHAFailoverAction struct {
	clients *Clients
}

type ftdHAFailoverModel struct {
	Device             types.String   `tfsdk:"device"`
	ExpectedActiveRole types.String   `tfsdk:"expected_active_role"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}

const ftdFailoverTimeout = 10 * time.Minute

func (a *ftdHAFailoverAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ftd_ha_failover"
}

func (a *ftdHAFailoverAction) Schema(ctx context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Fails an FTD HA pair over: the standby unit becomes active. It runs on the unit of the provider's `ftd` block, " +
			"refuses unless the pair is a healthy ACTIVE/STANDBY pair in sync, and waits until the units have swapped roles, reporting each step.",
		Attributes: map[string]schema.Attribute{
			"device": schema.StringAttribute{MarkdownDescription: deviceDescription(vendorFTD), Optional: true},
			"expected_active_role": schema.StringAttribute{
				MarkdownDescription: "`HA_PRIMARY` or `HA_SECONDARY`: the role that must be active before the failover. When the other is active, nothing is sent.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(ftd.RolePrimary, ftd.RoleSecondary)},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx),
		},
	}
}

func (a *ftdHAFailoverAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan refuses at plan time a failover of an unknown or unmanaged unit.
func (a *ftdHAFailoverAction) ModifyPlan(ctx context.Context, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	a.clients.modifyActionPlan(ctx, vendorFTD, req, resp)
}

func (a *ftdHAFailoverAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg ftdHAFailoverModel
	timeout, ok := invokeConfig(ctx, req, resp, &cfg, func(m *ftdHAFailoverModel) timeouts.Value { return m.Timeouts }, ftdFailoverTimeout)
	if !ok {
		return
	}
	client, d := a.clients.ftdClientOn(cfg.Device.ValueString())
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	_, err := client.Failover(ctx, ftd.FailoverOptions{
		ExpectedActiveRole: cfg.ExpectedActiveRole.ValueString(),
		Progress:           func(msg string) { resp.SendProgress(action.InvokeProgressEvent{Message: msg}) },
	})
	var pre *ftd.PreconditionError
	switch {
	case err == nil:
	case errors.As(err, &pre):
		resp.Diagnostics.AddError("FTD failover not sent", err.Error())
	default:
		resp.Diagnostics.AddError("FTD failover failed", err.Error())
	}
}
