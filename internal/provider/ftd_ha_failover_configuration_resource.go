package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

var (
	_ resource.Resource                   = (*ftdHAFailoverConfigurationResource)(nil)
	_ resource.ResourceWithConfigure      = (*ftdHAFailoverConfigurationResource)(nil)
	_ resource.ResourceWithImportState    = (*ftdHAFailoverConfigurationResource)(nil)
	_ resource.ResourceWithValidateConfig = (*ftdHAFailoverConfigurationResource)(nil)
	_ resource.ResourceWithIdentity       = (*ftdHAFailoverConfigurationResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*ftdHAFailoverConfigurationResource)(nil)
)

// NewFTDHAFailoverConfigurationResource is the netops_ftd_ha_failover_configuration resource.
func NewFTDHAFailoverConfigurationResource() resource.Resource {
	return &ftdHAFailoverConfigurationResource{}
}

type ftdHAFailoverConfigurationResource struct {
	clients *Clients
}

type ftdHAFailoverConfigurationModel struct {
	ID                        types.String `tfsdk:"id"`
	Device                    types.String `tfsdk:"device"`
	Version                   types.String `tfsdk:"version"`
	PeerPollTime              types.String `tfsdk:"peer_poll_time"`
	PeerHoldTime              types.String `tfsdk:"peer_hold_time"`
	InterfacePollTime         types.String `tfsdk:"interface_poll_time"`
	InterfaceHoldTime         types.String `tfsdk:"interface_hold_time"`
	InterfaceFailureThreshold types.Int64  `tfsdk:"interface_failure_threshold"`
	InterfaceFailureUnit      types.String `tfsdk:"interface_failure_unit"`
}

func (r *ftdHAFailoverConfigurationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ftd_ha_failover_configuration"
}

func (r *ftdHAFailoverConfigurationResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	timer := func(desc string, rng *ftd.TimeRange) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Required: true, Validators: []validator.String{failoverTimeValidator{rng: rng}}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The failover criteria of one FTD unit (the FDM `HAFailoverConfiguration` singleton): how often the units poll " +
			"each other and their monitored interfaces, how long they wait before declaring a failure, and how many failed interfaces " +
			"fail the unit over. Times are written `500ms` or `15s`. FDM accepts changes on a unit that is not in HA and on the active " +
			"unit of a pair (the standby receives them by configuration sync); the standby refuses them.",
		Attributes: map[string]schema.Attribute{
			"device": schema.StringAttribute{MarkdownDescription: deviceDescription(vendorFTD), Optional: true},
			"id": schema.StringAttribute{
				MarkdownDescription: "Object id of the failover configuration.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"version": schema.StringAttribute{
				MarkdownDescription: "Object version FDM assigned at the last change.",
				Computed:            true,
			},
			"peer_poll_time": timer("How often the units exchange hello messages on the failover link: "+
				ftd.PeerPollTimeRange.String()+", e.g. `1s`.", &ftd.PeerPollTimeRange),
			"peer_hold_time": timer("How long a unit waits for the peer's hello before it declares the peer failed: "+
				ftd.PeerHoldTimeRange.String()+", and at least three times `peer_poll_time`, e.g. `15s`.", &ftd.PeerHoldTimeRange),
			"interface_poll_time": timer("How often the monitored interfaces are polled, e.g. `5s`. "+
				"Its range is not documented: FDM judges it, and a refusal comes back in its words.", nil),
			"interface_hold_time": timer("How long a monitored interface may stay silent before it counts as failed, e.g. `25s`. "+
				"Its range is not documented: FDM judges it.", nil),
			"interface_failure_threshold": schema.Int64Attribute{
				MarkdownDescription: "How many monitored interfaces (or what percentage of them, see `interface_failure_unit`) must fail before the unit fails over; at least 1.",
				Required:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"interface_failure_unit": schema.StringAttribute{
				MarkdownDescription: "`NUMBER` or `PERCENTAGE`: how `interface_failure_threshold` counts.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(ftd.FailureUnitNumber, ftd.FailureUnitPercentage)},
			},
		},
	}
}

func (r *ftdHAFailoverConfigurationResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m ftdHAFailoverConfigurationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	poll, pollErr := parseFailoverTime(m.PeerPollTime)
	hold, holdErr := parseFailoverTime(m.PeerHoldTime)
	if pollErr == nil && holdErr == nil && poll > 0 && hold > 0 && hold < ftd.PeerHoldPollFactor*poll {
		resp.Diagnostics.AddAttributeError(path.Root("peer_hold_time"), "Peer hold time too short",
			fmt.Sprintf("peer_hold_time (%s) must be at least %d times peer_poll_time (%s), at least %s: FDM refuses a shorter hold time.",
				m.PeerHoldTime.ValueString(), ftd.PeerHoldPollFactor, m.PeerPollTime.ValueString(), formatFailoverTime(ftd.PeerHoldPollFactor*poll)))
	}
	if m.InterfaceFailureUnit.ValueString() == ftd.FailureUnitPercentage && !m.InterfaceFailureThreshold.IsUnknown() && m.InterfaceFailureThreshold.ValueInt64() > 100 {
		resp.Diagnostics.AddAttributeError(path.Root("interface_failure_threshold"), "Percentage above 100",
			fmt.Sprintf("With interface_failure_unit = \"PERCENTAGE\" the threshold is a percentage of the monitored interfaces: at most 100, not %d.",
				m.InterfaceFailureThreshold.ValueInt64()))
	}
}

func (r *ftdHAFailoverConfigurationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

// Create takes over the unit's singleton: it writes the planned criteria onto it.
func (r *ftdHAFailoverConfigurationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan ftdHAFailoverConfigurationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.put(ctx, &plan, "", &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *ftdHAFailoverConfigurationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics, &req.State)
	var state ftdHAFailoverConfigurationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.clients.keepUnmanaged(ctx, vendorFTD, state.Device, &resp.Diagnostics) {
		return
	}
	client, diags := r.clients.ftdClientOn(state.Device.ValueString())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	cfg, err := readFailoverConfiguration(ctx, client, id)
	// Gone only when the object's own GET by id says so, never a 404 of the list.
	if transport.IsNotFound(err) && id != "" && id != "default" {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Reading the FTD failover configuration failed", err.Error())
		return
	}
	if err := state.fromDevice(cfg); err != nil {
		resp.Diagnostics.AddError("Unexpected FTD failover configuration", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *ftdHAFailoverConfigurationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state ftdHAFailoverConfigurationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if onlyDeviceRenamed(req) {
		state.Device = plan.Device // the same unit under another name: nothing to send
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	r.put(ctx, &plan, state.ID.ValueString(), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// ModifyPlan checks the device before any request.
func (r *ftdHAFailoverConfigurationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.clients.modifyDevicePlan(ctx, vendorFTD, req, resp)
}

// Delete leaves the criteria on the device: FDM offers only GET and PUT on this
// singleton, and no documented defaults to restore.
func (r *ftdHAFailoverConfigurationResource) Delete(_ context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	resp.Diagnostics.AddWarning("FTD failover criteria left on the device",
		"FDM cannot delete the HA failover configuration (the API offers only GET and PUT on it) and documents no defaults to restore; "+
			"it was removed from the Terraform state only and the unit keeps its current poll and hold times and interface threshold. "+
			"To put other values on the unit, apply them before removing the resource, or change them in the device manager.")
}

// ImportState accepts "default" (the unit's only failover configuration) or its object id
// ("device/id" on a named device), by id or identity.
func (r *ftdHAFailoverConfigurationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	device, id, ok := ftdDeviceImportID(ctx, r.clients, "id", req, resp)
	if !ok {
		return
	}
	setImportedDevice(ctx, vendorFTD, device, resp)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
}

// readFailoverConfiguration reads by object id; "" or "default" reads the unit's only one.
func readFailoverConfiguration(ctx context.Context, c *ftd.Client, id string) (*ftd.FailoverConfiguration, error) {
	if !readsByID(id) {
		return c.FailoverConfiguration(ctx)
	}
	return c.FailoverConfigurationByID(ctx, id)
}

// put writes the planned criteria with the device's current version and records the id
// and new version in plan.
func (r *ftdHAFailoverConfigurationResource) put(ctx context.Context, plan *ftdHAFailoverConfigurationModel, id string, diags *diag.Diagnostics) {
	client, d := r.clients.ftdClientOn(plan.Device.ValueString())
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	current, err := readFailoverConfiguration(ctx, client, id)
	if err != nil {
		diags.AddError("Reading the FTD failover configuration failed", err.Error())
		return
	}
	cfg, err := plan.toDevice(current)
	if err != nil {
		diags.AddError("Invalid failover time", err.Error())
		return
	}
	out, err := client.PutFailoverConfiguration(ctx, cfg)
	if err != nil {
		diags.AddError(failoverConfigPutDiagnostic(err))
		return
	}
	plan.ID = types.StringValue(out.ID)
	plan.Version = types.StringValue(out.Version)
}

// failoverConfigPutDiagnostic is the summary and detail of a failed PUT, from the FTD
// client's classification of FDM's refusal.
func failoverConfigPutDiagnostic(err error) (summary, detail string) {
	var refusal *ftd.RefusalError
	if !errors.As(err, &refusal) {
		return "Writing the FTD failover configuration failed", err.Error()
	}
	detail = err.Error()
	if refusal.Reason == ftd.RefusedOnStandby {
		detail += "\n\nThis unit is the standby of its HA pair (" + refusal.NodeState + "). FDM changes the failover criteria only on a unit " +
			"that is not in HA or on the active unit of a pair; the standby receives them by configuration sync. Apply through the provider of the active unit."
	}
	return "FTD refused the failover configuration", detail
}

// toDevice builds the object to PUT from the current one (id, version, name kept).
func (m *ftdHAFailoverConfigurationModel) toDevice(current *ftd.FailoverConfiguration) (*ftd.FailoverConfiguration, error) {
	cfg := &ftd.FailoverConfiguration{ID: current.ID, Version: current.Version, Name: current.Name,
		InterfaceFailureThreshold: m.InterfaceFailureThreshold.ValueInt64(), InterfaceFailureUnit: m.InterfaceFailureUnit.ValueString()}
	for _, f := range []struct {
		v   types.String
		dst **ftd.Time
	}{
		{m.PeerPollTime, &cfg.PeerPollTime}, {m.PeerHoldTime, &cfg.PeerHoldTime},
		{m.InterfacePollTime, &cfg.InterfacePollTime}, {m.InterfaceHoldTime, &cfg.InterfaceHoldTime},
	} {
		d, err := parseFailoverTime(f.v)
		if err != nil {
			return nil, err
		}
		*f.dst = ftd.TimeOf(d)
	}
	return cfg, nil
}

// fromDevice copies the device's criteria into the model, keeping the configured spelling
// of a time ("1000ms" for 1 s) when it means the same length.
func (m *ftdHAFailoverConfigurationModel) fromDevice(cfg *ftd.FailoverConfiguration) error {
	for _, f := range []struct {
		name string
		t    *ftd.Time
		dst  *types.String
	}{
		{"peerPollTime", cfg.PeerPollTime, &m.PeerPollTime}, {"peerHoldTime", cfg.PeerHoldTime, &m.PeerHoldTime},
		{"interfacePollTime", cfg.InterfacePollTime, &m.InterfacePollTime}, {"interfaceHoldTime", cfg.InterfaceHoldTime, &m.InterfaceHoldTime},
	} {
		d, err := f.t.Duration()
		if err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
		if held, err := parseFailoverTime(*f.dst); err != nil || held != d {
			*f.dst = types.StringValue(formatFailoverTime(d))
		}
	}
	m.ID = types.StringValue(cfg.ID)
	m.Version = types.StringValue(cfg.Version)
	m.InterfaceFailureThreshold = types.Int64Value(cfg.InterfaceFailureThreshold)
	m.InterfaceFailureUnit = types.StringValue(cfg.InterfaceFailureUnit)
	return nil
}

// formatFailoverTime writes d in whole seconds when it is one, else in milliseconds
// (below a millisecond, as a Go duration).
func formatFailoverTime(d time.Duration) string {
	switch {
	case d >= time.Second && d%time.Second == 0:
		return fmt.Sprintf("%ds", d/time.Second)
	case d%time.Millisecond == 0:
		return fmt.Sprintf("%dms", d/time.Millisecond)
	}
	return d.String()
}
