package provider

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
)

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

// describe names the request so that a person can find it in FireFlow.
func (m *fireflowRuleRemovalRequestModel) describe() string {
	return describeRequest(m.Template, m.Subject, types.StringNull())
}
