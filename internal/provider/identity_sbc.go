package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A switchover is named by the units of the pair, as their status names them
// (hostName), and by when the active unit accepted it.
type sbcSwitchoverIdentity struct {
	PreviousActive types.String `tfsdk:"previous_active"`
	NewActive      types.String `tfsdk:"new_active"`
	AcceptedAt     types.String `tfsdk:"accepted_at"`
}

func (r *sbcSwitchoverResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"previous_active": identityschema.StringAttribute{OptionalForImport: true, Description: "Host name of the unit that was active and accepted the switchover."},
			"new_active":      identityschema.StringAttribute{OptionalForImport: true, Description: "Host name of the unit seen active after the swap (null when the resource did not wait for it)."},
			"accepted_at":     identityschema.StringAttribute{OptionalForImport: true, Description: "When the active unit accepted the switchover (RFC 3339)."},
		},
	}
}

// setIdentity records the identity of the switchover the state holds.
func (r *sbcSwitchoverResource) setIdentity(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if identity == nil || state == nil || state.Raw.IsNull() {
		return
	}
	var id sbcSwitchoverIdentity
	d := state.GetAttribute(ctx, path.Root("previous_active"), &id.PreviousActive)
	d.Append(state.GetAttribute(ctx, path.Root("new_active"), &id.NewActive)...)
	d.Append(state.GetAttribute(ctx, path.Root("accepted_at"), &id.AcceptedAt)...)
	if d.HasError() || id.PreviousActive.IsNull() || id.PreviousActive.IsUnknown() {
		return
	}
	if id.NewActive.IsUnknown() {
		id.NewActive = types.StringNull()
	}
	diags.Append(identity.Set(ctx, id)...)
}
