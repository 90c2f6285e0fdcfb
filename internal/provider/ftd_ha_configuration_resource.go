package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
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
	ID                            types.String `tfsdk:"id"`
	Device                        types.String `tfsdk:"device"`
	Version                       types.String `tfsdk:"version"`
	NodeRole                      types.String `tfsdk:"node_role"`
	FailoverInterface             types.String `tfsdk:"failover_interface"`
	FailoverName                  types.String `tfsdk:"failover_name"`
	PrimaryFailoverIPv4           types.String `tfsdk:"primary_failover_ipv4"`
	SecondaryFailoverIPv4         types.String `tfsdk:"secondary_failover_ipv4"`
	Netmask                       types.String `tfsdk:"netmask"`
	PrimaryFailoverIPv6           types.String `tfsdk:"primary_failover_ipv6"`
	SecondaryFailoverIPv6         types.String `tfsdk:"secondary_failover_ipv6"`
	StatefulFailoverInterface     types.String `tfsdk:"stateful_failover_interface"`
	StatefulFailoverName          types.String `tfsdk:"stateful_failover_name"`
	PrimaryStatefulFailoverIPv4   types.String `tfsdk:"primary_stateful_failover_ipv4"`
	SecondaryStatefulFailoverIPv4 types.String `tfsdk:"secondary_stateful_failover_ipv4"`
	StatefulNetmask               types.String `tfsdk:"stateful_netmask"`
	PrimaryStatefulFailoverIPv6   types.String `tfsdk:"primary_stateful_failover_ipv6"`
	SecondaryStatefulFailoverIPv6 types.String `tfsdk:"secondary_stateful_failover_ipv6"`
	SharedKey                     types.String `tfsdk:"shared_key"`
	SharedKeyWO                   types.String `tfsdk:"shared_key_wo"`
	SharedKeyWOVersion            types.Int64  `tfsdk:"shared_key_wo_version"`
}

// ftdObjectName is FDM's id/name constraint: no semicolon.
var ftdObjectName = regexp.MustCompile(`^[^;]+$`)

func (r *ftdHAConfigurationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ftd_ha_configuration"
}

func (r *ftdHAConfigurationResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	ipv4 := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Validators: []validator.String{ipValidator{v4: true}}}
	}
	ipv6 := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Validators: []validator.String{ipValidator{}}}
	}
	linkName := func(desc string, required bool) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc, Required: required, Optional: !required,
			Validators: []validator.String{
				stringvalidator.LengthBetween(1, 48),
				stringvalidator.RegexMatches(ftdObjectName, "must not contain a semicolon"),
			},
		}
	}
	mask := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Validators: []validator.String{netmaskValidator{}}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The HA configuration of one FTD unit (the FDM `HAConfiguration` singleton): its role, failover link and " +
			"stateful failover link. Configure both units, then join them with `netops_ftd_ha_join`. FDM refuses changes while the unit is in an HA pair.",
		Attributes: map[string]schema.Attribute{
			"device": schema.StringAttribute{
				MarkdownDescription: deviceDescription(vendorFTD),
				Optional:            true,
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "Object id of the HA configuration.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"version": schema.StringAttribute{
				MarkdownDescription: "Object version FDM assigned at the last change.",
				Computed:            true,
			},
			"node_role": schema.StringAttribute{
				MarkdownDescription: "`HA_PRIMARY` or `HA_SECONDARY`.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(ftd.RolePrimary, ftd.RoleSecondary)},
			},
			"failover_interface": schema.StringAttribute{
				MarkdownDescription: "Hardware name of the failover link interface, e.g. `GigabitEthernet0/7`. It must be an unused, unnamed physical interface.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"failover_name":           linkName("Name of the failover link.", true),
			"primary_failover_ipv4":   ipv4("Failover link IPv4 address of the primary unit."),
			"secondary_failover_ipv4": ipv4("Failover link IPv4 address of the secondary unit."),
			"netmask":                 mask("Netmask of the failover link, as a prefix length (`24`) or dotted (`255.255.255.0`)."),
			"primary_failover_ipv6":   ipv6("Failover link IPv6 address of the primary unit."),
			"secondary_failover_ipv6": ipv6("Failover link IPv6 address of the secondary unit."),
			"stateful_failover_interface": schema.StringAttribute{
				MarkdownDescription: "Hardware name of the stateful failover link. When omitted, the failover link carries stateful failover too, with its name and addresses.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"stateful_failover_name": linkName("Name of the stateful failover link. Required with `stateful_failover_interface`; without it, the stateful link "+
				"shares the failover interface and addresses and takes this name, as Cisco's HA sample does (`failover-link` / `stateful-failover-link`), or `failover_name` when omitted.", false),
			"primary_stateful_failover_ipv4":   ipv4("Stateful failover link IPv4 address of the primary unit."),
			"secondary_stateful_failover_ipv4": ipv4("Stateful failover link IPv4 address of the secondary unit."),
			"stateful_netmask":                 mask("Netmask of the stateful failover link."),
			"primary_stateful_failover_ipv6":   ipv6("Stateful failover link IPv6 address of the primary unit."),
			"secondary_stateful_failover_ipv6": ipv6("Stateful failover link IPv6 address of the secondary unit."),
			"shared_key": schema.StringAttribute{
				MarkdownDescription: "Key that encrypts failover traffic; the same on both units. FDM reads it back masked, so it is never compared with the device. " +
					"**Stored in the Terraform state in clear text** (sensitive only hides it in the CLI): with Terraform 1.11 or later use `shared_key_wo` instead.",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.LengthBetween(1, 63), stringvalidator.ConflictsWith(path.MatchRoot("shared_key_wo"))},
			},
			"shared_key_wo": schema.StringAttribute{
				MarkdownDescription: "The failover key as a write-only value (Terraform 1.11 or later): sent to the unit, never stored in the plan or the state. " +
					"Terraform cannot see a change of a write-only value: change `shared_key_wo_version` to send a new key.",
				Optional:   true,
				Sensitive:  true,
				WriteOnly:  true,
				Validators: []validator.String{stringvalidator.LengthBetween(1, 63)},
			},
			"shared_key_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Any number; changing it sends `shared_key_wo` to the unit again (an update in place).",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("shared_key_wo"))},
			},
		},
	}
}

func (r *ftdHAConfigurationResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m ftdHAConfigurationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !req.ClientCapabilities.WriteOnlyAttributesAllowed && !m.SharedKeyWO.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("shared_key_wo"), "shared_key_wo needs Terraform 1.11 or newer",
			"Write-only attributes came with Terraform 1.11 and OpenTofu 1.11; this CLI cannot send one. "+
				"Upgrade the CLI, or set shared_key instead (it works with every Terraform but is stored in the state in clear text).")
	}
	requireTogether := func(names []string, values ...types.String) {
		set, unknown := 0, false
		for _, v := range values {
			if v.IsUnknown() {
				unknown = true
			} else if !v.IsNull() {
				set++
			}
		}
		if !unknown && set != 0 && set != len(values) {
			resp.Diagnostics.AddAttributeError(path.Root(names[0]), "Incomplete failover addresses",
				fmt.Sprintf("%v must be set together.", names))
		}
	}
	requireTogether([]string{"primary_failover_ipv4", "secondary_failover_ipv4", "netmask"}, m.PrimaryFailoverIPv4, m.SecondaryFailoverIPv4, m.Netmask)
	requireTogether([]string{"primary_failover_ipv6", "secondary_failover_ipv6"}, m.PrimaryFailoverIPv6, m.SecondaryFailoverIPv6)
	requireTogether([]string{"primary_stateful_failover_ipv4", "secondary_stateful_failover_ipv4", "stateful_netmask"}, m.PrimaryStatefulFailoverIPv4, m.SecondaryStatefulFailoverIPv4, m.StatefulNetmask)
	requireTogether([]string{"primary_stateful_failover_ipv6", "secondary_stateful_failover_ipv6"}, m.PrimaryStatefulFailoverIPv6, m.SecondaryStatefulFailoverIPv6)
	sameLink("primary_failover_ipv4", m.PrimaryFailoverIPv4, m.SecondaryFailoverIPv4, m.Netmask, &resp.Diagnostics)
	sameLink("primary_stateful_failover_ipv4", m.PrimaryStatefulFailoverIPv4, m.SecondaryStatefulFailoverIPv4, m.StatefulNetmask, &resp.Diagnostics)
	if m.PrimaryFailoverIPv4.IsNull() && m.PrimaryFailoverIPv6.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("primary_failover_ipv4"), "Missing failover addresses",
			"Set the IPv4 (primary_failover_ipv4, secondary_failover_ipv4, netmask) or the IPv6 addresses of the failover link.")
	}
	statefulAddresses := !m.PrimaryStatefulFailoverIPv4.IsNull() || !m.PrimaryStatefulFailoverIPv6.IsNull()
	if m.StatefulFailoverInterface.IsNull() && statefulAddresses {
		resp.Diagnostics.AddAttributeError(path.Root("stateful_failover_interface"), "Missing stateful failover interface",
			"Stateful failover addresses need stateful_failover_interface; without it the stateful link uses the failover link's interface and addresses.")
	}
	if !m.StatefulFailoverInterface.IsNull() && !m.StatefulFailoverInterface.IsUnknown() {
		if m.StatefulFailoverName.IsNull() || (m.PrimaryStatefulFailoverIPv4.IsNull() && m.PrimaryStatefulFailoverIPv6.IsNull()) {
			resp.Diagnostics.AddAttributeError(path.Root("stateful_failover_interface"), "Incomplete stateful failover link",
				"A separate stateful failover link needs stateful_failover_name and its IPv4 or IPv6 addresses.")
		}
	}
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
	setImportedDevice(ctx, device, resp)
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
