package provider

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/action/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

var (
	_ action.Action               = (*fireflowActiveChangeAction)(nil)
	_ action.ActionWithConfigure  = (*fireflowActiveChangeAction)(nil)
	_ action.ActionWithModifyPlan = (*fireflowActiveChangeAction)(nil)
)

// NewFireFlowActiveChangeAction is the netops_fireflow_active_change action (Terraform 1.14 and later).
func NewFireFlowActiveChangeAction() action.Action { return &fireflowActiveChangeAction{} }

type fireflowActiveChangeAction struct {
	clients *Clients
}

type fireflowActiveChangeModel struct {
	Server          types.String   `tfsdk:"server"`
	ChangeRequestID types.String   `tfsdk:"change_request_id"`
	Timeouts        timeouts.Value `tfsdk:"timeouts"`
}

// fireflowActiveChangeTimeout bounds the whole run: every child's push to its device.
const fireflowActiveChangeTimeout = 30 * time.Minute

func (a *fireflowActiveChangeAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_fireflow_active_change"
}

func (a *fireflowActiveChangeAction) Schema(ctx context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Implements a FireFlow traffic change request with ActiveChange: FireFlow pushes the planned rule changes to each device. " +
			"The action triggers ActiveChange once on each child request (one per device) in turn, waits until FireFlow reports it settled, " +
			"shows each device's result as progress, and fails with FireFlow's own words at the first child that does not succeed (the children after it are left untouched). " +
			"It works with either spelling of FireFlow's ActiveChange routes (`work-order/implement` and `work-order/implementation/result`, or " +
			"`active-change/calculate` and `active-change`) and remembers per server which one is served. " +
			"Run it with `terraform apply -invoke=action.netops_fireflow_active_change.<name>` or from a resource's `lifecycle { action_trigger { ... } }`.",
		Attributes: map[string]schema.Attribute{
			"server": schema.StringAttribute{MarkdownDescription: serverDescription, Optional: true},
			"change_request_id": schema.StringAttribute{
				MarkdownDescription: "Id of the traffic change request (ActiveChange then runs on each of its children), or of one child request (it runs on that one alone).",
				Required:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(positiveNumber, "must be a change request id (a positive number)")},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx),
		},
	}
}

func (a *fireflowActiveChangeAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan refuses at plan time ActiveChange on an unknown or unmanaged server.
func (a *fireflowActiveChangeAction) ModifyPlan(ctx context.Context, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	a.clients.modifyActionPlan(ctx, vendorFireFlow, req, resp)
}

func (a *fireflowActiveChangeAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg fireflowActiveChangeModel
	timeout, ok := invokeConfig(ctx, req, resp, &cfg, func(m *fireflowActiveChangeModel) timeouts.Value { return m.Timeouts }, fireflowActiveChangeTimeout)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(cfg.ChangeRequestID.ValueString(), 10, 64)
	if err != nil {
		resp.Diagnostics.AddError("Invalid change request id", err.Error())
		return
	}
	client, d := a.clients.fireflowClient(cfg.Server.ValueString())
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	_, err = client.RunActiveChange(ctx, id, func(msg string) { resp.SendProgress(action.InvokeProgressEvent{Message: msg}) })
	var ae *fireflow.ActiveChangeError
	switch {
	case err == nil:
	case transport.IsNotFound(err) && !errors.As(err, &ae):
		resp.Diagnostics.AddError("FireFlow traffic change request not found", err.Error()+"\n\nActiveChange runs on traffic change requests; check the id.")
	case fireflow.IsNoPermissions(err) && errors.As(err, &ae):
		resp.Diagnostics.AddError("FireFlow user lacks ActiveChange rights", err.Error()+
			"\n\nFireFlow refused to run ActiveChange for the user of the provider's fireflow block (FireFlow applies the permissions of its web interface). "+
			"Grant that user the right to run ActiveChange in FireFlow, or configure a user who has it; nothing was run on change request "+strconv.FormatInt(ae.Child, 10)+".")
	case errors.As(err, &ae) && ae.Err == nil:
		resp.Diagnostics.AddError("FireFlow ActiveChange did not succeed", err.Error()+
			"\n\nFireFlow did not implement the change on that device. Fix the cause on the device or in FireFlow, then invoke the action "+
			"on change request "+strconv.FormatInt(ae.Child, 10)+" and on each child not started, one at a time (change_request_id = <child id>): "+
			"invoked on the parent again, it would trigger ActiveChange again on the children already implemented.")
	default:
		resp.Diagnostics.AddError(summaryFor(err, "FireFlow ActiveChange failed"), err.Error())
	}
}
