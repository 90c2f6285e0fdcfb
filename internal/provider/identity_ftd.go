package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// An FTD object is named by the unit that holds it (the provider's ftd.host) and its
// FDM object id: the HA configuration's id, or the join job's id.

const ftdIdentityHostDescription = "Address of the FTD unit, `host` or `host:port`, as the provider's `ftd.host` names it. " +
	"On import it must name the unit the provider is configured for; it defaults to that unit."

type ftdHAConfigurationIdentity struct {
	Host types.String `tfsdk:"host"`
	ID   types.String `tfsdk:"id"`
}

func (r *ftdHAConfigurationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"host": identityschema.StringAttribute{OptionalForImport: true, Description: ftdIdentityHostDescription},
			"id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "FDM object id of the unit's HA configuration (`default` names the unit's only one).",
			},
		},
	}
}

func (r *ftdHAJoinResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"host":   identityschema.StringAttribute{OptionalForImport: true, Description: ftdIdentityHostDescription},
			"job_id": identityschema.StringAttribute{RequiredForImport: true, Description: "Id of the FDM HA join job."},
		},
	}
}

// ftdHost is the default FTD unit (ftd.host) as an identity names it: host or host:port.
func (c *Clients) ftdHost() (string, diag.Diagnostics) { return c.ftdHostOn("") }

// ftdHostOn is the FTD unit device names, as an identity names it.
func (c *Clients) ftdHostOn(device string) (string, diag.Diagnostics) {
	s, diags := deviceSettingsOf(c, vendorFTD, func(c *Clients) *ftdSettings { return c.ftd }, device)
	if diags.HasError() {
		return "", diags
	}
	return strings.TrimPrefix(s.baseURL, "https://"), diags
}

// setFTDIdentity records the identity of the object whose id the state holds: the unit
// its device names, and the id. The identity stays as it is while the state has no id.
func setFTDIdentity(ctx context.Context, clients *Clients, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics, idAttr string, fallback ...*tfsdk.State) {
	live, id, ok := stateID(ctx, state, fallback...)
	if identity == nil || !ok {
		return
	}
	host, d := clients.ftdHostOn(applianceOf(ctx, vendorFTD, live).ValueString())
	if d.HasError() {
		return
	}
	diags.Append(identity.SetAttribute(ctx, path.Root("host"), host)...)
	diags.Append(identity.SetAttribute(ctx, path.Root(idAttr), id)...)
}

func (r *ftdHAConfigurationResource) setIdentity(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics, fallback ...*tfsdk.State) {
	setFTDIdentity(ctx, r.clients, state, identity, diags, "id", fallback...)
}

func (r *ftdHAJoinResource) setIdentity(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics, fallback ...*tfsdk.State) {
	setFTDIdentity(ctx, r.clients, state, identity, diags, "job_id", fallback...)
}

// liveState is the first state holding a resource: a read that removes the resource still
// answers with an identity (the framework requires one), that of the prior state.
// stateID is the id of the first non-null state of state and fallback, when it has a
// known one: the object an identity names.
func stateID(ctx context.Context, state *tfsdk.State, fallback ...*tfsdk.State) (*tfsdk.State, types.String, bool) {
	state = liveState(state, fallback...)
	if state == nil {
		return nil, types.String{}, false
	}
	var id types.String
	if d := state.GetAttribute(ctx, path.Root("id"), &id); d.HasError() || id.IsNull() || id.IsUnknown() {
		return nil, types.String{}, false
	}
	return state, id, true
}

func liveState(state *tfsdk.State, fallback ...*tfsdk.State) *tfsdk.State {
	for _, s := range append([]*tfsdk.State{state}, fallback...) {
		if s != nil && !s.Raw.IsNull() {
			return s
		}
	}
	return nil
}

// ftdDeviceImportID is the device and object id an import names: the import id
// ("device/id" on a named device), or the identity's id, on the unit whose address the
// identity's host names (the default unit first). ok is false after an error.
func ftdDeviceImportID(ctx context.Context, clients *Clients, idAttr string, req resource.ImportStateRequest, resp *resource.ImportStateResponse) (device, id string, ok bool) {
	if req.ID != "" || req.Identity == nil {
		device, id, d := splitDeviceID(clients, vendorFTD, req.ID)
		if resp.Diagnostics.Append(d...); d.HasError() {
			return "", "", false
		}
		if err := checkPathSegment("The import id", id); err != nil {
			resp.Diagnostics.AddError("Invalid import id", err.Error()+".")
			return "", "", false
		}
		return device, id, true
	}
	var host, value types.String
	resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root("host"), &host)...)
	resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(idAttr), &value)...)
	if resp.Diagnostics.HasError() {
		return "", "", false
	}
	if value.ValueString() == "" {
		resp.Diagnostics.AddAttributeError(path.Root(idAttr), "Missing identity attribute", idAttr+" must name the FDM object to import.")
		return "", "", false
	}
	if !host.IsNull() && host.ValueString() != "" {
		want, err := parseHost(host.ValueString(), vendorFTD.defaultPort)
		found := false
		if err == nil {
			device, found = clients.deviceAt(vendorFTD, want)
		}
		if !found {
			configured, _ := clients.ftdHost()
			resp.Diagnostics.AddAttributeError(path.Root("host"), "Identity names another FTD unit",
				fmt.Sprintf("The identity names the FTD unit %q, but this provider configuration manages %q and no device of ftd.devices has that address. "+
					"Import with a provider whose ftd.host or ftd.devices names that unit.", host.ValueString(), configured))
			return "", "", false
		}
	}
	if err := checkPathSegment(idAttr, value.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root(idAttr), "Invalid identity attribute", err.Error()+".")
		return "", "", false
	}
	return device, value.ValueString(), true
}

func (r *ftdHAFailoverConfigurationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"host": identityschema.StringAttribute{OptionalForImport: true, Description: ftdIdentityHostDescription},
			"id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "FDM object id of the unit's HA failover configuration (`default` names the unit's only one).",
			},
		},
	}
}

func (r *ftdHAFailoverConfigurationResource) setIdentity(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics, fallback ...*tfsdk.State) {
	setFTDIdentity(ctx, r.clients, state, identity, diags, "id", fallback...)
}
