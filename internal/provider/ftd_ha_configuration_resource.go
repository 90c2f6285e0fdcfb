package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/ftd"
)

var (
	_ resource.Resource                   = (*ftdHAConfigurationResource)(nil)
	_ resource.ResourceWithConfigure      = (*ftdHAConfigurationResource)(nil)
	_ resource.ResourceWithImportState    = (*ftdHAConfigurationResource)(nil)
	_ resource.ResourceWithValidateConfig = (*ftdHAConfigurationResource)(nil)
	_ resource.ResourceWithIdentity       = (*ftdHAConfigurationResource)(nil)
)

// NewFTDHAConfigurationResource is the netops_ftd_ha_configuration resource.
func NewFTDHAConfigurationResource() resource.Resource { return &ftdHAConfigurationResource{} }

type ftdHAConfigurationResource struct {
	clients *Clients
}

type ftdHAConfigurationModel struct {
	ID                            types.String `tfsdk:"id"`
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
			"stateful_failover_name":           linkName("Name of the stateful failover link (required with `stateful_failover_interface`).", false),
			"primary_stateful_failover_ipv4":   ipv4("Stateful failover link IPv4 address of the primary unit."),
			"secondary_stateful_failover_ipv4": ipv4("Stateful failover link IPv4 address of the secondary unit."),
			"stateful_netmask":                 mask("Netmask of the stateful failover link."),
			"primary_stateful_failover_ipv6":   ipv6("Stateful failover link IPv6 address of the primary unit."),
			"secondary_stateful_failover_ipv6": ipv6("Stateful failover link IPv6 address of the secondary unit."),
			"shared_key": schema.StringAttribute{
				MarkdownDescription: "Key that encrypts failover traffic; the same on both units. FDM reads it back masked, so it is never compared with the device.",
				Optional:            true,
				Sensitive:           true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 63)},
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
	statefulDetails := !m.StatefulFailoverName.IsNull() || !m.PrimaryStatefulFailoverIPv4.IsNull() || !m.PrimaryStatefulFailoverIPv6.IsNull()
	if m.StatefulFailoverInterface.IsNull() && statefulDetails {
		resp.Diagnostics.AddAttributeError(path.Root("stateful_failover_interface"), "Missing stateful failover interface",
			"Stateful failover names and addresses need stateful_failover_interface; without it the failover link is used for both.")
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
	if resp.Diagnostics.HasError() {
		return
	}
	r.put(ctx, &plan, "", &resp.Diagnostics)
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
	client, diags := r.clients.ftdClient()
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg, err := readHAConfiguration(ctx, client, state.ID.ValueString())
	if ftd.IsNotFound(err) {
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
	if resp.Diagnostics.HasError() {
		return
	}
	r.put(ctx, &plan, state.ID.ValueString(), &resp.Diagnostics)
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

// ImportState accepts "default" (the unit's only HA configuration) or its object id, by id or identity.
func (r *ftdHAConfigurationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, ok := ftdImportID(ctx, r.clients, "id", req, resp)
	if !ok {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
}
