package provider

import (
	"context"
	"errors"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

var (
	_ resource.Resource                = (*ftdHAJoinResource)(nil)
	_ resource.ResourceWithConfigure   = (*ftdHAJoinResource)(nil)
	_ resource.ResourceWithImportState = (*ftdHAJoinResource)(nil)
	_ resource.ResourceWithIdentity    = (*ftdHAJoinResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*ftdHAJoinResource)(nil)
)

// NewFTDHAJoinResource is the netops_ftd_ha_join resource.
func NewFTDHAJoinResource() resource.Resource { return &ftdHAJoinResource{} }

type ftdHAJoinResource struct {
	clients *Clients
}

type ftdHAJoinModel struct {
	ID                   types.String   `tfsdk:"id"`
	Device               types.String   `tfsdk:"device"`
	Name                 types.String   `tfsdk:"name"`
	WaitForSync          types.Bool     `tfsdk:"wait_for_sync"`
	BreakOnDestroy       types.Bool     `tfsdk:"break_on_destroy"`
	BreakInterfaceOption types.String   `tfsdk:"break_interface_option"`
	State                types.String   `tfsdk:"state"`
	QueuedTime           types.Int64    `tfsdk:"queued_time"`
	StartTime            types.Int64    `tfsdk:"start_time"`
	EndTime              types.Int64    `tfsdk:"end_time"`
	StatusMessages       types.List     `tfsdk:"status_messages"`
	CLIErrorMessage      types.String   `tfsdk:"cli_error_message"`
	NodeRole             types.String   `tfsdk:"node_role"`
	NodeState            types.String   `tfsdk:"node_state"`
	PeerNodeState        types.String   `tfsdk:"peer_node_state"`
	ConfigStatus         types.String   `tfsdk:"config_status"`
	HAHealthStatus       types.String   `tfsdk:"ha_health_status"`
	Timeouts             timeouts.Value `tfsdk:"timeouts"`
}

// ftdJobName is the join job name constraint of FDM v6 (seeds/000).
var ftdJobName = regexp.MustCompile(`^$|(^[a-zA-Z0-9_]$)|(^[a-zA-Z0-9_][ a-zA-Z0-9_.()/+-]*[a-zA-Z0-9_.)+-]$)`)

const (
	ftdJoinTimeout  = 20 * time.Minute
	ftdBreakTimeout = 30 * time.Minute
)

func (r *ftdHAJoinResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ftd_ha_join"
}

func (r *ftdHAJoinResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	// Computed values change only through create and refresh; an update keeps them.
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	}
	epoch := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{MarkdownDescription: desc, Computed: true, PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Joins the FTD unit of the provider's `ftd` block to the HA pair its `netops_ftd_ha_configuration` describes, " +
			"and waits for the join job and the HA state. Destroying it breaks the pair (`break_on_destroy`).",
		Attributes: map[string]schema.Attribute{
			"device": schema.StringAttribute{
				MarkdownDescription: deviceDescription(vendorFTD),
				Optional:            true,
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "Id of the join job.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the join job: up to 128 letters, digits, spaces and `_ . ( ) / + -`, starting with a letter, digit or `_`.",
				Optional:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{
					stringvalidator.LengthBetween(0, 128),
					stringvalidator.RegexMatches(ftdJobName, "must start with a letter, digit or _ and hold only letters, digits, spaces and _ . ( ) / + -"),
				},
			},
			"wait_for_sync": schema.BoolAttribute{
				MarkdownDescription: "Also wait until the configuration is synchronised (`configStatus` `IN_SYNC`) once the peer has joined. Default `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"break_on_destroy": schema.BoolAttribute{
				MarkdownDescription: "Break the HA pair when the resource is destroyed. Default `true`; with `false`, destroy only forgets the join.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"break_interface_option": schema.StringAttribute{
				MarkdownDescription: "What the break does with the data interfaces: `DISABLE_INTERFACES` (default) or `ENABLE_WITH_STANDBY_IP`.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString("DISABLE_INTERFACES"),
				Validators:          []validator.String{stringvalidator.OneOf("DISABLE_INTERFACES", "ENABLE_WITH_STANDBY_IP")},
			},
			"state":       computed("Job state: `QUEUED`, `DEPLOYING`, `DEPLOYED`, `DEPLOY_FAILED` or `DEPLOY_TIMEOUT`."),
			"queued_time": epoch("When the job was queued (epoch milliseconds)."),
			"start_time":  epoch("When the job started (epoch milliseconds, -1 before)."),
			"end_time":    epoch("When the job ended (epoch milliseconds, -1 before)."),
			"status_messages": schema.ListAttribute{
				MarkdownDescription: "The job's status messages.", ElementType: types.StringType, Computed: true,
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			},
			"cli_error_message": computed("The CLI error of a failed job."),
			"node_role":         computed("This unit's role: `HA_PRIMARY` or `HA_SECONDARY`."),
			"node_state":        computed("This unit's HA state, e.g. `HA_ACTIVE_NODE`."),
			"peer_node_state":   computed("The peer's HA state."),
			"config_status":     computed("Configuration synchronisation status, e.g. `IN_SYNC`."),
			"ha_health_status":  computed("HA health, e.g. `HEALTHY`."),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Delete: true}),
		},
	}
}

func (r *ftdHAJoinResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *ftdHAJoinResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan ftdHAJoinModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	timeout, d := plan.Timeouts.Create(ctx, ftdJoinTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, d := r.clients.ftdClientOn(plan.Device.ValueString())
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	r.join(ctx, client, &plan, resp)
}

func (r *ftdHAJoinResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics, &req.State)
	var state ftdHAJoinModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.clients.keepUnmanaged(ctx, vendorFTD, state.Device, &resp.Diagnostics) {
		return
	}
	client, d := r.clients.ftdClientOn(state.Device.ValueString())
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	gone := r.refresh(ctx, client, &state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if gone {
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update changes only the break options and timeouts, which act at destroy.
func (r *ftdHAJoinResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan ftdHAJoinModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *ftdHAJoinResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state ftdHAJoinModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	timeout, d := state.Timeouts.Delete(ctx, ftdBreakTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() || !state.BreakOnDestroy.ValueBool() {
		return
	}
	client, d := r.clients.ftdClientOn(state.Device.ValueString())
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	breakPair(ctx, client, state.BreakInterfaceOption.ValueString(), &resp.Diagnostics)
}

// ModifyPlan checks the device before any request.
func (r *ftdHAJoinResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.clients.modifyDevicePlan(ctx, vendorFTD, req, resp)
}

// ImportState takes the id of the join job ("device/id" on a named device), by id or identity.
func (r *ftdHAJoinResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	device, id, ok := ftdDeviceImportID(ctx, r.clients, "job_id", req, resp)
	if !ok {
		return
	}
	setImportedDevice(ctx, vendorFTD, device, resp)
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("wait_for_sync"), true)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("break_on_destroy"), true)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("break_interface_option"), "DISABLE_INTERFACES")...)
}

// join adopts a join that already happened or runs a new one, saving the job id as soon
// as FDM hands it back.
func (r *ftdHAJoinResource) join(ctx context.Context, client *ftd.Client, plan *ftdHAJoinModel, resp *resource.CreateResponse) {
	saved := func(job *ftd.Job, status *ftd.HAStatus) diag.Diagnostics {
		plan.setJob(job)
		plan.setStatus(status)
		return resp.State.Set(ctx, plan)
	}
	job, status, diags := joinUnit(ctx, client, plan.Name.ValueString(), plan.WaitForSync.ValueBool(), saved)
	resp.Diagnostics.Append(diags...)
	if job == nil {
		return
	}
	plan.setJob(job)
	if status != nil {
		plan.setStatus(status)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// joinUnit adopts the join of one unit that already happened or runs a new one, calls
// saved with its job as soon as FDM hands the id back, then waits for the job and for
// the unit to be active or standby (in sync with waitForSync). job is nil when no job
// exists; a wait that fails is an error with the job returned (the object is tainted).
func joinUnit(ctx context.Context, client *ftd.Client, name string, waitForSync bool, saved func(*ftd.Job, *ftd.HAStatus) diag.Diagnostics) (*ftd.Job, *ftd.HAStatus, diag.Diagnostics) {
	var diags diag.Diagnostics
	progress := func(msg string) { tflog.Info(ctx, "FTD HA join: "+msg) }
	status, err := client.HAStatus(ctx)
	if err != nil {
		diags.AddError("Reading the FTD HA status failed", err.Error())
		return nil, nil, diags
	}
	job, err := existingJoin(ctx, client, status)
	if err != nil {
		diags.AddError("Reading the FTD join jobs failed", err.Error())
		return nil, nil, diags
	}
	if job != nil {
		tflog.Info(ctx, "FTD unit already joined or joining; adopting its join job instead of joining again", map[string]any{"job": job.ID, "state": job.State})
	} else {
		if job, err = client.Join(ctx, name); err != nil {
			diags.AddError("FTD refused the HA join", err.Error()+joinHint(status))
			return nil, nil, diags
		}
	}
	if diags.Append(saved(job, status)...); diags.HasError() {
		return job, status, diags
	}
	waited, err := client.WaitJob(ctx, ftd.JobJoin, job.ID, progress)
	if waited != nil {
		job = waited
	}
	if err == nil {
		var s *ftd.HAStatus
		s, err = client.WaitHA(ctx, "the unit to reach the active or standby state", joinDone(waitForSync), progress)
		if s != nil {
			status = s
		}
	}
	if err != nil {
		diags.AddError("FTD HA join did not complete", err.Error()+
			" The join job id is saved in the state (the resource is tainted): check the unit, then apply again to replace it or import the pair as it is.")
	}
	return job, status, diags
}

// existingJoin finds the job of a join that already happened (the unit is paired) or is
// running, so that an interrupted apply never joins twice. A paired unit with no join
// record is left to the device, which explains its refusal.
func existingJoin(ctx context.Context, client *ftd.Client, status *ftd.HAStatus) (*ftd.Job, error) {
	if status.NodeState != ftd.StateSingle && status.NodeState != "" {
		return client.LatestDeployed(ctx, ftd.JobJoin)
	}
	jobs, err := client.Jobs(ctx, ftd.JobJoin)
	if err != nil || len(jobs) == 0 || jobs[0].Ended() {
		return nil, err
	}
	return &jobs[0], nil // a join still running
}

// joinDone accepts an active or standby unit; with waitForSync, once the peer has joined,
// the configuration must also be in sync. The primary joins before its peer exists, so
// its join completes when it is active.
func joinDone(waitForSync bool) func(*ftd.HAStatus) bool {
	return func(s *ftd.HAStatus) bool {
		if !s.Paired() {
			return false
		}
		peerJoined := s.PeerNodeState == ftd.StateActive || s.PeerNodeState == ftd.StateStandby || s.PeerNodeState == ftd.StateConfigSync
		return !waitForSync || !peerJoined || s.ConfigStatus == ftd.ConfigInSync
	}
}

func joinHint(status *ftd.HAStatus) string {
	if status.NodeState == ftd.StateStandby {
		return " (this unit is the standby of a pair: FDM accepts the join only on the active or a single unit)"
	}
	return ""
}

// refresh reads the HA status and the job; it reports the pair gone when a unit that
// joined is single again. A join that failed stays, tainted, until it is replaced.
func (r *ftdHAJoinResource) refresh(ctx context.Context, client *ftd.Client, state *ftdHAJoinModel, diags *diag.Diagnostics) bool {
	status, err := client.HAStatus(ctx)
	if err != nil {
		diags.AddError("Reading the FTD HA status failed", err.Error())
		return false
	}
	if status.NodeState == ftd.StateSingle && state.State.ValueString() == ftd.JobDeployed {
		tflog.Warn(ctx, "FTD unit is a single node again: the pair was broken outside Terraform", map[string]any{"job": state.ID.ValueString()})
		return true
	}
	state.setStatus(status)
	job, err := client.Job(ctx, ftd.JobJoin, state.ID.ValueString())
	switch {
	case transport.IsNotFound(err):
		// FDM purges old job records; the pair is what matters.
	case err != nil:
		diags.AddError("Reading the FTD join job failed", err.Error())
	default:
		state.setJob(job)
		if state.Name.IsNull() && job.Name != "" {
			state.Name = types.StringValue(job.Name)
		}
	}
	return false
}

// breakPair breaks the pair from this unit and waits until it is a single node.
func breakPair(ctx context.Context, client *ftd.Client, option string, diags *diag.Diagnostics) {
	progress := func(msg string) { tflog.Info(ctx, "FTD HA break: "+msg) }
	status, err := client.HAStatus(ctx)
	if err != nil {
		diags.AddError("Reading the FTD HA status failed", err.Error())
		return
	}
	if status.NodeState == ftd.StateSingle {
		return
	}
	job, err := client.Break(ctx, option)
	if err != nil {
		diags.AddError("FTD refused to break the HA pair", err.Error())
		return
	}
	if _, err := client.WaitJob(ctx, ftd.JobBreak, job.ID, progress); err != nil {
		diags.AddError("FTD HA break did not complete", err.Error())
		return
	}
	_, err = client.WaitHA(ctx, "the unit to become a single node", func(s *ftd.HAStatus) bool { return s.NodeState == ftd.StateSingle }, progress)
	if err != nil {
		var wt *ftd.WaitTimeoutError
		if errors.As(err, &wt) {
			diags.AddError("FTD HA break not confirmed", err.Error())
			return
		}
		diags.AddError("Reading the FTD HA status failed", err.Error())
	}
}

func (m *ftdHAJoinModel) setJob(j *ftd.Job) {
	m.ID = types.StringValue(j.ID)
	m.State = types.StringValue(j.State)
	m.QueuedTime = types.Int64Value(j.QueuedTime)
	m.StartTime = types.Int64Value(j.StartTime)
	m.EndTime = types.Int64Value(j.EndTime)
	msgs := make([]types.String, 0, len(j.StatusMessages))
	for _, s := range j.StatusMessages {
		msgs = append(msgs, types.StringValue(s))
	}
	m.StatusMessages, _ = types.ListValueFrom(context.Background(), types.StringType, msgs)
	m.CLIErrorMessage = types.StringValue(j.CLIErrorMessage)
}

func (m *ftdHAJoinModel) setStatus(s *ftd.HAStatus) {
	m.NodeRole = types.StringValue(s.Role())
	m.NodeState = types.StringValue(s.NodeState)
	m.PeerNodeState = types.StringValue(s.PeerNodeState)
	m.ConfigStatus = types.StringValue(s.ConfigStatus)
	m.HAHealthStatus = types.StringValue(s.HAHealthStatus)
}
