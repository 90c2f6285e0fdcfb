package provider

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
)

var (
	_ resource.Resource                = (*fireflowRuleRemovalRequestResource)(nil)
	_ resource.ResourceWithConfigure   = (*fireflowRuleRemovalRequestResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*fireflowRuleRemovalRequestResource)(nil)
	_ resource.ResourceWithImportState = (*fireflowRuleRemovalRequestResource)(nil)
	_ resource.ResourceWithIdentity    = (*fireflowRuleRemovalRequestResource)(nil)
)

// NewFireFlowRuleRemovalRequestResource is the netops_fireflow_rule_removal_request resource.
func NewFireFlowRuleRemovalRequestResource() resource.Resource {
	return &fireflowRuleRemovalRequestResource{}
}

type fireflowRuleRemovalRequestResource struct {
	clients *Clients
}

type fireflowRuleRemovalRequestModel struct {
	changeRequestComputed
	Template    types.String      `tfsdk:"template"`
	Device      types.String      `tfsdk:"device"`
	Action      types.String      `tfsdk:"action"`
	RuleIDs     types.Set         `tfsdk:"rule_ids"`
	Subject     types.String      `tfsdk:"subject"`
	Owner       types.String      `tfsdk:"owner"`
	Requestor   types.String      `tfsdk:"requestor"`
	Description types.String      `tfsdk:"description"`
	Due         types.String      `tfsdk:"due"`
	Fields      types.Map         `tfsdk:"fields"`
	Attachments []attachmentModel `tfsdk:"attachment"`
}

type attachmentModel struct {
	Filename      types.String `tfsdk:"filename"`
	ContentBase64 types.String `tfsdk:"content_base64"`
}

func (r *fireflowRuleRemovalRequestResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_fireflow_rule_removal_request"
}

func (r *fireflowRuleRemovalRequestResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	required := func(desc string, validators ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc, Required: true, Validators: append(validators, stringvalidator.LengthAtLeast(1)),
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		}
	}
	attrs := changeRequestComputedAttributes()
	for name, a := range map[string]schema.Attribute{
		"template": required("Name of the FireFlow rule removal template, e.g. `140: Rule Removal Request`."),
		"device":   required("The one device whose rules are removed, by AFA device database name; it must be a lowest-level device of the AFA tree."),
		"action": required("What happens to every rule of the request: `remove`, `disable`, or `automatic` (disable where the device can, else remove). "+
			"FireFlow takes one action per request.", stringvalidator.OneOf("remove", "disable", "automatic")),
		"rule_ids": schema.SetAttribute{
			MarkdownDescription: "Internal AFA ids of the rules; at least one.",
			ElementType:         types.StringType,
			Required:            true,
			PlanModifiers:       []planmodifier.Set{setplanmodifier.RequiresReplace()},
			Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
		},
		"subject":     replaceString("Subject of the request."),
		"owner":       replaceString("Owner (user name or e-mail)."),
		"requestor":   replaceString("Requestor (user name or e-mail)."),
		"description": replaceString("Description of the request."),
		"due":         adoptString("Due date: `DD-MM-YYYY` or `MM-DD-YYYY` as the FireFlow server's DateDayBeforeMonth option says, `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS`.", fireflowDateValidator()),
		"fields": schema.MapAttribute{
			MarkdownDescription: "Any other ticket field, by field name.",
			ElementType:         types.ListType{ElemType: types.StringType},
			Optional:            true,
			PlanModifiers:       []planmodifier.Map{replaceUnlessAdoptedMap()},
		},
	} {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Opens an AlgoSec FireFlow rule removal change request: rules of one device to remove or disable. " +
			"FireFlow cannot edit or cancel it through its API, so every change opens a new request and destroying the resource only forgets it.",
		Attributes: attrs,
		Blocks: map[string]schema.Block{
			"attachment": schema.ListNestedBlock{
				MarkdownDescription: "Files attached to the request.",
				PlanModifiers:       []planmodifier.List{replaceUnlessSameBlocks()},
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"filename": schema.StringAttribute{
						MarkdownDescription: "File name: a valid Linux file name of 1 to 255 bytes.",
						Required:            true,
						Validators:          []validator.String{linuxFileNameValidator()},
					},
					"content_base64": schema.StringAttribute{
						MarkdownDescription: "File content, base64-encoded (`filebase64(...)`).",
						Required:            true,
						Validators:          []validator.String{base64Validator{}},
					},
				}},
			},
		},
	}
}

func (r *fireflowRuleRemovalRequestResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *fireflowRuleRemovalRequestResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createChangeRequestResource[fireflowRuleRemovalRequestModel](ctx, r.clients, fireflow.KindRuleRemoval, "rule removal", req, resp)
}

func (r *fireflowRuleRemovalRequestResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readChangeRequestResource[fireflowRuleRemovalRequestModel](ctx, r.clients, fireflow.KindRuleRemoval, req, resp)
}

// Update only adopts, after an import, the inputs a read cannot recover.
func (r *fireflowRuleRemovalRequestResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	adoptConfiguration[fireflowRuleRemovalRequestModel](ctx, req, resp)
}

// Delete forgets the ticket: FireFlow has no API to cancel one.
func (r *fireflowRuleRemovalRequestResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	forgetChangeRequest(ctx, req, resp)
}

// ModifyPlan checks the FireFlow server before any request.
func (r *fireflowRuleRemovalRequestResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planChangeRequest(ctx, r.clients, req, resp)
}

func (r *fireflowRuleRemovalRequestResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importChangeRequest(ctx, r.clients, req, resp)
}

// request builds the POST body: basic fields, the device and attachments as fields,
// one action entry per rule.
func (m *fireflowRuleRemovalRequestModel) request(ctx context.Context) (*fireflow.RuleRemovalRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	r := &fireflow.RuleRemovalRequest{Template: m.Template.ValueString()}
	for _, f := range []struct {
		name  string
		value types.String
	}{{"subject", m.Subject}, {"Owner", m.Owner}, {"Requestor", m.Requestor}, {"Description", m.Description}, {"Due", m.Due}} {
		if !f.value.IsNull() {
			r.Fields = append(r.Fields, fireflow.Field{Name: f.name, Values: []string{f.value.ValueString()}})
		}
	}
	r.Fields = append(r.Fields, fireflow.Field{Name: "devices", Values: []string{m.Device.ValueString()}})
	var extra []fireflow.Field
	extra, diags = fieldsFromMap(ctx, m.Fields, diags, false)
	r.Fields = append(r.Fields, extra...)
	if len(m.Attachments) > 0 {
		values := make([]string, 0, len(m.Attachments))
		for _, a := range m.Attachments {
			values = append(values, "filename="+a.Filename.ValueString()+":content="+a.ContentBase64.ValueString())
		}
		r.Fields = append(r.Fields, fireflow.Field{Name: "attachment", Values: values})
	}
	var rules []string
	diags.Append(m.RuleIDs.ElementsAs(ctx, &rules, false)...)
	sort.Strings(rules)
	for _, id := range rules {
		r.RequestActions = append(r.RequestActions, fireflow.RuleAction{Action: m.Action.ValueString(), RuleID: id})
	}
	return r, diags
}

// recover fills the inputs an imported ticket holds; due dates, extra fields and
// attachments are not recovered.
func (m *fireflowRuleRemovalRequestModel) recover(ctx context.Context, cr *fireflow.ChangeRequest) diag.Diagnostics {
	var diags diag.Diagnostics
	str := func(names ...string) types.String { return nullIfEmpty(cr.FirstField(names...)) }
	m.Template = str("Ticket Template Name", "template")
	m.Device = str("Devices", "devices")
	m.Subject = str("Subject")
	m.Owner = str("Owner")
	m.Requestor = str("Requestor")
	m.Description = str("Description")
	var rules []string
	for _, a := range cr.OriginalRequestedActions {
		if id := stringOf(a, "ruleId", "ruleID"); id != "" {
			rules = append(rules, id)
		}
		if act := stringOf(a, "action"); act != "" {
			m.Action = types.StringValue(strings.ToLower(act))
		}
	}
	if len(rules) > 0 {
		m.RuleIDs, diags = types.SetValueFrom(ctx, types.StringType, rules)
	}
	return diags
}

// creator builds the POST body and returns the call that sends it.
func (m *fireflowRuleRemovalRequestModel) creator(ctx context.Context, client *fireflow.Client) (func() (*fireflow.Created, error), diag.Diagnostics) {
	body, diags := m.request(ctx)
	return func() (*fireflow.Created, error) { return client.CreateRuleRemovalRequest(ctx, body) }, diags
}

// describe names the request so that a person can find it in FireFlow.
func (m *fireflowRuleRemovalRequestModel) describe() string {
	return describeRequest(m.Template, m.Subject, types.StringNull())
}
