package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/action/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/ftd"
)

var (
	_ action.Action              = (*ftdHASuspendAction)(nil)
	_ action.ActionWithConfigure = (*ftdHASuspendAction)(nil)
)

// NewFTDHASuspendAction is the netops_ftd_ha_suspend action (Terraform 1.14 and later).
func NewFTDHASuspendAction() action.Action { return &ftdHASuspendAction{} }

type ftdHASuspendAction struct {
	clients *Clients
}

type ftdHASuspendModel struct {
	ExpectedState types.String   `tfsdk:"expected_state"`
	ExpectedRole  types.String   `tfsdk:"expected_role"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

func (a *ftdHASuspendAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ftd_ha_suspend"
}

func (a *ftdHASuspendAction) Schema(ctx context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Suspends HA on the FTD unit of the provider's `ftd` block (FDM `POST /devices/default/action/ha/suspend`): " +
			"on the active unit HA is suspended on both units, on the standby only on the standby. It refuses unless the unit is the active or " +
			"the standby unit of a pair, and waits until the unit reports `HA_SUSPENDED_NODE`, reporting each step.",
		Attributes: map[string]schema.Attribute{
			"expected_state": schema.StringAttribute{
				MarkdownDescription: "`HA_ACTIVE_NODE` or `HA_STANDBY_NODE`: the state the unit must be in. When it is in another, nothing is sent. " +
					"Set it: it decides whether one unit or both are suspended.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(ftd.StateActive, ftd.StateStandby)},
			},
			"expected_role": schema.StringAttribute{
				MarkdownDescription: "`HA_PRIMARY` or `HA_SECONDARY`: the role the unit must have. When it has the other, nothing is sent.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(ftd.RolePrimary, ftd.RoleSecondary)},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx),
		},
	}
}

func (a *ftdHASuspendAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (a *ftdHASuspendAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg ftdHASuspendModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	invokeFTDHAAction(ctx, a.clients, cfg.Timeouts, "HA suspend", ftd.HAActionOptions{
		ExpectedState: cfg.ExpectedState.ValueString(),
		ExpectedRole:  cfg.ExpectedRole.ValueString(),
	}, (*ftd.Client).Suspend, resp)
}
