package provider

import (
	"context"
	"maps"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
)

var (
	_ resource.Resource                   = (*fireflowObjectChangeRequestResource)(nil)
	_ resource.ResourceWithConfigure      = (*fireflowObjectChangeRequestResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*fireflowObjectChangeRequestResource)(nil)
	_ resource.ResourceWithImportState    = (*fireflowObjectChangeRequestResource)(nil)
	_ resource.ResourceWithIdentity       = (*fireflowObjectChangeRequestResource)(nil)
	_ resource.ResourceWithValidateConfig = (*fireflowObjectChangeRequestResource)(nil)
)

// NewFireFlowObjectChangeRequestResource is the netops_fireflow_object_change_request resource.
func NewFireFlowObjectChangeRequestResource() resource.Resource {
	return &fireflowObjectChangeRequestResource{}
}

type fireflowObjectChangeRequestResource struct {
	clients *Clients
}

type fireflowObjectChangeRequestModel struct {
	changeRequestComputed
	ticketFields
	Priority             types.String           `tfsdk:"priority"`
	RefersTo             types.String           `tfsdk:"refers_to"`
	ReferredBy           types.String           `tfsdk:"referred_by"`
	Devices              types.List             `tfsdk:"devices"`
	ObjectContainers     types.List             `tfsdk:"object_containers"`
	ObjectContainerLevel types.String           `tfsdk:"object_container_level"`
	RequestedActions     []requestedActionModel `tfsdk:"requested_action"`
}

type requestedActionModel struct {
	Action  types.String `tfsdk:"action"`
	Name    types.String `tfsdk:"name"`
	Type    types.String `tfsdk:"type"`
	IsGroup types.Bool   `tfsdk:"is_group"`
	Values  types.List   `tfsdk:"values"`
}

var objectActions = []string{"create", "delete", "addObjectsToGroup", "removeObjectsFromGroup", "replaceContent"}

func (r *fireflowObjectChangeRequestResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_fireflow_object_change_request"
}

func (r *fireflowObjectChangeRequestResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := changeRequestComputedAttributes()
	maps.Copy(attrs, ticketFieldAttributes("Name of the FireFlow request template, e.g. `135: Object Change Multi Device Request`.",
		"Description of the request.", "Id of the ticket in an external system (CMS)."))
	for name, a := range map[string]schema.Attribute{
		"priority":    replaceString("Priority, e.g. `5`."),
		"refers_to":   replaceString("Change requests this one refers to."),
		"referred_by": replaceString("Change requests that refer to this one."),
		"devices": schema.ListAttribute{
			MarkdownDescription: "Devices to change, by AFA device database name (not the name shown in the AFA tree). Required unless `object_containers` is set.",
			ElementType:         types.StringType,
			Optional:            true,
			PlanModifiers:       []planmodifier.List{listplanmodifier.RequiresReplace()},
			Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.UniqueValues(), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
		},
		"object_containers": schema.ListAttribute{
			MarkdownDescription: "Object container ids to change, instead of `devices`.",
			ElementType:         types.Int64Type,
			Optional:            true,
			PlanModifiers:       []planmodifier.List{replaceUnlessAdoptedList()},
			Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.UniqueValues()},
		},
		"object_container_level": schema.StringAttribute{
			MarkdownDescription: "Level at which objects change: `automatic` (default; FireFlow decides, sent as `Automatic` as FireFlow's examples do), `highest` (e.g. a Check Point CMA) or `lowest` (each device).",
			Optional:            true,
			Computed:            true,
			Default:             stringdefault.StaticString("automatic"),
			PlanModifiers:       []planmodifier.String{replaceUnlessAdoptedString()},
			Validators:          []validator.String{stringvalidator.OneOf("automatic", "highest", "lowest")},
		},
	} {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Opens an AlgoSec FireFlow object change request: objects to create, delete, fill or empty on one or more devices. " +
			"FireFlow cannot edit such a request, so every change opens a new one; FireFlow has no API to cancel one either, so destroying the resource only forgets it.",
		Attributes: attrs,
		Blocks: map[string]schema.Block{
			"requested_action": schema.ListNestedBlock{
				MarkdownDescription: "One object action; at least one.",
				PlanModifiers:       []planmodifier.List{replaceUnlessSameBlocks()},
				Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.IsRequired()},
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"action": schema.StringAttribute{
						MarkdownDescription: "`create`, `delete`, `addObjectsToGroup`, `removeObjectsFromGroup` or `replaceContent`.",
						Required:            true,
						Validators:          []validator.String{stringvalidator.OneOf(objectActions...)},
					},
					"name": schema.StringAttribute{
						MarkdownDescription: "Display name of the object.",
						Required:            true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"type": schema.StringAttribute{
						MarkdownDescription: "`network` or `service`.",
						Required:            true,
						Validators:          []validator.String{stringvalidator.OneOf("network", "service")},
					},
					"is_group": schema.BoolAttribute{
						MarkdownDescription: "Whether the object is a group. Required for `create`; an object cannot change between group and non-group.",
						Optional:            true,
					},
					"values": schema.ListAttribute{
						MarkdownDescription: "Values added, removed or placed: addresses or object names for network objects, `tcp/23`, `udp/53`... for services. Required for every action but `delete`, and not allowed with it.",
						ElementType:         types.StringType,
						Optional:            true,
						Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.UniqueValues(), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
					},
				}},
			},
		},
	}
}

// ValidateConfig reads only the attributes it checks: Terraform validates every resource
// several times per command, and reading the whole model costs more than the checks.
func (r *fireflowObjectChangeRequestResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var attrs map[string]tftypes.Value
	if err := req.Config.Raw.As(&attrs); err != nil {
		resp.Diagnostics.AddError("Reading the configuration failed", err.Error())
		return
	}
	var actions []requestedActionModel
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("requested_action"), &actions)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if attrs["devices"].IsNull() && attrs["object_containers"].IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("devices"), "Missing devices", "Set devices (AFA device names) or object_containers: FireFlow needs to know where the objects change.")
	}
	for i, a := range actions {
		validateObjectAction(ctx, path.Root("requested_action").AtListIndex(i), a, &resp.Diagnostics)
	}
}

func (r *fireflowObjectChangeRequestResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *fireflowObjectChangeRequestResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createChangeRequestResource[fireflowObjectChangeRequestModel](ctx, r.clients, fireflow.KindObject, "object", req, resp)
}

func (r *fireflowObjectChangeRequestResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readChangeRequestResource[fireflowObjectChangeRequestModel](ctx, r.clients, fireflow.KindObject, req, resp)
}

// Update only adopts, after an import, the inputs a read cannot recover.
func (r *fireflowObjectChangeRequestResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	adoptConfiguration[fireflowObjectChangeRequestModel](ctx, req, resp)
}

// Delete forgets the ticket: FireFlow has no API to cancel one.
func (r *fireflowObjectChangeRequestResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	forgetChangeRequest(ctx, req, resp)
}

// ModifyPlan checks the FireFlow server before any request.
func (r *fireflowObjectChangeRequestResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planChangeRequest(ctx, r.clients, req, resp)
}

func (r *fireflowObjectChangeRequestResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importChangeRequest(ctx, r.clients, req, resp)
}

// validateObjectAction checks one requested action the way FireFlow would, before any request.
func validateObjectAction(ctx context.Context, p path.Path, a requestedActionModel, diags *diag.Diagnostics) {
	if a.Action.IsUnknown() || a.Values.IsUnknown() || a.IsGroup.IsUnknown() || a.Type.IsUnknown() {
		return
	}
	action := a.Action.ValueString()
	switch {
	case action == "delete" && !a.Values.IsNull():
		diags.AddAttributeError(p.AtName("values"), "Values not allowed", "A delete action takes no values: it removes the whole object.")
	case action != "delete" && a.Values.IsNull():
		diags.AddAttributeError(p.AtName("values"), "Missing values", "The "+action+" action needs values.")
	}
	if action == "create" && a.IsGroup.IsNull() {
		diags.AddAttributeError(p.AtName("is_group"), "Missing is_group", "A create action must say whether the new object is a group.")
	}
	if a.Type.ValueString() != "service" || a.Values.IsNull() || a.IsGroup.ValueBool() || (action != "create" && action != "replaceContent") {
		return
	}
	var values []string
	diags.Append(a.Values.ElementsAs(ctx, &values, false)...)
	for i, v := range values {
		if !validServiceValue(v) {
			diags.AddAttributeError(p.AtName("values").AtListIndex(i), "Invalid service",
				v+" is not a service definition such as tcp/23, udp/53, tcp/1024-2048 or icmp/any.")
		}
	}
}

// request builds the POST body.
func (m *fireflowObjectChangeRequestModel) request(ctx context.Context) (*fireflow.ObjectRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	r := &fireflow.ObjectRequest{
		Template: m.Template.ValueString(), Subject: m.Subject.ValueString(), Description: m.Description.ValueString(),
		Requestor: m.Requestor.ValueString(), Owner: m.Owner.ValueString(), Priority: m.Priority.ValueString(),
		Due: m.Due.ValueString(), Expire: m.Expire.ValueString(), ExternalID: m.ExternalID.ValueString(),
		RefersTo: m.RefersTo.ValueString(), ReferredBy: m.ReferredBy.ValueString(),
		ObjectContainerLevel: m.ObjectContainerLevel.ValueString(),
	}
	diags.Append(m.Devices.ElementsAs(ctx, &r.Devices, true)...)
	diags.Append(m.ObjectContainers.ElementsAs(ctx, &r.ObjectContainers, true)...)
	r.CustomFields, diags = fieldsFromMap(ctx, m.CustomFields, diags, true)
	for _, a := range m.RequestedActions {
		action := fireflow.ObjectAction{Action: a.Action.ValueString(), Name: a.Name.ValueString(), Type: a.Type.ValueString()}
		if !a.IsGroup.IsNull() {
			action.IsGroup = a.IsGroup.ValueBoolPointer()
		}
		diags.Append(a.Values.ElementsAs(ctx, &action.Values, true)...)
		r.RequestedActions = append(r.RequestedActions, action)
	}
	return r, diags
}

// recover fills the inputs an imported ticket holds. Dates, custom fields, is_group and
// the object container level cannot be told apart in a read, so they stay unset.
func (m *fireflowObjectChangeRequestModel) recover(ctx context.Context, cr *fireflow.ChangeRequest) diag.Diagnostics {
	var diags diag.Diagnostics
	str := func(names ...string) types.String { return nullIfEmpty(cr.FirstField(names...)) }
	m.Template = str("Ticket Template Name", "template")
	m.Subject = str("Subject")
	m.Description = str("Description")
	m.Requestor = str("Requestor")
	m.Owner = str("Owner")
	m.Priority = str("Priority")
	m.ExternalID = str("ExternalId", "External Id")
	m.RefersTo = str("RefersTo", "Refers To")
	m.ReferredBy = str("ReferredBy", "Referred By")
	m.ObjectContainerLevel = types.StringValue("automatic")
	if devices, ok := cr.Field("Devices"); ok && len(devices) > 0 {
		m.Devices, diags = types.ListValueFrom(ctx, types.StringType, devices)
	}
	// A read without the template recovers again at the next refresh: start afresh.
	m.RequestedActions = nil
	for _, a := range cr.OriginalRequestedActions {
		action := requestedActionModel{
			Action:  nullIfEmpty(stringOf(a, "requestedAction", "action")),
			Name:    nullIfEmpty(stringOf(a, "objectName", "name")),
			Type:    nullIfEmpty(strings.ToLower(stringOf(a, "objectType", "type"))),
			IsGroup: types.BoolNull(),
			Values:  types.ListNull(types.StringType),
		}
		if vals := splitValues(a["values"]); len(vals) > 0 {
			var d diag.Diagnostics
			action.Values, d = types.ListValueFrom(ctx, types.StringType, vals)
			diags.Append(d...)
		}
		m.RequestedActions = append(m.RequestedActions, action)
	}
	return diags
}

// splitValues reads values given as a list or, as the API types it, a comma-joined string.
func splitValues(v any) []string {
	switch t := v.(type) {
	case string:
		if t == "" {
			return nil
		}
		parts := strings.Split(t, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		return parts
	case []any:
		out := make([]string, 0, len(t))
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// creator builds the POST body and returns the call that sends it.
func (m *fireflowObjectChangeRequestModel) creator(ctx context.Context, client *fireflow.Client) (func() (*fireflow.Created, error), diag.Diagnostics) {
	body, diags := m.request(ctx)
	return func() (*fireflow.Created, error) { return client.CreateObjectRequest(ctx, body) }, diags
}

// describe names the request so that a person can find it in FireFlow.
func (m *fireflowObjectChangeRequestModel) describe() string {
	return describeRequest(m.Template, m.Subject, m.ExternalID)
}
