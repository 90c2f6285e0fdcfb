package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

var (
	_ resource.Resource                   = (*ftdHAConfigurationResource)(nil)
	_ resource.ResourceWithConfigure      = (*ftdHAConfigurationResource)(nil)
	_ resource.ResourceWithImportState    = (*ftdHAConfigurationResource)(nil)
	_ resource.ResourceWithValidateConfig = (*ftdHAConfigurationResource)(nil)
	_ resource.ResourceWithIdentity       = (*ftdHAConfigurationResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*ftdHAConfigurationResource)(nil)
)

// NewFTDHAConfigurationResource is the netops_ftd_ha_configuration resource.
func NewFTDHAConfigurationResource() resource.Resource { return &ftdHAConfigurationResource{} }

type ftdHAConfigurationResource struct {
	clients *Clients
}

type ftdHAConfigurationModel struct {
	ID       types.String `tfsdk:"id"`
	Device   types.String `tfsdk:"device"`
	Version  types.String `tfsdk:"version"`
	NodeRole types.String `tfsdk:"node_role"`
	ftdLinkModel
}

// ftdObjectName is FDM's id/name constraint: no semicolon.
var ftdObjectName = regexp.MustCompile(`^[^;]+$`)

func (r *ftdHAConfigurationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ftd_ha_configuration"
}

func (r *ftdHAConfigurationResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := ftdLinkAttributes()
	attrs["device"] = schema.StringAttribute{MarkdownDescription: deviceDescription(vendorFTD), Optional: true}
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "Object id of the HA configuration.",
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	attrs["version"] = schema.StringAttribute{
		MarkdownDescription: "Object version FDM assigned at the last change.",
		Computed:            true,
	}
	attrs["node_role"] = schema.StringAttribute{
		MarkdownDescription: "`HA_PRIMARY` or `HA_SECONDARY`.",
		Required:            true,
		Validators:          []validator.String{stringvalidator.OneOf(ftd.RolePrimary, ftd.RoleSecondary)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The HA configuration of one FTD unit (the FDM `HAConfiguration` singleton): its role, failover link and " +
			"stateful failover link. Configure both units, then join them with `netops_ftd_ha_join`, or manage the whole pair with `netops_ftd_ha_pair`. " +
			"FDM refuses changes while the unit is in an HA pair.",
		Attributes: attrs,
	}
}

func (r *ftdHAConfigurationResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m ftdHAConfigurationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m.validate(req.ClientCapabilities.WriteOnlyAttributesAllowed, &resp.Diagnostics)
}

func (r *ftdHAConfigurationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *ftdHAConfigurationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan ftdHAConfigurationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	key := sharedKeyOf(ctx, &plan, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.put(ctx, &plan, "", key, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *ftdHAConfigurationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics, &req.State)
	var state ftdHAConfigurationModel
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
	cfg, err := readHAConfiguration(ctx, client, state.ID.ValueString())
	// Gone only on a not-found answered to the object's own GET by id: a 404 from the
	// list (a path the unit does not serve), a login or a version lookup is an error.
	if transport.IsNotFound(err) && readsByID(state.ID.ValueString()) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Reading the FTD HA configuration failed", err.Error())
		return
	}
	ifaces, err := client.Interfaces(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Reading the FTD interfaces failed", err.Error())
		return
	}
	state.fromDevice(cfg, ifaces)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *ftdHAConfigurationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state ftdHAConfigurationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	key := sharedKeyOf(ctx, &plan, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if onlyDeviceRenamed(req) {
		state.Device = plan.Device // the same unit under another name: nothing to send
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	r.put(ctx, &plan, state.ID.ValueString(), key, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete leaves the device as it is: the HA configuration is a singleton FDM cannot delete.
func (r *ftdHAConfigurationResource) Delete(_ context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	resp.Diagnostics.AddWarning("FTD HA configuration left on the device",
		"FDM has no API to delete or reset the HA configuration; it was removed from the Terraform state only. "+
			"It has no effect while the unit is not joined to a pair.")
}

// ModifyPlan checks the device before any request.
func (r *ftdHAConfigurationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.clients.modifyDevicePlan(ctx, vendorFTD, req, resp)
}

// ImportState accepts "default" (the unit's only HA configuration) or its object id
// ("device/id" on a named device), by id or identity.
func (r *ftdHAConfigurationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	device, id, ok := ftdDeviceImportID(ctx, r.clients, "id", req, resp)
	if !ok {
		return
	}
	setImportedDevice(ctx, vendorFTD, device, resp)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
}

// readHAConfiguration reads by object id; "" or "default" reads the unit's only one.
func readHAConfiguration(ctx context.Context, c *ftd.Client, id string) (*ftd.HAConfiguration, error) {
	if !readsByID(id) {
		return c.HAConfiguration(ctx)
	}
	return c.HAConfigurationByID(ctx, id)
}

// readsByID reports whether readHAConfiguration reads the object by its own id rather
// than through the singleton's list.
func readsByID(id string) bool { return id != "" && id != "default" }

// sharedKeyOf is the failover key to send: shared_key, or the write-only shared_key_wo,
// which only the configuration holds.
func sharedKeyOf(ctx context.Context, plan *ftdHAConfigurationModel, config tfsdk.Config, diags *diag.Diagnostics) string {
	if !plan.SharedKey.IsNull() {
		return plan.SharedKey.ValueString()
	}
	var wo types.String
	diags.Append(config.GetAttribute(ctx, path.Root("shared_key_wo"), &wo)...)
	return wo.ValueString()
}

// put writes the planned configuration with the device's current version and records
// the id and new version in plan.
func (r *ftdHAConfigurationResource) put(ctx context.Context, plan *ftdHAConfigurationModel, id, key string, diags *diag.Diagnostics) {
	client, d := r.clients.ftdClientOn(plan.Device.ValueString())
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	client.AddSecrets(key)
	status, err := client.HAStatus(ctx)
	if err != nil {
		diags.AddError("Reading the FTD HA status failed", err.Error())
		return
	}
	if status.NodeState != "" && status.NodeState != ftd.StateSingle {
		diags.AddError("FTD unit is already in HA",
			fmt.Sprintf("The unit reports %s. FDM refuses HA configuration changes once a unit is in an HA pair: "+
				"break the pair first (destroy its netops_ftd_ha_join), then apply again.", status))
		return
	}
	current, err := readHAConfiguration(ctx, client, id)
	if err != nil {
		diags.AddError("Reading the FTD HA configuration failed", err.Error())
		return
	}
	ifaces, err := client.Interfaces(ctx)
	if err != nil {
		diags.AddError("Reading the FTD interfaces failed", err.Error())
		return
	}
	cfg, err := plan.toDevice(current, ifaces, key)
	if err != nil {
		diags.AddAttributeError(pathOfInterfaceError(err), "Unknown FTD interface", err.Error())
		return
	}
	out, err := client.PutHAConfiguration(ctx, cfg)
	if err != nil {
		diags.AddError("FTD refused the HA configuration", err.Error())
		return
	}
	plan.ID = types.StringValue(out.ID)
	plan.Version = types.StringValue(out.Version)
}

type interfaceError struct {
	attr string
	err  error
}

func (e *interfaceError) Error() string { return e.err.Error() }

// toDevice builds the HAConfiguration to PUT, starting from the current object.
func (m *ftdHAConfigurationModel) toDevice(current *ftd.HAConfiguration, ifaces []ftd.Interface, key string) (*ftd.HAConfiguration, error) {
	failover, err := ftd.FindInterface(ifaces, m.FailoverInterface.ValueString())
	if err != nil {
		return nil, &interfaceError{attr: "failover_interface", err: err}
	}
	cfg := &ftd.HAConfiguration{
		ID: current.ID, Version: current.Version, Name: current.Name, Type: "haconfiguration",
		NodeRole:              m.NodeRole.ValueString(),
		FailoverInterface:     failover.Reference(),
		FailoverName:          m.FailoverName.ValueString(),
		PrimaryFailoverIPv4:   ftd.NewIPv4(m.PrimaryFailoverIPv4.ValueString(), m.Netmask.ValueString()),
		SecondaryFailoverIPv4: ftd.NewIPv4(m.SecondaryFailoverIPv4.ValueString(), m.Netmask.ValueString()),
		PrimaryFailoverIPv6:   ftd.NewIPv6(m.PrimaryFailoverIPv6.ValueString()),
		SecondaryFailoverIPv6: ftd.NewIPv6(m.SecondaryFailoverIPv6.ValueString()),
		SharedKey:             key,
	}
	if cfg.Name == "" {
		cfg.Name = "HA"
	}
	if m.StatefulFailoverInterface.IsNull() {
		// The failover link's interface carries stateful failover too, under the failover
		// link's name unless stateful_failover_name gives it one of its own.
		cfg.StatefulFailoverInterface = cfg.FailoverInterface
		cfg.StatefulFailoverName = cfg.FailoverName
		if !m.StatefulFailoverName.IsNull() {
			cfg.StatefulFailoverName = m.StatefulFailoverName.ValueString()
		}
		cfg.PrimaryStatefulFailoverIPv4, cfg.SecondaryStatefulFailoverIPv4 = cfg.PrimaryFailoverIPv4, cfg.SecondaryFailoverIPv4
		cfg.PrimaryStatefulFailoverIPv6, cfg.SecondaryStatefulFailoverIPv6 = cfg.PrimaryFailoverIPv6, cfg.SecondaryFailoverIPv6
		return cfg, nil
	}
	stateful, err := ftd.FindInterface(ifaces, m.StatefulFailoverInterface.ValueString())
	if err != nil {
		return nil, &interfaceError{attr: "stateful_failover_interface", err: err}
	}
	cfg.StatefulFailoverInterface = stateful.Reference()
	cfg.StatefulFailoverName = m.StatefulFailoverName.ValueString()
	cfg.PrimaryStatefulFailoverIPv4 = ftd.NewIPv4(m.PrimaryStatefulFailoverIPv4.ValueString(), m.StatefulNetmask.ValueString())
	cfg.SecondaryStatefulFailoverIPv4 = ftd.NewIPv4(m.SecondaryStatefulFailoverIPv4.ValueString(), m.StatefulNetmask.ValueString())
	cfg.PrimaryStatefulFailoverIPv6 = ftd.NewIPv6(m.PrimaryStatefulFailoverIPv6.ValueString())
	cfg.SecondaryStatefulFailoverIPv6 = ftd.NewIPv6(m.SecondaryStatefulFailoverIPv6.ValueString())
	return cfg, nil
}

// fromDevice copies what the device holds into the model. The shared key reads back
// masked and is kept as configured; a stateful link equal to the failover link stays
// unset, as configured.
func (m *ftdHAConfigurationModel) fromDevice(cfg *ftd.HAConfiguration, ifaces []ftd.Interface) {
	hw := func(ref *ftd.Reference) types.String {
		if ref == nil {
			return types.StringNull()
		}
		for _, i := range ifaces {
			if i.ID == ref.ID {
				return types.StringValue(i.HardwareName)
			}
		}
		return types.StringValue(ref.Name)
	}
	m.ID = types.StringValue(cfg.ID)
	m.Version = types.StringValue(cfg.Version)
	m.NodeRole = types.StringValue(cfg.NodeRole)
	m.FailoverInterface = keepCase(m.FailoverInterface, hw(cfg.FailoverInterface))
	m.FailoverName = types.StringValue(cfg.FailoverName)
	m.PrimaryFailoverIPv4, m.SecondaryFailoverIPv4, m.Netmask = ipv4Values(cfg.PrimaryFailoverIPv4, cfg.SecondaryFailoverIPv4, m.Netmask)
	m.PrimaryFailoverIPv6, m.SecondaryFailoverIPv6 = ipv6Value(cfg.PrimaryFailoverIPv6), ipv6Value(cfg.SecondaryFailoverIPv6)

	sameLink := cfg.StatefulFailoverInterface == nil || (cfg.FailoverInterface != nil && cfg.StatefulFailoverInterface.ID == cfg.FailoverInterface.ID)
	if sameLink && m.StatefulFailoverInterface.IsNull() {
		// An unset name means the failover link's; a name of its own is read back.
		if !m.StatefulFailoverName.IsNull() || cfg.StatefulFailoverName != cfg.FailoverName {
			m.StatefulFailoverName = nullIfEmpty(cfg.StatefulFailoverName)
		}
		return
	}
	m.StatefulFailoverInterface = keepCase(m.StatefulFailoverInterface, hw(cfg.StatefulFailoverInterface))
	m.StatefulFailoverName = types.StringValue(cfg.StatefulFailoverName)
	m.PrimaryStatefulFailoverIPv4, m.SecondaryStatefulFailoverIPv4, m.StatefulNetmask = ipv4Values(cfg.PrimaryStatefulFailoverIPv4, cfg.SecondaryStatefulFailoverIPv4, m.StatefulNetmask)
	m.PrimaryStatefulFailoverIPv6, m.SecondaryStatefulFailoverIPv6 = ipv6Value(cfg.PrimaryStatefulFailoverIPv6), ipv6Value(cfg.SecondaryStatefulFailoverIPv6)
}

// keepCase keeps the configured spelling of an interface name the device matches case-insensitively.
func keepCase(configured, device types.String) types.String {
	if !configured.IsNull() && strings.EqualFold(configured.ValueString(), device.ValueString()) {
		return configured
	}
	return device
}

// ipv4Values returns both addresses and the netmask, keeping the configured netmask
// form (24 or 255.255.255.0) when it means the same.
func ipv4Values(primary, secondary *ftd.IPv4Address, configuredMask types.String) (types.String, types.String, types.String) {
	if primary == nil && secondary == nil {
		return types.StringNull(), types.StringNull(), types.StringNull()
	}
	var p, s, mask string
	if primary != nil {
		p, mask = primary.IPAddress, primary.Netmask
	}
	if secondary != nil {
		s = secondary.IPAddress
		if mask == "" {
			mask = secondary.Netmask
		}
	}
	maskValue := types.StringValue(mask)
	if !configuredMask.IsNull() && samePrefix(configuredMask.ValueString(), mask) {
		maskValue = configuredMask
	}
	return nullIfEmpty(p), nullIfEmpty(s), maskValue
}

func ipv6Value(a *ftd.IPv6Address) types.String {
	if a == nil {
		return types.StringNull()
	}
	return nullIfEmpty(a.IPAddress)
}

func pathOfInterfaceError(err error) path.Path {
	var ie *interfaceError
	if errors.As(err, &ie) {
		return path.Root(ie.attr)
	}
	return path.Root("failover_interface")
}
