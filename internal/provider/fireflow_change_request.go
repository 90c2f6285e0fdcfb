package provider

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/transport"
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
	if transport.IsNotFound(err) {
		return nil, true, nil
	}
	if err != nil {
		diags.AddError("Reading the FireFlow change request failed", err.Error())
		return nil, false, diags
	}
	diags.Append(c.refreshed(client, cr)...)
	return cr, false, diags
}

// createDiagnostic explains a failed create and whether FireFlow may hold the ticket
// anyway: FireFlow does not deduplicate, so an ambiguous create is never repeated.
func createDiagnostic(kind string, err error, request string, sentAt time.Time) diag.Diagnostics {
	var diags diag.Diagnostics
	switch fireflow.CreateOutcomeOf(err) {
	case fireflow.Refused:
		diags.AddError("FireFlow refused the "+kind+" change request", err.Error()+"\n\nNothing was created.")
	case fireflow.NotSent:
		diags.AddError("FireFlow could not be reached", err.Error()+"\n\nThe request was not sent; nothing was created. Apply again once FireFlow is reachable.")
	case fireflow.NoSession:
		diags.AddError("FireFlow refused the session", err.Error()+"\n\nFireFlow did not accept the request without a session; nothing was created.")
	default:
		diags.AddError("FireFlow may have created the "+kind+" change request", fmt.Sprintf(
			"%s\n\nThe request reached FireFlow but its answer was lost or was an error, so the change request may exist. "+
				"FireFlow does not deduplicate requests, so the provider did not send it again. Check before applying again: "+
				"in FireFlow, look for a %s change request %s opened at or after %s (the request list can be sorted by creation time).\n"+
				"- If it exists, bring it under Terraform: terraform import <this resource's address> <change request id>\n"+
				"- If it does not, run terraform apply again.",
			err.Error(), kind, request, sentAt.UTC().Format(time.RFC3339)))
	}
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

func describeRequest(template, subject, externalID types.String) string {
	d := fmt.Sprintf("from template %q", template.ValueString())
	if !subject.IsNull() {
		d += fmt.Sprintf(" with subject %q", subject.ValueString())
	}
	if !externalID.IsNull() {
		d += fmt.Sprintf(" and external id %q", externalID.ValueString())
	}
	return d
}

// refreshChangeRequest reads the request and writes only the computed attributes, which
// is all a refresh can change; a request FireFlow no longer finds leaves the state.
func refreshChangeRequest(ctx context.Context, client *fireflow.Client, kind fireflow.Kind, prior tfsdk.State, state *tfsdk.State) diag.Diagnostics {
	var c changeRequestComputed
	diags := prior.GetAttribute(ctx, path.Root("id"), &c.ID)
	diags.Append(prior.GetAttribute(ctx, path.Root("redirect_url"), &c.RedirectURL)...)
	if diags.HasError() {
		return diags
	}
	_, gone, d := readChangeRequest(ctx, client, kind, &c)
	diags.Append(d...)
	if diags.HasError() {
		return diags
	}
	if gone {
		state.RemoveResource(ctx)
		return diags
	}
	diags.Append(state.SetAttribute(ctx, path.Root("status"), c.Status)...)
	diags.Append(state.SetAttribute(ctx, path.Root("redirect_url"), c.RedirectURL)...)
	diags.Append(state.SetAttribute(ctx, path.Root("sub_change_requests"), c.SubChangeRequests)...)
	return diags
}

// createChangeRequest sends a create once, saves the id in the state as soon as FireFlow
// returns it, then reads the request back (AlgoSec warns creation may still be completing
// when an id is returned); a failed read-back leaves the resource tainted.
func createChangeRequest(ctx context.Context, client *fireflow.Client, kind fireflow.Kind, label, description string,
	c *changeRequestComputed, send func() (*fireflow.Created, error), save func() diag.Diagnostics,
) diag.Diagnostics {
	sentAt := time.Now()
	created, err := send()
	if err != nil {
		return createDiagnostic(label, err, description, sentAt)
	}
	c.created(created)
	diags := save()
	if diags.HasError() {
		return diags
	}
	_, gone, d := readChangeRequest(ctx, client, kind, c)
	if gone || d.HasError() {
		detail := "FireFlow does not find it yet"
		if d.HasError() {
			detail = d[0].Detail()
		}
		diags.AddError("FireFlow change request not readable", fmt.Sprintf(readBackFailure, created.ID, detail, created.RedirectURL))
		return diags
	}
	return save()
}
