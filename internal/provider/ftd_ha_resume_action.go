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
	_ action.Action              = (*ftdHAResumeAction)(nil)
	_ action.ActionWithConfigure = (*ftdHAResumeAction)(nil)
)

// NewFTDHAResumeAction is the netops_ftd_ha_resume action (Terraform 1.14 and later).
func NewFTDHAResumeAction() action.Action { return &ftdHAResumeAction{} }

type ftdHAResumeAction struct {
	clients *Clients
}

type ftdHAResumeModel struct {
	ExpectedRole types.String   `tfsdk:"expected_role"`
	Timeouts     timeouts.Value `tfsdk:"timeouts"`
}

func (a *ftdHAResumeAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ftd_ha_resume"
}

func (a *ftdHAResumeAction) Schema(ctx context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Resumes HA on the suspended FTD unit of the provider's `ftd` block (FDM `POST /devices/default/action/ha/resume`) " +
			"and waits until the unit is `HA_ACTIVE_NODE` or `HA_STANDBY_NODE` again, reporting each step. Nothing is sent unless the unit " +
			"reports `HA_SUSPENDED_NODE`. A resuming standby may answer 503, or not at all, for a few minutes: the action waits through that.",
		Attributes: map[string]schema.Attribute{
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

func (a *ftdHAResumeAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (a *ftdHAResumeAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg ftdHAResumeModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	invokeFTDHAAction(ctx, a.clients, cfg.Timeouts, "HA resume", ftd.HAActionOptions{
		ExpectedRole: cfg.ExpectedRole.ValueString(),
	}, (*ftd.Client).Resume, resp)
}
