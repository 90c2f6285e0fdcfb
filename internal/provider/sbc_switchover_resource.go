package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/netops/terraform-provider-netops/internal/sbc"
)

var (
	_ resource.Resource               = (*sbcSwitchoverResource)(nil)
	_ resource.ResourceWithConfigure  = (*sbcSwitchoverResource)(nil)
	_ resource.ResourceWithIdentity   = (*sbcSwitchoverResource)(nil)
	_ resource.ResourceWithModifyPlan = (*sbcSwitchoverResource)(nil)
)

// NewSBCSwitchoverResource is the action-style netops_sbc_switchover resource.
func NewSBCSwitchoverResource() resource.Resource { return &sbcSwitchoverResource{} }

type sbcSwitchoverResource struct {
	clients *Clients
}

type sbcSwitchoverModel struct {
	ID              types.String   `tfsdk:"id"`
	Device          types.String   `tfsdk:"device"`
	Triggers        types.Map      `tfsdk:"triggers"`
	ExpectedActive  types.String   `tfsdk:"expected_active"`
	Wait            types.Bool     `tfsdk:"wait"`
	PreviousActive  types.String   `tfsdk:"previous_active"`
	NewActive       types.String   `tfsdk:"new_active"`
	SwitchoverCount types.Int64    `tfsdk:"switchover_count"`
	AcceptedAt      types.String   `tfsdk:"accepted_at"`
	CompletedAt     types.String   `tfsdk:"completed_at"`
	Timeouts        timeouts.Value `tfsdk:"timeouts"`
}

const sbcSwitchoverTimeout = 2 * time.Minute

func (r *sbcSwitchoverResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sbc_switchover"
}

func (r *sbcSwitchoverResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Triggers an HA switchover of an Oracle SBC pair: the active unit hands its role to the standby. " +
			"Creating the resource performs the switchover; changing `triggers` performs another one. Destroying it changes nothing on the SBC.",
		Attributes: map[string]schema.Attribute{
			"device": schema.StringAttribute{MarkdownDescription: deviceDescription(vendorSBC), Optional: true},
			"id": schema.StringAttribute{
				MarkdownDescription: "The unit that accepted the switchover and when, `<host name>/<RFC 3339 time>`.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"triggers": schema.MapAttribute{
				MarkdownDescription: "Arbitrary values; any change replaces the resource, which runs a new switchover.",
				ElementType:         types.StringType,
				Optional:            true,
				PlanModifiers:       []planmodifier.Map{mapplanmodifier.RequiresReplace()},
			},
			"expected_active": schema.StringAttribute{
				MarkdownDescription: "Host name (`hostName` in the SBC status) of the unit that must be active before the switchover. " +
					"When another unit is active, the switchover is refused and nothing is sent — this keeps a re-created resource from flipping the pair back.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"wait": schema.BoolAttribute{
				MarkdownDescription: "Wait until the roles have swapped (default `true`). Without waiting, `new_active`, `switchover_count` and `completed_at` stay null.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"previous_active": schema.StringAttribute{
				MarkdownDescription: "Host name of the unit that was active and accepted the switchover.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"new_active": schema.StringAttribute{
				MarkdownDescription: "Host name of the unit seen active after the swap.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"switchover_count": schema.Int64Attribute{
				MarkdownDescription: "The pair's switchover counter (`haSwitchOvers`) after the swap.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"accepted_at": schema.StringAttribute{
				MarkdownDescription: "When the active unit accepted the switchover (RFC 3339).",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"completed_at": schema.StringAttribute{
				MarkdownDescription: "When the swap was seen (RFC 3339).",
				Computed:            true,
				PlanModifiers:       keep,
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true}),
		},
	}
}

func (r *sbcSwitchoverResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *sbcSwitchoverResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan sbcSwitchoverModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	timeout, d := plan.Timeouts.Create(ctx, sbcSwitchoverTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	pair, d := r.clients.sbcPair(plan.Device.ValueString())
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	res, err := pair.Switchover(ctx, sbc.SwitchoverOptions{
		ExpectedActive: plan.ExpectedActive.ValueString(),
		Wait:           plan.Wait.ValueBool(),
		Polling:        r.clients.polling,
		Progress:       func(e sbc.Event) { tflog.Info(ctx, "SBC switchover: "+e.Message) },
	})
	if res != nil {
		plan.fill(res)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
	if err != nil {
		resp.Diagnostics.Append(sbcSwitchoverDiagnostic(err, " The resource is saved as tainted: the next apply would run another switchover, so set expected_active or check the pair first.")...)
	}
}

// fill records what the switchover did; fields not known stay null.
func (m *sbcSwitchoverModel) fill(res *sbc.SwitchoverResult) {
	m.ID = types.StringValue(fmt.Sprintf("%s/%s", res.PreviousActive, res.AcceptedAt.Format(time.RFC3339Nano)))
	m.PreviousActive = types.StringValue(res.PreviousActive)
	m.AcceptedAt = types.StringValue(res.AcceptedAt.Format(time.RFC3339))
	m.NewActive = types.StringNull()
	m.SwitchoverCount = types.Int64Null()
	m.CompletedAt = types.StringNull()
	if res.Verified {
		m.NewActive = types.StringValue(res.NewActive)
		m.CompletedAt = types.StringValue(res.CompletedAt.Format(time.RFC3339))
		if res.SwitchoverCount >= 0 {
			m.SwitchoverCount = types.Int64Value(res.SwitchoverCount)
		}
	}
}

// Read reports no drift: the switchover happened, whatever the pair did since. It names
// the switchover in a state written before identities.
func (r *sbcSwitchoverResource) Read(ctx context.Context, _ resource.ReadRequest, resp *resource.ReadResponse) {
	r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Update applies changes of expected_active, wait and timeouts, which act only on the next switchover.
func (r *sbcSwitchoverResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan sbcSwitchoverModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// ModifyPlan checks the device before any request.
func (r *sbcSwitchoverResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.clients.modifyDevicePlan(ctx, vendorSBC, req, resp)
}

// Delete changes nothing on the SBC: a switchover cannot be undone, only followed by another.
func (r *sbcSwitchoverResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
