package provider

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
)

// changeRequestComputed are the attributes both change request resources compute.
type changeRequestComputed struct {
	ID                types.String `tfsdk:"id"`
	RedirectURL       types.String `tfsdk:"redirect_url"`
	Status            types.String `tfsdk:"status"`
	SubChangeRequests types.List   `tfsdk:"sub_change_requests"`
}

func changeRequestComputedAttributes() map[string]schema.Attribute {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return map[string]schema.Attribute{
		"id":           schema.StringAttribute{MarkdownDescription: "Change request id.", Computed: true, PlanModifiers: keep},
		"redirect_url": schema.StringAttribute{MarkdownDescription: "Web page of the change request in FireFlow.", Computed: true, PlanModifiers: keep},
		"status": schema.StringAttribute{
			MarkdownDescription: "Workflow status (`open`, `check`, `implementation plan`, `implement`, `validate`, `resolved`, ... as the FireFlow workflow names them), refreshed on every plan.",
			Computed:            true, PlanModifiers: keep,
		},
		"sub_change_requests": schema.ListAttribute{
			MarkdownDescription: "Ids of the child change requests FireFlow opened, one per device of a multi-device request.",
			ElementType:         types.Int64Type, Computed: true,
			PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
		},
	}
}

// created records a new change request's id and link at once.
func (c *changeRequestComputed) created(cr *fireflow.Created) {
	c.ID = types.StringValue(strconv.FormatInt(cr.ID, 10))
	c.RedirectURL = types.StringValue(cr.RedirectURL)
	c.Status = types.StringNull()
	c.SubChangeRequests = types.ListNull(types.Int64Type)
}

// refreshed records status and children from a read.
func (c *changeRequestComputed) refreshed(client *fireflow.Client, cr *fireflow.ChangeRequest) diag.Diagnostics {
	c.Status = types.StringValue(cr.Status())
	if c.RedirectURL.IsNull() || c.RedirectURL.ValueString() == "" {
		c.RedirectURL = types.StringValue(client.TicketURL(cr.ID))
	}
	subs := cr.SubChangeRequests
	if subs == nil {
		subs = []int64{}
	}
	var diags diag.Diagnostics
	c.SubChangeRequests, diags = types.ListValueFrom(context.Background(), types.Int64Type, subs)
	return diags
}

func (c *changeRequestComputed) id() (int64, error) {
	id, err := strconv.ParseInt(c.ID.ValueString(), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%q is not a FireFlow change request id (a positive number)", c.ID.ValueString())
	}
	return id, nil
}

// readChangeRequest reads the request; gone reports FireFlow's definitive not-found.
func readChangeRequest(ctx context.Context, client *fireflow.Client, kind fireflow.Kind, c *changeRequestComputed) (cr *fireflow.ChangeRequest, gone bool, diags diag.Diagnostics) {
	id, err := c.id()
	if err != nil {
		diags.AddError("Invalid change request id", err.Error())
		return nil, false, diags
	}
	cr, err = client.GetChangeRequest(ctx, kind, id)
	if errors.Is(err, fireflow.ErrNotFound) {
		return nil, true, nil
	}
	if err != nil {
		diags.AddError("Reading the FireFlow change request failed", err.Error())
		return nil, false, diags
	}
	diags.Append(c.refreshed(client, cr)...)
	return cr, false, diags
}

// createDiagnostic explains a refused create; FireFlow's codes are kept verbatim.
func createDiagnostic(kind string, err error) diag.Diagnostics {
	var diags diag.Diagnostics
	var fe *fireflow.Error
	if errors.As(err, &fe) {
		diags.AddError("FireFlow refused the "+kind+" change request", err.Error())
		return diags
	}
	diags.AddError("Creating the FireFlow "+kind+" change request failed",
		err.Error()+"\n\nFireFlow does not deduplicate requests, so the create was not repeated. "+
			"If FireFlow received it, a ticket may exist without being in the Terraform state: check FireFlow before applying again.")
	return diags
}

// readBackWarning tells that a created ticket could not be read back yet.
const readBackFailure = "FireFlow returned change request %d, but reading it back failed: %s. The id is saved in the state (the resource is tainted); " +
	"AlgoSec notes creation may still be completing. Check %s before applying again: a new apply would open another ticket."

// deleteWarning says what to do with a ticket Terraform stops tracking.
func deleteWarning(c *changeRequestComputed) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddWarning("FireFlow change request left open",
		fmt.Sprintf("FireFlow has no API to cancel or close a change request, so change request %s was removed from the Terraform state only. "+
			"Close or reject it in FireFlow if it is no longer wanted: %s", c.ID.ValueString(), c.RedirectURL.ValueString()))
	return diags
}
