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

// An FTD pair is named by the addresses of its two units, primary first.

var _ resource.ResourceWithIdentity = (*ftdHAPairResource)(nil)

type ftdHAPairIdentity struct {
	PrimaryHost   types.String `tfsdk:"primary_host"`
	SecondaryHost types.String `tfsdk:"secondary_host"`
}

func (r *ftdHAPairResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	host := func(role string) identityschema.StringAttribute {
		return identityschema.StringAttribute{RequiredForImport: true,
			Description: "Address of the " + role + " unit, `host` or `host:port`; on import, a device of the provider's `ftd` block must have it."}
	}
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{"primary_host": host("primary"), "secondary_host": host("secondary")},
	}
}

// setIdentity records the units' addresses of the pair the state holds.
func (r *ftdHAPairResource) setIdentity(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics, fallback ...*tfsdk.State) {
	live, _, ok := stateID(ctx, state, fallback...)
	if identity == nil || !ok {
		return
	}
	var primary, secondary types.String
	diags.Append(live.GetAttribute(ctx, path.Root("primary_device"), &primary)...)
	diags.Append(live.GetAttribute(ctx, path.Root("secondary_device"), &secondary)...)
	p, d1 := r.clients.ftdHostOn(primary.ValueString())
	s, d2 := r.clients.ftdHostOn(secondary.ValueString())
	if d1.HasError() || d2.HasError() {
		return
	}
	diags.Append(identity.Set(ctx, ftdHAPairIdentity{PrimaryHost: types.StringValue(p), SecondaryHost: types.StringValue(s)})...)
}

// pairImportID is the "<primary_device>/<secondary_device>" an import names: the import
// id, or the devices whose addresses the identity's hosts are.
func (r *ftdHAPairResource) pairImportID(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) (string, bool) {
	if req.ID != "" || req.Identity == nil {
		return req.ID, true
	}
	var id ftdHAPairIdentity
	if diags.Append(req.Identity.Get(ctx, &id)...); diags.HasError() {
		return "", false
	}
	names := make([]string, 0, 2)
	for attr, host := range map[string]types.String{"primary_host": id.PrimaryHost, "secondary_host": id.SecondaryHost} {
		u, err := parseHost(host.ValueString(), vendorFTD.defaultPort)
		device, found := "", false
		if err == nil {
			device, found = r.clients.deviceAt(vendorFTD, u)
		}
		if !found {
			diags.AddAttributeError(path.Root(attr), "Identity names an unknown FTD unit",
				fmt.Sprintf("No device of the provider's ftd block (nor ftd.host) has the address %q.", host.ValueString()))
			return "", false
		}
		if attr == "primary_host" {
			names = append([]string{device}, names...)
		} else {
			names = append(names, device)
		}
	}
	return strings.Join(names, "/"), true
}
