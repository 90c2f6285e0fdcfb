package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ list.ListResource              = (*ftdHAConfigurationListResource)(nil)
	_ list.ListResourceWithConfigure = (*ftdHAConfigurationListResource)(nil)
)

// NewFTDHAConfigurationListResource lists the HA configuration of the provider's FTD unit.
func NewFTDHAConfigurationListResource() list.ListResource { return &ftdHAConfigurationListResource{} }

type ftdHAConfigurationListResource struct {
	clients *Clients
}

func (r *ftdHAConfigurationListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ftd_ha_configuration"
}

func (r *ftdHAConfigurationListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the HA configuration of the FTD unit the provider's `ftd` block points at " +
			"(`GET /api/fdm/{version}/devices/default/ha/configurations`), once it has a role and a failover link. " +
			"`device` names a unit of `ftd.devices` instead. The shared key reads back masked, so it is left out.",
		Attributes: map[string]listschema.Attribute{
			"device": listschema.StringAttribute{MarkdownDescription: deviceDescription(vendorFTD), Optional: true},
		},
	}
}

func (r *ftdHAConfigurationListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *ftdHAConfigurationListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var device types.String
	diags := req.Config.GetAttribute(ctx, path.Root("device"), &device)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	found, diags := r.find(ctx, device.ValueString())
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	if found == nil {
		stream.Results = list.NoListResults
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		result := req.NewListResult(ctx)
		result.Diagnostics.Append(diags...)
		result.DisplayName = found.displayName()
		result.Diagnostics.Append(result.Identity.Set(ctx, ftdHAConfigurationIdentity{Host: types.StringValue(found.host), ID: found.model.ID})...)
		if req.IncludeResource {
			result.Diagnostics.Append(result.Resource.Set(ctx, found.model)...)
		}
		push(result)
	}
}

// foundHAConfiguration is a unit's HA configuration as a list result shows it.
type foundHAConfiguration struct {
	host  string
	name  string
	model ftdHAConfigurationModel
}

func (f *foundHAConfiguration) displayName() string {
	return fmt.Sprintf("%s %s on %s (failover link %s)", f.name, f.model.NodeRole.ValueString(), f.host, f.model.FailoverInterface.ValueString())
}

// find reads the unit's HA configuration; nil when the unit has none configured yet.
func (r *ftdHAConfigurationListResource) find(ctx context.Context, device string) (*foundHAConfiguration, diag.Diagnostics) {
	client, diags := r.clients.ftdClientOn(device)
	if diags.HasError() {
		return nil, diags
	}
	host, d := r.clients.ftdHostOn(device)
	diags.Append(d...)
	// Every unit holds the singleton, so any failure, a 404 included, is an error and
	// never an empty result.
	cfg, err := client.HAConfiguration(ctx)
	if err != nil {
		diags.AddError("Reading the FTD HA configuration failed", err.Error())
		return nil, diags
	}
	if cfg.NodeRole == "" || cfg.FailoverInterface == nil {
		return nil, diags
	}
	ifaces, err := client.Interfaces(ctx)
	if err != nil {
		diags.AddError("Reading the FTD interfaces failed", err.Error())
		return nil, diags
	}
	found := &foundHAConfiguration{host: host, name: cfg.Name}
	found.model.fromDevice(cfg, ifaces)
	if device != "" {
		found.model.Device = types.StringValue(device)
	}
	found.model.SharedKey = types.StringNull()
	return found, diags
}
