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
	_ action.Action              = (*ftdHAResetAction)(nil)
	_ action.ActionWithConfigure = (*ftdHAResetAction)(nil)
)

// NewFTDHAResetAction is the netops_ftd_ha_reset action (Terraform 1.14 and later).
func NewFTDHAResetAction() action.Action { return &ftdHAResetAction{} }

type ftdHAResetAction struct {
	clients *Clients
}

type ftdHAResetModel struct {
	ExpectedFailedRole types.String   `tfsdk:"expected_failed_role"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}

func (a *ftdHAResetAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ftd_ha_reset"
}

func (a *ftdHAResetAction) Schema(ctx context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Clears the failed unit of an FTD HA pair (FDM `POST /devices/default/action/ha/reset`), through the unit of the " +
			"provider's `ftd` block, and waits until the pair is a healthy ACTIVE/STANDBY pair in sync again, reporting each step. " +
			"Nothing is sent unless this unit or its peer reports `HA_FAILED_NODE`.",
		Attributes: map[string]schema.Attribute{
			"expected_failed_role": schema.StringAttribute{
				MarkdownDescription: "`HA_PRIMARY` or `HA_SECONDARY`: the role of the unit that must have failed. When the other one failed, nothing is sent.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(ftd.RolePrimary, ftd.RoleSecondary)},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx),
		},
	}
}

func (a *ftdHAResetAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (a *ftdHAResetAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg ftdHAResetModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	invokeFTDHAAction(ctx, a.clients, cfg.Timeouts, "HA reset", ftd.HAActionOptions{
		ExpectedFailedRole: cfg.ExpectedFailedRole.ValueString(),
	}, (*ftd.Client).Reset, resp)
}
