package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// A FireFlow change request is named by its id, as FireFlow numbers it.
var changeRequestIdentityPath = path.Root("change_request_id")

func changeRequestIdentitySchema(kind string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"change_request_id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "Id of the FireFlow " + kind + " change request (`changeRequestId`), the number in its FireFlow URL.",
			},
		},
	}
}

func (r *fireflowObjectChangeRequestResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = changeRequestIdentitySchema("object")
}

func (r *fireflowRuleRemovalRequestResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = changeRequestIdentitySchema("rule removal")
}

func (r *fireflowTrafficChangeRequestResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = changeRequestIdentitySchema("traffic")
}

// setChangeRequestIdentity records the identity of the change request the state holds.
func setChangeRequestIdentity(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics, fallback ...*tfsdk.State) {
	_, id, ok := stateID(ctx, state, fallback...)
	if identity == nil || !ok {
		return
	}
	diags.Append(identity.SetAttribute(ctx, changeRequestIdentityPath, id)...)
}
