package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// createResult is what a create through the plugin protocol left: the new state flattened
// ("nodes.#", "nodes.0.token"), nil when none was saved, and every diagnostic.
type createResult struct {
	state       map[string]string
	diagnostics []*tfprotov6.Diagnostic
}

// create calls the provider's RPCs of a creation of typeName directly (validate, plan with
// the write-only values left out of the proposed state, apply), from cfg (attribute values
// by name). A protocol-level test of the provider's answers, not a stand-in for Terraform:
// what Terraform does with them, the acceptance cases show.
func (p *protocolProvider) create(typeName string, cfg map[string]any) createResult {
	p.t.Helper()
	ctx := context.Background()
	rs, ok := p.schema.ResourceSchemas[typeName]
	if !ok {
		p.t.Fatalf("the provider declares no resource %s", typeName)
	}
	typ := rs.ValueType()
	config := p.value(typ, cfg)
	proposed := map[string]any{}
	for k, v := range cfg {
		proposed[k] = v
	}
	for _, a := range rs.Block.Attributes {
		if a.WriteOnly {
			delete(proposed, a.Name)
		}
	}
	vr, err := p.server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{
		TypeName: typeName, Config: config,
		ClientCapabilities: &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: true},
	})
	if err != nil {
		p.t.Fatal(err)
	}
	if hasErrors(vr.Diagnostics) {
		return createResult{diagnostics: vr.Diagnostics}
	}
	nullValue, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
	if err != nil {
		p.t.Fatal(err)
	}
	null := &nullValue
	pr, err := p.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: typeName, PriorState: null, ProposedNewState: p.value(typ, proposed), Config: config,
	})
	if err != nil {
		p.t.Fatal(err)
	}
	if hasErrors(pr.Diagnostics) {
		return createResult{diagnostics: pr.Diagnostics}
	}
	ar, err := p.server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: typeName, PriorState: null, PlannedState: pr.PlannedState, Config: config,
		PlannedPrivate: pr.PlannedPrivate, PlannedIdentity: pr.PlannedIdentity,
	})
	if err != nil {
		p.t.Fatal(err)
	}
	res := createResult{diagnostics: ar.Diagnostics}
	if ar.NewState != nil {
		v, err := ar.NewState.Unmarshal(typ)
		if err != nil {
			p.t.Fatal(err)
		}
		if !v.IsNull() {
			plain, err := plainValue(v)
			if err != nil {
				p.t.Fatal(err)
			}
			res.state = map[string]string{}
			flatten(res.state, "", plain)
		}
	}
	return res
}

// diagnosed reports whether one diagnostic's summary and detail hold every part.
func diagnosed(diags []*tfprotov6.Diagnostic, parts ...string) bool {
	for _, d := range diags {
		text := d.Summary + "\n" + d.Detail
		if pathString(d.Attribute) != "" {
			text += "\n" + pathString(d.Attribute)
		}
		all := true
		for _, p := range parts {
			all = all && strings.Contains(text, p)
		}
		if all {
			return true
		}
	}
	return false
}

// newClusterProtocolProvider is a provider whose loginsight.host is the fixture's first
// node, logging in as the admin the tests bootstrap it with.
func (f *liFixture) newClusterProtocolProvider(t *testing.T) *protocolProvider {
	return newProtocolProvider(t, map[string]any{
		"retry": map[string]any{"min_backoff": "50ms", "max_backoff": "200ms"},
		"loginsight": map[string]any{
			"host": f.nodes[0].Host(), "username": liNewAdmin, "password": liNewPassword,
			"ca_cert_pem": string(testAuthority(t).CertPEM()),
		},
	})
}
