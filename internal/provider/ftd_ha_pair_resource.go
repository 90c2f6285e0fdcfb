package provider

import (
	"context"
	"fmt"
	"strings"
	"sync"
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
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/netops/terraform-provider-netops/internal/ftd"
)

var (
	_ resource.Resource                   = (*ftdHAPairResource)(nil)
	_ resource.ResourceWithConfigure      = (*ftdHAPairResource)(nil)
	_ resource.ResourceWithImportState    = (*ftdHAPairResource)(nil)
	_ resource.ResourceWithValidateConfig = (*ftdHAPairResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*ftdHAPairResource)(nil)
)

// NewFTDHAPairResource is netops_ftd_ha_pair: both units of an FTD HA pair, named by
// their devices, in one resource.
func NewFTDHAPairResource() resource.Resource { return &ftdHAPairResource{} }

type ftdHAPairResource struct {
	clients *Clients
}

type ftdHAPairModel struct {
	ID                       types.String   `tfsdk:"id"`
	PrimaryDevice            types.String   `tfsdk:"primary_device"`
	SecondaryDevice          types.String   `tfsdk:"secondary_device"`
	WaitForSync              types.Bool     `tfsdk:"wait_for_sync"`
	BreakOnDestroy           types.Bool     `tfsdk:"break_on_destroy"`
	BreakInterfaceOption     types.String   `tfsdk:"break_interface_option"`
	PrimaryConfigurationID   types.String   `tfsdk:"primary_configuration_id"`
	SecondaryConfigurationID types.String   `tfsdk:"secondary_configuration_id"`
	PrimaryJoinJobID         types.String   `tfsdk:"primary_join_job_id"`
	SecondaryJoinJobID       types.String   `tfsdk:"secondary_join_job_id"`
	ActiveDevice             types.String   `tfsdk:"active_device"`
	StandbyDevice            types.String   `tfsdk:"standby_device"`
	ConfigStatus             types.String   `tfsdk:"config_status"`
	HAHealthStatus           types.String   `tfsdk:"ha_health_status"`
	Timeouts                 timeouts.Value `tfsdk:"timeouts"`
	ftdLinkModel
}

func (r *ftdHAPairResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ftd_ha_pair"
}

func (r *ftdHAPairResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := ftdLinkAttributes()
	// FDM refuses HA configuration changes once the units are paired: a new link or key
	// forms the pair again. The key reads back masked, so an imported pair has none in its
	// state: the configuration's is adopted in place, never a reason to re-form the pair.
	keyKnown := func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !req.StateValue.IsNull()
	}
	versionKnown := func(_ context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !req.StateValue.IsNull()
	}
	for name, a := range attrs {
		switch a := a.(type) {
		case schema.StringAttribute:
			m := stringplanmodifier.RequiresReplace()
			if name == "shared_key" {
				m = stringplanmodifier.RequiresReplaceIf(keyKnown, "Changing the key forms the pair again.", "Changing the key forms the pair again.")
			}
			a.PlanModifiers = append(a.PlanModifiers, m)
			attrs[name] = a
		case schema.Int64Attribute:
			a.PlanModifiers = append(a.PlanModifiers, int64planmodifier.RequiresReplaceIf(versionKnown,
				"Changing it forms the pair again with shared_key_wo.", "Changing it forms the pair again with `shared_key_wo`."))
			attrs[name] = a
		}
	}
	device := func(role string) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: "Name of the " + role + " unit in the provider's `ftd.devices` (`\"\"` names the block's own `host`). " +
				"Changing it forms the pair again only when it names another appliance.",
			Required: true,
		}
	}
	// Operational state: read from the units, never planned.
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	kept := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	}
	attrs["id"] = kept("`<primary_device>/<secondary_device>` as created or imported.")
	attrs["primary_device"] = device("primary")
	attrs["secondary_device"] = device("secondary")
	attrs["wait_for_sync"] = schema.BoolAttribute{
		MarkdownDescription: "Wait until the configuration is synchronised (`IN_SYNC`) once the secondary has joined. Default `true`.",
		Optional:            true, Computed: true, Default: booldefault.StaticBool(true),
		PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
	}
	attrs["break_on_destroy"] = schema.BoolAttribute{
		MarkdownDescription: "Break the pair when the resource is destroyed. Default `true`; with `false`, destroy only forgets it.",
		Optional:            true, Computed: true, Default: booldefault.StaticBool(true),
	}
	attrs["break_interface_option"] = schema.StringAttribute{
		MarkdownDescription: "What the break does with the data interfaces: `DISABLE_INTERFACES` (default) or `ENABLE_WITH_STANDBY_IP`.",
		Optional:            true, Computed: true, Default: stringdefault.StaticString("DISABLE_INTERFACES"),
		Validators: []validator.String{stringvalidator.OneOf("DISABLE_INTERFACES", "ENABLE_WITH_STANDBY_IP")},
	}
	attrs["primary_configuration_id"] = kept("Object id of the primary unit's HA configuration.")
	attrs["secondary_configuration_id"] = kept("Object id of the secondary unit's HA configuration.")
	attrs["primary_join_job_id"] = kept("Id of the primary unit's join job.")
	attrs["secondary_join_job_id"] = kept("Id of the secondary unit's join job.")
	attrs["active_device"] = computed("The device whose unit is active, as last read: operational state, so a failover changes it without a plan.")
	attrs["standby_device"] = computed("The device whose unit is standby, as last read.")
	attrs["config_status"] = computed("Configuration synchronisation as the active unit reports it, e.g. `IN_SYNC`.")
	attrs["ha_health_status"] = computed("HA health as the active unit reports it, e.g. `HEALTHY`.")
	attrs["timeouts"] = timeouts.Attributes(ctx, timeouts.Opts{Create: true, Delete: true})
	resp.Schema = schema.Schema{
		MarkdownDescription: "An FTD HA pair in one resource: the HA configuration on both units, the join of the primary then of the secondary, " +
			"until one is active and the other standby, in sync. The units are devices of the provider's `ftd` block, so one provider " +
			"configuration and `for_each` over a map of pairs manage a fleet. A refresh reads both units: a change on either shows as drift. " +
			"Which unit is active is operational state: after a failover the pair plans no changes. Destroying it breaks the pair.",
		Attributes: attrs,
	}
}

func (r *ftdHAPairResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m ftdHAPairModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m.validate(req.ClientCapabilities.WriteOnlyAttributesAllowed, &resp.Diagnostics)
	if !m.PrimaryDevice.IsUnknown() && !m.SecondaryDevice.IsUnknown() && m.PrimaryDevice.ValueString() == m.SecondaryDevice.ValueString() {
		resp.Diagnostics.AddAttributeError(path.Root("secondary_device"), "Same device for both units",
			fmt.Sprintf("primary_device and secondary_device both name %q; a pair needs two units.", m.PrimaryDevice.ValueString()))
	}
}

func (r *ftdHAPairResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan checks both devices before any request: unknown names fail, a unit on an
// unmanaged device refuses any change, and a renamed device forms the pair again only
// when it names another appliance.
func (r *ftdHAPairResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	for _, attr := range []string{"primary_device", "secondary_device"} {
		r.clients.modifyAppliancePlan(ctx, vendorFTD, attr, req, resp)
	}
}

// retarget moves the device diagnostics of deviceEndpoint to attr.
func retarget(diags diag.Diagnostics, attr path.Path) diag.Diagnostics {
	var out diag.Diagnostics
	for _, d := range diags {
		out.AddAttributeError(attr, d.Summary(), d.Detail())
	}
	return out
}

// pairUnits are the clients of both units, primary first.
func (r *ftdHAPairResource) pairUnits(m *ftdHAPairModel) (primary, secondary *ftd.Client, diags diag.Diagnostics) {
	primary, d := r.clients.ftdClientOn(m.PrimaryDevice.ValueString())
	diags.Append(retarget(d, path.Root("primary_device"))...)
	secondary, d = r.clients.ftdClientOn(m.SecondaryDevice.ValueString())
	diags.Append(retarget(d, path.Root("secondary_device"))...)
	return primary, secondary, diags
}

// unitConfiguration is one unit's netops_ftd_ha_configuration within the pair.
func (m *ftdHAPairModel) unitConfiguration(device types.String, role string, id types.String) ftdHAConfigurationModel {
	return ftdHAConfigurationModel{ID: id, Device: device, NodeRole: types.StringValue(role), ftdLinkModel: m.ftdLinkModel}
}

const ftdPairTimeout = 45 * time.Minute

// Create configures both units, then joins the primary, then the secondary, saving each
// id in the state as soon as the unit hands it back.
func (r *ftdHAPairResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan ftdHAPairModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	timeout, d := plan.Timeouts.Create(ctx, ftdPairTimeout)
	resp.Diagnostics.Append(d...)
	cfg := plan.unitConfiguration(plan.PrimaryDevice, ftd.RolePrimary, types.StringNull())
	key := sharedKeyOf(ctx, &cfg, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	primary, secondary, d := r.pairUnits(&plan)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	plan.ID = types.StringValue(plan.PrimaryDevice.ValueString() + "/" + plan.SecondaryDevice.ValueString())
	plan.clearUnknown()
	save := func() bool {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return !resp.Diagnostics.HasError()
	}

	configurations := &ftdHAConfigurationResource{clients: r.clients}
	for _, unit := range []struct {
		device types.String
		role   string
		id     *types.String
	}{{plan.PrimaryDevice, ftd.RolePrimary, &plan.PrimaryConfigurationID}, {plan.SecondaryDevice, ftd.RoleSecondary, &plan.SecondaryConfigurationID}} {
		m := plan.unitConfiguration(unit.device, unit.role, types.StringNull())
		configurations.put(ctx, &m, "", key, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			if !plan.PrimaryConfigurationID.IsNull() {
				save() // the primary is configured: keep what exists, tainted
			}
			return
		}
		*unit.id = m.ID
	}
	if !save() {
		return
	}

	for _, unit := range []struct {
		client *ftd.Client
		job    *types.String
	}{{primary, &plan.PrimaryJoinJobID}, {secondary, &plan.SecondaryJoinJobID}} {
		saved := func(job *ftd.Job, _ *ftd.HAStatus) diag.Diagnostics {
			*unit.job = types.StringValue(job.ID)
			return resp.State.Set(ctx, &plan)
		}
		_, _, d := joinUnit(ctx, unit.client, "", plan.WaitForSync.ValueBool(), saved)
		if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
			save()
			return
		}
	}
	resp.Diagnostics.Append(r.readRoles(ctx, &plan, primary, secondary, nil, nil)...)
	save()
}

// clearUnknown makes the computed values not yet read null, so that a partial state can
// be saved.
func (m *ftdHAPairModel) clearUnknown() {
	for _, s := range []*types.String{&m.PrimaryConfigurationID, &m.SecondaryConfigurationID, &m.PrimaryJoinJobID, &m.SecondaryJoinJobID,
		&m.ActiveDevice, &m.StandbyDevice, &m.ConfigStatus, &m.HAHealthStatus} {
		if s.IsUnknown() {
			*s = types.StringNull()
		}
	}
}

// readRoles records which device is active and which standby, and the pair's health as
// the active unit reports it.
// A status given (not nil) is the unit's as just read.
func (r *ftdHAPairResource) readRoles(ctx context.Context, m *ftdHAPairModel, primary, secondary *ftd.Client, primaryStatus, secondaryStatus *ftd.HAStatus) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ActiveDevice, m.StandbyDevice = types.StringNull(), types.StringNull()
	for _, unit := range []struct {
		client *ftd.Client
		device types.String
		status *ftd.HAStatus
	}{{primary, m.PrimaryDevice, primaryStatus}, {secondary, m.SecondaryDevice, secondaryStatus}} {
		s := unit.status
		if s == nil {
			var err error
			if s, err = unit.client.HAStatus(ctx); err != nil {
				diags.AddError("Reading the FTD HA status failed", fmt.Sprintf("Device %q: %s", unit.device.ValueString(), err))
				return diags
			}
		}
		switch s.NodeState {
		case ftd.StateActive:
			m.ActiveDevice = unit.device
			m.ConfigStatus, m.HAHealthStatus = types.StringValue(s.ConfigStatus), types.StringValue(s.HAHealthStatus)
		case ftd.StateStandby:
			m.StandbyDevice = unit.device
		}
	}
	return diags
}

// Read reads both units: the pair is gone when the primary is a single node again; a
// link changed on either unit shows as drift; the roles are read as they are.
func (r *ftdHAPairResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics, &req.State)
	var state ftdHAPairModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.clients.keepUnmanaged(ctx, vendorFTD, state.PrimaryDevice, &resp.Diagnostics) ||
		r.clients.keepUnmanaged(ctx, vendorFTD, state.SecondaryDevice, &resp.Diagnostics) {
		return
	}
	primary, secondary, d := r.pairUnits(&state)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	status, err := primary.HAStatus(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Reading the FTD HA status failed", err.Error())
		return
	}
	if status.NodeState == ftd.StateSingle && !state.PrimaryJoinJobID.IsNull() {
		tflog.Warn(ctx, "FTD primary is a single node again: the pair was broken outside Terraform", map[string]any{"pair": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		return
	}
	// The units are read side by side: their configurations, interfaces and the
	// secondary's status.
	type unitRead struct {
		cfg    *ftd.HAConfiguration
		ifaces []ftd.Interface
		err    error
		what   string
	}
	reads := make([]unitRead, 2)
	var secondaryStatus *ftd.HAStatus
	var statusErr error
	var wg sync.WaitGroup
	for i, unit := range []struct {
		client *ftd.Client
		id     types.String
	}{{primary, state.PrimaryConfigurationID}, {secondary, state.SecondaryConfigurationID}} {
		wg.Go(func() {
			u := &reads[i]
			if u.cfg, u.err = readHAConfiguration(ctx, unit.client, unit.id.ValueString()); u.err != nil {
				u.what = "Reading the FTD HA configuration failed"
				return
			}
			if u.ifaces, u.err = unit.client.Interfaces(ctx); u.err != nil {
				u.what = "Reading the FTD interfaces failed"
			}
		})
	}
	wg.Go(func() { secondaryStatus, statusErr = secondary.HAStatus(ctx) })
	wg.Wait()
	link := state.ftdLinkModel
	for _, u := range reads {
		if u.err != nil {
			resp.Diagnostics.AddError(u.what, u.err.Error())
			continue
		}
		var read ftdHAConfigurationModel
		read.ftdLinkModel = state.ftdLinkModel
		read.fromDevice(u.cfg, u.ifaces)
		link = link.withDrift(state.ftdLinkModel, read.ftdLinkModel)
	}
	if statusErr != nil {
		resp.Diagnostics.AddError("Reading the FTD HA status failed", fmt.Sprintf("Device %q: %s", state.SecondaryDevice.ValueString(), statusErr))
	}
	if resp.Diagnostics.HasError() {
		return
	}
	state.ftdLinkModel = link
	resp.Diagnostics.Append(r.readRoles(ctx, &state, primary, secondary, status, secondaryStatus)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// withDrift is l with each link attribute that a unit's read shows differently from the
// prior state taken from that read, so that a change on either unit shows.
func (l ftdLinkModel) withDrift(prior, read ftdLinkModel) ftdLinkModel {
	out, was, now := l.links(), prior.links(), read.links()
	for i := range out {
		if !now[i].Equal(*was[i]) {
			*out[i] = *now[i]
		}
	}
	return l
}

// Update changes only what acts at destroy (break options, timeouts), renames a device of
// the same appliance, or adopts the key after an import: nothing is sent.
func (r *ftdHAPairResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state ftdHAPairModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state.PrimaryDevice, state.SecondaryDevice = plan.PrimaryDevice, plan.SecondaryDevice
	state.BreakOnDestroy, state.BreakInterfaceOption, state.Timeouts = plan.BreakOnDestroy, plan.BreakInterfaceOption, plan.Timeouts
	// After an import: the key the configuration names, which the units never show.
	state.SharedKey, state.SharedKeyWOVersion = plan.SharedKey, plan.SharedKeyWOVersion
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Delete breaks the pair from the primary unit, as netops_ftd_ha_join does.
func (r *ftdHAPairResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state ftdHAPairModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	timeout, d := state.Timeouts.Delete(ctx, ftdBreakTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() || !state.BreakOnDestroy.ValueBool() {
		return
	}
	primary, d := r.clients.ftdClientOn(state.PrimaryDevice.ValueString())
	if resp.Diagnostics.Append(retarget(d, path.Root("primary_device"))...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	breakPair(ctx, primary, state.BreakInterfaceOption.ValueString(), &resp.Diagnostics)
}

// ImportState takes "<primary_device>/<secondary_device>", or an identity naming both
// units' addresses: the units' HA configurations
// and latest join jobs are read from the units.
func (r *ftdHAPairResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID, ok := r.pairImportID(ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	primary, secondary, ok := strings.Cut(importID, "/")
	if !ok || strings.Contains(secondary, "/") {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("%q is not <primary_device>/<secondary_device> (device names of the provider's ftd.devices).", importID))
		return
	}
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	m := ftdHAPairModel{ID: types.StringValue(importID), PrimaryDevice: types.StringValue(primary), SecondaryDevice: types.StringValue(secondary)}
	p, s, d := r.pairUnits(&m)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	for _, unit := range []struct {
		client    *ftd.Client
		cfg, join *types.String
	}{{p, &m.PrimaryConfigurationID, &m.PrimaryJoinJobID}, {s, &m.SecondaryConfigurationID, &m.SecondaryJoinJobID}} {
		cfg, err := unit.client.HAConfiguration(ctx)
		if err != nil {
			resp.Diagnostics.AddError("Reading the FTD HA configuration failed", err.Error())
			return
		}
		*unit.cfg = types.StringValue(cfg.ID)
		job, err := unit.client.LatestDeployed(ctx, ftd.JobJoin)
		if err != nil {
			resp.Diagnostics.AddError("Reading the FTD join jobs failed", err.Error())
			return
		}
		*unit.join = types.StringNull()
		if job != nil {
			*unit.join = types.StringValue(job.ID)
		}
	}
	for attr, v := range map[string]any{
		"id": m.ID, "primary_device": m.PrimaryDevice, "secondary_device": m.SecondaryDevice,
		"primary_configuration_id": m.PrimaryConfigurationID, "secondary_configuration_id": m.SecondaryConfigurationID,
		"primary_join_job_id": m.PrimaryJoinJobID, "secondary_join_job_id": m.SecondaryJoinJobID,
		"wait_for_sync": true, "break_on_destroy": true, "break_interface_option": "DISABLE_INTERFACES",
	} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attr), v)...)
	}
}
