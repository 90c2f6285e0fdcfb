package provider

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
)

var (
	_ resource.Resource                = (*fireflowTrafficChangeRequestResource)(nil)
	_ resource.ResourceWithConfigure   = (*fireflowTrafficChangeRequestResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*fireflowTrafficChangeRequestResource)(nil)
	_ resource.ResourceWithImportState = (*fireflowTrafficChangeRequestResource)(nil)
	_ resource.ResourceWithIdentity    = (*fireflowTrafficChangeRequestResource)(nil)
)

// NewFireFlowTrafficChangeRequestResource is the netops_fireflow_traffic_change_request resource.
func NewFireFlowTrafficChangeRequestResource() resource.Resource {
	return &fireflowTrafficChangeRequestResource{}
}

type fireflowTrafficChangeRequestResource struct {
	clients *Clients
}

type fireflowTrafficChangeRequestModel struct {
	changeRequestComputed
	ticketFields
	Devices types.List         `tfsdk:"devices"`
	Traffic []trafficLineModel `tfsdk:"traffic"`
}

type trafficLineModel struct {
	Action       types.String       `tfsdk:"action"`
	Source       []trafficItemModel `tfsdk:"source"`
	Destination  []trafficItemModel `tfsdk:"destination"`
	Service      []trafficItemModel `tfsdk:"service"`
	User         []trafficItemModel `tfsdk:"user"`
	Application  []trafficItemModel `tfsdk:"application"`
	NAT          []trafficNATModel  `tfsdk:"nat"`
	CustomFields types.Map          `tfsdk:"custom_fields"`
}

type trafficItemModel struct {
	Value        types.String `tfsdk:"value"`
	CustomFields types.Map    `tfsdk:"custom_fields"`
}

type trafficNATModel struct {
	Source      types.List   `tfsdk:"source"`
	Destination types.List   `tfsdk:"destination"`
	Port        types.List   `tfsdk:"port"`
	Type        types.String `tfsdk:"type"`
}

// Ticket fields of a traffic request, named as the guide's example names them
// (fireflow.md section 8); the CMS ticket id is what the object API calls externalId
// (seeds/002).
const (
	trafficFieldSubject     = "subject"
	trafficFieldDescription = "Change Request Description"
	trafficFieldOwner       = "Owner"
	trafficFieldRequestor   = "Requestor"
	trafficFieldDue         = "Due"
	trafficFieldExpire      = "Expires"
	trafficFieldExternalID  = "CMS ticket id"
	trafficFieldDevices     = "devices"
)

func (r *fireflowTrafficChangeRequestResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_fireflow_traffic_change_request"
}

func (r *fireflowTrafficChangeRequestResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := changeRequestComputedAttributes()
	maps.Copy(attrs, ticketFieldAttributes("Name of the FireFlow traffic request template, e.g. `Basic Change Traffic Request`, or an IPv6 template such as `170: Traffic Change Request (IPv6)` for IPv6 traffic.",
		"Description of the request (the field `Change Request Description`).", "Id of the ticket in an external system (FireFlow's CMS ticket id)."))
	attrs["devices"] = schema.ListAttribute{
		MarkdownDescription: "Devices to plan the change on, by AFA device database name. Unset, FireFlow finds the devices in the traffic's path. " +
			"FireFlow opens one child request per device (`sub_change_requests`).",
		ElementType:   types.StringType,
		Optional:      true,
		PlanModifiers: []planmodifier.List{replaceUnlessAdoptedList()},
		Validators:    []validator.List{listvalidator.SizeAtLeast(1), listvalidator.UniqueValues(), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
	}
	attrs["custom_fields"] = schema.MapAttribute{
		MarkdownDescription: "Custom fields of the template, by field name. A changed or added field is updated in place " +
			"(`PUT .../traffic/{id}/fields`, the one edit FireFlow documents); removing a field opens a new request, since FireFlow documents no way to clear one.",
		ElementType:   types.ListType{ElemType: types.StringType},
		Optional:      true,
		PlanModifiers: []planmodifier.Map{replaceIfCustomFieldRemoved()},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Opens an AlgoSec FireFlow traffic change request: traffic to allow or drop, which FireFlow plans across the devices in its path " +
			"(one child request per device) and which `netops_fireflow_active_change` can then implement. The template is checked against FireFlow's list " +
			"before anything is opened. FireFlow can edit only a request's custom fields, which change in place; any other change opens a new request. " +
			"FireFlow has no API to cancel a request either, so destroying the resource only forgets it.",
		Attributes: attrs,
		Blocks: map[string]schema.Block{
			"traffic": schema.ListNestedBlock{
				MarkdownDescription: "One traffic line; at least one.",
				PlanModifiers:       []planmodifier.List{replaceUnlessSameTraffic()},
				Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.IsRequired()},
				NestedObject:        trafficLineBlock(),
			},
		},
	}
}

func trafficLineBlock() schema.NestedBlockObject {
	items := func(desc string, required bool, v validator.String) schema.ListNestedBlock {
		b := schema.ListNestedBlock{
			MarkdownDescription: desc,
			NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
				"value": schema.StringAttribute{
					MarkdownDescription: "The item, as FireFlow takes it.",
					Required:            true,
					Validators:          []validator.String{v},
				},
				"custom_fields": schema.MapAttribute{
					MarkdownDescription: "Custom fields of this item, by field name.",
					ElementType:         types.ListType{ElemType: types.StringType},
					Optional:            true,
				},
			}},
		}
		if required {
			b.Validators = []validator.List{listvalidator.SizeAtLeast(1), listvalidator.IsRequired()}
		}
		return b
	}
	addresses := "one block per address: an IPv4 or IPv6 address, a CIDR (`10.1.0.0/16`), a range (`10.1.0.1-10.1.0.50`) or an object name; at least one."
	list := func(desc string, v validator.String) schema.ListAttribute {
		return schema.ListAttribute{
			MarkdownDescription: desc, ElementType: types.StringType, Optional: true,
			Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(v)},
		}
	}
	return schema.NestedBlockObject{
		Attributes: map[string]schema.Attribute{
			"action": schema.StringAttribute{
				MarkdownDescription: "`Allow` or `Drop`.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(fireflow.TrafficAllow, fireflow.TrafficDrop)},
			},
			"custom_fields": schema.MapAttribute{
				MarkdownDescription: "Custom fields of this traffic line, by field name (e.g. `Requested Source Group Name`).",
				ElementType:         types.ListType{ElemType: types.StringType},
				Optional:            true,
			},
		},
		Blocks: map[string]schema.Block{
			"source":      items("Sources: "+addresses, true, trafficAddressValidator()),
			"destination": items("Destinations: "+addresses, true, trafficAddressValidator()),
			"service": items("Services: one block per service, a name (`https`) or `protocol/port` (`tcp/8080`, `udp/53`, `tcp/1024-2048`); at least one.",
				true, trafficServiceValidator()),
			"user":        items("Users, one block each; unset, FireFlow's default applies.", false, trafficNameValidator()),
			"application": items("Applications, one block each (e.g. `any`); unset, FireFlow's default applies.", false, trafficNameValidator()),
			"nat": schema.ListNestedBlock{
				MarkdownDescription: "NAT to apply to the traffic.",
				Validators:          []validator.List{listvalidator.SizeAtMost(1)},
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"source":      list("Translated sources (addresses).", trafficAddressValidator()),
					"destination": list("Translated destinations (addresses).", trafficAddressValidator()),
					"port":        list("Translated ports (`tcp/8080`).", trafficServiceValidator()),
					"type": schema.StringAttribute{
						MarkdownDescription: "NAT type, e.g. `Static`.",
						Optional:            true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
				}},
			},
		},
	}
}

func (r *fireflowTrafficChangeRequestResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *fireflowTrafficChangeRequestResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createChangeRequestResource[fireflowTrafficChangeRequestModel](ctx, r.clients, fireflow.KindTraffic, "traffic", req, resp)
}

func (r *fireflowTrafficChangeRequestResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readChangeRequestResource[fireflowTrafficChangeRequestModel](ctx, r.clients, fireflow.KindTraffic, req, resp)
}

// Update sets changed or added custom fields in place (PUT .../traffic/{id}/fields, the
// one documented edit; every other change replaces the request), and adopts, after an
// import, the inputs a read cannot recover.
func (r *fireflowTrafficChangeRequestResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var planned, prior types.Map
	var id types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("custom_fields"), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("custom_fields"), &prior)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	changed, diags := changedCustomFields(ctx, prior, planned, wasImported(ctx, req.Private))
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if len(changed) > 0 {
		c := changeRequestComputed{ID: id}
		crID, err := c.id()
		if err != nil {
			resp.Diagnostics.AddError("Invalid change request id", err.Error())
			return
		}
		client, diags := r.clients.fireflowClient(applianceOf(ctx, vendorFireFlow, req.Plan).ValueString())
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		if err := client.UpdateTrafficFields(ctx, crID, changed); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("custom_fields"), summaryFor(err, "FireFlow did not update the custom fields"),
				err.Error()+"\n\nThe state keeps the custom fields as they were before this apply.")
			return
		}
	}
	adoptConfiguration[fireflowTrafficChangeRequestModel](ctx, req, resp)
}

// Delete forgets the ticket: FireFlow has no API to cancel one.
func (r *fireflowTrafficChangeRequestResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	forgetChangeRequest(ctx, req, resp)
}

// ModifyPlan checks the FireFlow server before any request.
func (r *fireflowTrafficChangeRequestResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planChangeRequest(ctx, r.clients, req, resp)
}

func (r *fireflowTrafficChangeRequestResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importChangeRequest(ctx, r.clients, req, resp)
}

// request builds the POST body: ticket fields by key as the guide's example sends them,
// the devices by name, then the lines.
func (m *fireflowTrafficChangeRequestModel) request(ctx context.Context) (*fireflow.TrafficRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	r := &fireflow.TrafficRequest{Template: m.Template.ValueString()}
	for _, f := range []struct {
		key   string
		value types.String
	}{
		{trafficFieldSubject, m.Subject}, {trafficFieldDescription, m.Description}, {trafficFieldOwner, m.Owner},
		{trafficFieldRequestor, m.Requestor}, {trafficFieldDue, m.Due}, {trafficFieldExpire, m.Expire}, {trafficFieldExternalID, m.ExternalID},
	} {
		if !f.value.IsNull() {
			r.Fields = append(r.Fields, fireflow.Field{Key: f.key, Values: []string{f.value.ValueString()}})
		}
	}
	var devices []string
	diags.Append(m.Devices.ElementsAs(ctx, &devices, true)...)
	if len(devices) > 0 {
		r.Fields = append(r.Fields, fireflow.Field{Name: trafficFieldDevices, Values: devices})
	}
	var custom []fireflow.Field
	custom, diags = fieldsFromMap(ctx, m.CustomFields, diags, true)
	r.Fields = append(r.Fields, custom...)
	for _, l := range m.Traffic {
		line := fireflow.TrafficLine{Action: l.Action.ValueString()}
		line.Source, diags = trafficItems(ctx, l.Source, diags)
		line.Destination, diags = trafficItems(ctx, l.Destination, diags)
		line.Service, diags = trafficItems(ctx, l.Service, diags)
		if len(l.User) > 0 {
			var items fireflow.Items
			items, diags = trafficItems(ctx, l.User, diags)
			line.User = &items
		}
		if len(l.Application) > 0 {
			var items fireflow.Items
			items, diags = trafficItems(ctx, l.Application, diags)
			line.Application = &items
		}
		for _, n := range l.NAT {
			nat := &fireflow.NATDetails{Type: n.Type.ValueString()}
			diags.Append(n.Source.ElementsAs(ctx, &nat.Source, true)...)
			diags.Append(n.Destination.ElementsAs(ctx, &nat.Destination, true)...)
			diags.Append(n.Port.ElementsAs(ctx, &nat.Port, true)...)
			line.NAT = nat
		}
		line.Fields, diags = fieldsFromMap(ctx, l.CustomFields, diags, true)
		r.Traffic = append(r.Traffic, line)
	}
	return r, diags
}

func trafficItems(ctx context.Context, in []trafficItemModel, diags diag.Diagnostics) (fireflow.Items, diag.Diagnostics) {
	out := fireflow.Items{Items: make([]fireflow.Item, 0, len(in))}
	for _, it := range in {
		item := fireflow.Item{Value: it.Value.ValueString()}
		item.Fields, diags = fieldsFromMap(ctx, it.CustomFields, diags, true)
		out.Items = append(out.Items, item)
	}
	return out, diags
}

// recover fills the inputs an imported ticket holds: the ticket fields a read names
// unambiguously, and the lines' actions and items as they were requested when the read
// shows them (originalTraffic, or traffic; never plannedTraffic, FireFlow's
// normalisation). Dates, custom fields, devices (FireFlow lists the devices it planned
// on, asked for or not), NAT, and whatever the read leaves out (a real appliance's read
// shows neither template nor subject) stay unset, to be adopted from the configuration.
func (m *fireflowTrafficChangeRequestModel) recover(_ context.Context, cr *fireflow.ChangeRequest) diag.Diagnostics {
	str := func(names ...string) types.String { return nullIfEmpty(cr.FirstField(names...)) }
	m.Template = str("Ticket Template Name", "template")
	m.Subject = str("Subject")
	m.Description = str(trafficFieldDescription, "Description")
	m.Requestor = str("Requestor")
	m.Owner = str("Owner")
	m.ExternalID = str(trafficFieldExternalID, "ExternalId", "External Id")
	m.Devices = types.ListNull(types.StringType)
	m.CustomFields = types.MapNull(types.ListType{ElemType: types.StringType})
	// A read without the template recovers again at the next refresh: start afresh.
	m.Traffic = nil
	for _, l := range cr.Traffic {
		line := trafficLineModel{
			Action:       nullIfEmpty(l.Action),
			Source:       recoveredItems(&l.Source),
			Destination:  recoveredItems(&l.Destination),
			Service:      recoveredItems(&l.Service),
			User:         recoveredItems(l.User),
			Application:  recoveredItems(l.Application),
			CustomFields: types.MapNull(types.ListType{ElemType: types.StringType}),
		}
		m.Traffic = append(m.Traffic, line)
	}
	return nil
}

func recoveredItems(in *fireflow.Items) []trafficItemModel {
	var out []trafficItemModel
	for _, v := range in.Values() {
		out = append(out, trafficItemModel{Value: types.StringValue(v), CustomFields: types.MapNull(types.ListType{ElemType: types.StringType})})
	}
	return out
}

// creator builds the POST body, checks its template against FireFlow's list (nothing is
// opened with a template FireFlow does not offer), and returns the call that sends it.
func (m *fireflowTrafficChangeRequestModel) creator(ctx context.Context, client *fireflow.Client) (func() (*fireflow.Created, error), diag.Diagnostics) {
	body, diags := m.request(ctx)
	if diags.HasError() {
		return nil, diags
	}
	if err := client.CheckTemplate(ctx, body.Template); err != nil {
		var te *fireflow.TemplateError
		summary := summaryFor(err, "Checking the FireFlow template failed")
		switch {
		case errors.As(err, &te) && te.Disabled:
			summary = "FireFlow template disabled"
		case errors.As(err, &te):
			summary = "FireFlow has no such template"
		}
		diags.AddAttributeError(path.Root("template"), summary, err.Error()+"\n\nNothing was created.")
		return nil, diags
	}
	return func() (*fireflow.Created, error) { return client.CreateTrafficRequest(ctx, body) }, diags
}

// describe names the request so that a person can find it in FireFlow.
func (m *fireflowTrafficChangeRequestModel) describe() string {
	return describeRequest(m.Template, m.Subject, m.ExternalID)
}

// replaceIfCustomFieldRemoved updates custom fields in place, except where one is removed
// (FireFlow documents no way to clear a field) or the planned fields are not known yet:
// those replace the request. Right after an import, configured fields are adopted.
func replaceIfCustomFieldRemoved() planmodifier.Map {
	desc := "A changed or added custom field is updated in place; removing one replaces the resource."
	return mapplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.MapRequest, resp *mapplanmodifier.RequiresReplaceIfFuncResponse) {
		switch {
		case adoptIfImported(ctx, req.StateValue.IsNull(), req.Private), req.StateValue.IsNull():
			resp.RequiresReplace = false
		case req.PlanValue.IsNull() || req.PlanValue.IsUnknown():
			resp.RequiresReplace = true
		default:
			planned := req.PlanValue.Elements()
			for k := range req.StateValue.Elements() {
				if _, ok := planned[k]; !ok {
					resp.RequiresReplace = true
				}
			}
		}
	}, desc, desc)
}

// changedCustomFields are the planned custom fields whose values differ from the prior
// state's, by key: what the in-place update sends. Right after an import, with no prior
// fields, the configured ones are adopted and nothing is sent.
func changedCustomFields(ctx context.Context, prior, planned types.Map, imported bool) ([]fireflow.Field, diag.Diagnostics) {
	var diags diag.Diagnostics
	if planned.IsNull() || (prior.IsNull() && imported) {
		return nil, diags
	}
	var before, after map[string][]string
	if !prior.IsNull() {
		diags.Append(prior.ElementsAs(ctx, &before, false)...)
	}
	diags.Append(planned.ElementsAs(ctx, &after, false)...)
	var out []fireflow.Field
	for _, k := range sortedKeys(after) {
		if old, ok := before[k]; !ok || !slices.Equal(old, after[k]) {
			out = append(out, fireflow.Field{Key: k, Values: after[k]})
		}
	}
	return out, diags
}

// replaceUnlessSameTraffic is replaceUnlessSameBlocks for traffic lines, where FireFlow
// reads a line requested without users or applications with the item "any" (its default,
// fireflow.md section 9): right after an import, such a line matches a configured line
// without them.
func replaceUnlessSameTraffic() planmodifier.List {
	return listplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.ListRequest, resp *listplanmodifier.RequiresReplaceIfFuncResponse) {
		if !wasImported(ctx, req.Private) || req.StateValue.IsNull() || req.PlanValue.IsUnknown() {
			resp.RequiresReplace = !req.StateValue.IsNull() || !wasImported(ctx, req.Private)
			return
		}
		resp.RequiresReplace = !sameAdoptingObjects(req.PlanValue.Elements(), withoutDefaultItems(req.StateValue.Elements(), req.PlanValue.Elements()))
	}, adoptDescription, adoptDescription)
}

// withoutDefaultItems is the prior lines with a user or application side that holds only
// FireFlow's default "any" taken as the planned line's, where that one is empty.
func withoutDefaultItems(prior, planned []attr.Value) []attr.Value {
	out := make([]attr.Value, len(prior))
	for i, v := range prior {
		out[i] = v
		line, ok := v.(types.Object)
		if !ok || i >= len(planned) {
			continue
		}
		want, ok := planned[i].(types.Object)
		if !ok || want.IsNull() || want.IsUnknown() {
			continue
		}
		attrs := maps.Clone(line.Attributes())
		changed := false
		for _, side := range []string{"user", "application"} {
			p, okP := want.Attributes()[side].(types.List)
			s, okS := attrs[side].(types.List)
			if okP && okS && !p.IsUnknown() && len(p.Elements()) == 0 && onlyAny(s) {
				attrs[side] = p
				changed = true
			}
		}
		if changed {
			if o, diags := types.ObjectValue(line.AttributeTypes(context.Background()), attrs); !diags.HasError() {
				out[i] = o
			}
		}
	}
	return out
}

// onlyAny reports a side of one item "any" without custom fields.
func onlyAny(items types.List) bool {
	elems := items.Elements()
	if len(elems) != 1 {
		return false
	}
	item, ok := elems[0].(types.Object)
	if !ok {
		return false
	}
	value, ok := item.Attributes()["value"].(types.String)
	fields := item.Attributes()["custom_fields"]
	return ok && strings.EqualFold(value.ValueString(), "any") && (fields == nil || fields.IsNull())
}
