package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
)

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
			action.IsGroup = "false"
			if a.IsGroup.ValueBool() {
				action.IsGroup = "true"
			}
		}
		diags.Append(a.Values.ElementsAs(ctx, &action.Values, true)...)
		r.RequestedActions = append(r.RequestedActions, action)
	}
	return r, diags
}

// fieldsFromMap turns a map(list(string)) into fields named by key (custom fields) or by name.
func fieldsFromMap(ctx context.Context, m types.Map, diags diag.Diagnostics, byKey bool) ([]fireflow.Field, diag.Diagnostics) {
	if m.IsNull() || m.IsUnknown() {
		return nil, diags
	}
	var values map[string][]string
	diags.Append(m.ElementsAs(ctx, &values, false)...)
	out := make([]fireflow.Field, 0, len(values))
	for _, k := range sortedKeys(values) {
		f := fireflow.Field{Values: values[k]}
		if byKey {
			f.Key = k
		} else {
			f.Name = k
		}
		out = append(out, f)
	}
	return out, diags
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

func stringOf(m map[string]any, keys ...string) string {
	for _, k := range keys {
		if s, ok := m[k].(string); ok && s != "" {
			return s
		}
	}
	return ""
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

// describe names the request so that a person can find it in FireFlow.
func (m *fireflowObjectChangeRequestModel) describe() string {
	return describeRequest(m.Template, m.Subject, m.ExternalID)
}
