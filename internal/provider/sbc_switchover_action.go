package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/action/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/sbc"
)

var (
	_ action.Action               = (*sbcSwitchoverAction)(nil)
	_ action.ActionWithConfigure  = (*sbcSwitchoverAction)(nil)
	_ action.ActionWithModifyPlan = (*sbcSwitchoverAction)(nil)
)

// NewSBCSwitchoverAction is the netops_sbc_switchover action (Terraform 1.14 and later).
func NewSBCSwitchoverAction() action.Action { return &sbcSwitchoverAction{} }

type sbcSwitchoverAction struct {
	clients *Clients
}

type sbcSwitchoverActionModel struct {
	Device         types.String   `tfsdk:"device"`
	ExpectedActive types.String   `tfsdk:"expected_active"`
	Wait           types.Bool     `tfsdk:"wait"`
	Timeouts       timeouts.Value `tfsdk:"timeouts"`
}

func (a *sbcSwitchoverAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sbc_switchover"
}

func (a *sbcSwitchoverAction) Schema(ctx context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Triggers an HA switchover of an Oracle SBC pair: the active unit hands its role to the standby, and the action " +
			"waits until the roles have swapped, reporting each step. Run it with `terraform apply -invoke=action.netops_sbc_switchover.<name>` " +
			"or from a resource's `lifecycle { action_trigger { ... } }`.",
		Attributes: map[string]schema.Attribute{
			"device": schema.StringAttribute{MarkdownDescription: deviceDescription(vendorSBC), Optional: true},
			"expected_active": schema.StringAttribute{
				MarkdownDescription: "Host name of the unit that must be active before the switchover. When another unit is active, nothing is sent.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"wait": schema.BoolAttribute{
				MarkdownDescription: "Wait until the roles have swapped (default `true`).",
				Optional:            true,
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx),
		},
	}
}

func (a *sbcSwitchoverAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan refuses at plan time a switchover of an unknown or unmanaged unit.
func (a *sbcSwitchoverAction) ModifyPlan(ctx context.Context, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	a.clients.modifyActionPlan(ctx, vendorSBC, req, resp)
}

func (a *sbcSwitchoverAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg sbcSwitchoverActionModel
	timeout, ok := invokeConfig(ctx, req, resp, &cfg, func(m *sbcSwitchoverActionModel) timeouts.Value { return m.Timeouts }, sbcSwitchoverTimeout)
	if !ok {
		return
	}
	pair, d := a.clients.sbcPair(cfg.Device.ValueString())
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	_, err := pair.Switchover(ctx, sbc.SwitchoverOptions{
		ExpectedActive: cfg.ExpectedActive.ValueString(),
		Wait:           cfg.Wait.IsNull() || cfg.Wait.ValueBool(),
		Polling:        a.clients.polling,
		Progress:       func(e sbc.Event) { resp.SendProgress(action.InvokeProgressEvent{Message: e.Message}) },
	})
	if err != nil {
		resp.Diagnostics.Append(sbcSwitchoverDiagnostic(err, "")...)
	}
}
