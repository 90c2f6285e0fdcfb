package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
)

// changeRequestModel is what both change request resources' models offer.
type changeRequestModel interface {
	computed() *changeRequestComputed
	recover(ctx context.Context, cr *fireflow.ChangeRequest) diag.Diagnostics
}

func (c *changeRequestComputed) computed() *changeRequestComputed { return c }

// readChangeRequestResource refreshes the computed attributes only; after an import (no
// template yet) it also fills every input a read can recover.
func readChangeRequestResource[M any, PM interface {
	*M
	changeRequestModel
}](ctx context.Context, clients *Clients, kind fireflow.Kind, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setChangeRequestIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics, &req.State)
	client, diags := clients.fireflowClient()
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	var template types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("template"), &template)...)
	if !template.IsNull() {
		resp.Diagnostics.Append(refreshChangeRequest(ctx, client, kind, req.State, &resp.State)...)
		return
	}
	state := PM(new(M))
	resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cr, gone, diags := readChangeRequest(ctx, client, kind, state.computed())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if gone {
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(state.recover(ctx, cr)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// adoptConfiguration is the only update: after an import, the configured values of the
// inputs a read cannot recover enter the state; any other change replaces the resource.
func adoptConfiguration[M any](ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setChangeRequestIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	plan := new(M)
	resp.Diagnostics.Append(req.Plan.Get(ctx, plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	resp.Diagnostics.Append(clearImported(ctx, resp.Private)...)
}

// forgetChangeRequest removes a request from the state with a warning naming it: FireFlow
// has no API to cancel one.
func forgetChangeRequest(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var c changeRequestComputed
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &c.ID)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("redirect_url"), &c.RedirectURL)...)
	resp.Diagnostics.Append(deleteWarning(&c)...)
}

// importChangeRequest takes the change request id, as the import id or the identity.
func importChangeRequest(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), changeRequestIdentityPath, req, resp)
	defer setChangeRequestIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	resp.Diagnostics.Append(markImported(ctx, resp.Private)...)
}
