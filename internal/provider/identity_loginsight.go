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

// A Log Insight cluster member is named by its cluster node token (its key in the
// master's /upgrades nodes) and the address of the node.
type loginsightClusterMemberIdentity struct {
	Token    types.String `tfsdk:"token"`
	NodeHost types.String `tfsdk:"node_host"`
}

func (r *loginsightClusterMemberResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"token": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "The node's cluster token (`clusterNode.token`), its key in the master's `/api/v2/upgrades` nodes.",
			},
			"node_host": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "API address of the node, `host` or `host:port` (the resource's `node_host`).",
			},
		},
	}
}

// setIdentity records the identity of the member the state holds.
func (r *loginsightClusterMemberResource) setIdentity(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics, fallback ...*tfsdk.State) {
	state, token, ok := stateID(ctx, state, fallback...)
	if identity == nil || !ok {
		return
	}
	id := loginsightClusterMemberIdentity{Token: token}
	diags.Append(state.GetAttribute(ctx, path.Root("node_host"), &id.NodeHost)...)
	diags.Append(identity.Set(ctx, id)...)
}

// importID is the import id an import names: "<node_host>,<node_token>", given as such
// or as an identity.
func (r *loginsightClusterMemberResource) importID(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) string {
	if req.ID != "" || req.Identity == nil {
		return req.ID
	}
	var id loginsightClusterMemberIdentity
	diags.Append(req.Identity.Get(ctx, &id)...)
	return id.NodeHost.ValueString() + "," + id.Token.ValueString()
}

// A Log Insight cluster is named by the API address of its master.
type loginsightClusterIdentity struct {
	Host types.String `tfsdk:"host"`
}

func (r *loginsightClusterResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"host": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "API address of the cluster's master, `host:port` (the resource's `id`; the provider's `loginsight.host`).",
			},
		},
	}
}

// setIdentity records the identity of the cluster the state holds.
func (r *loginsightClusterResource) setIdentity(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics, fallback ...*tfsdk.State) {
	_, host, ok := stateID(ctx, state, fallback...)
	if identity == nil || !ok {
		return
	}
	diags.Append(identity.Set(ctx, loginsightClusterIdentity{Host: host})...)
}

// importID is the import id an import names: the master's address, given as such or as an identity.
func (r *loginsightClusterResource) importID(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) string {
	if req.ID != "" || req.Identity == nil {
		return req.ID
	}
	var id loginsightClusterIdentity
	diags.Append(req.Identity.Get(ctx, &id)...)
	return id.Host.ValueString()
}
