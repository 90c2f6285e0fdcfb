package provider

import (
	"context"
	"fmt"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// protocolProvider drives one provider server at the plugin protocol level, as Terraform
// 1.14+ does for actions.
type protocolProvider struct {
	t      testing.TB
	server tfprotov6.ProviderServerWithActions //nolint:staticcheck // the action RPCs live there until they join ProviderServer
	schema *tfprotov6.GetProviderSchemaResponse
}

// newProtocolProvider starts a provider server and configures it with cfg (attribute and
// block values by name; nested blocks as map[string]any).
func newProtocolProvider(t testing.TB, cfg map[string]any) *protocolProvider {
	t.Helper()
	ps, err := testProviderServer()
	if err != nil {
		t.Fatal(err)
	}
	server, ok := ps.(tfprotov6.ProviderServerWithActions) //nolint:staticcheck // see protocolProvider
	if !ok {
		t.Fatal("the provider server does not serve actions")
	}
	ctx := context.Background()
	schema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || hasErrors(schema.Diagnostics) {
		t.Fatalf("GetProviderSchema: %v %v", err, schema.Diagnostics)
	}
	p := &protocolProvider{t: t, server: server, schema: schema}
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.14.0", Config: p.value(schema.Provider.ValueType(), cfg)})
	if err != nil || hasErrors(resp.Diagnostics) {
		t.Fatalf("ConfigureProvider: %v %s", err, diagnosticsText(resp.Diagnostics))
	}
	return p
}

// actionResult is what an invocation streamed back.
type actionResult struct {
	progress    []string
	diagnostics []*tfprotov6.Diagnostic
}

// invoke validates, plans and invokes an action, collecting its events. Validation or
// plan errors are returned without invoking.
func (p *protocolProvider) invoke(actionType string, cfg map[string]any) actionResult {
	p.t.Helper()
	ctx := context.Background()
	as, ok := p.schema.ActionSchemas[actionType]
	if !ok {
		p.t.Fatalf("the provider declares no action %s", actionType)
	}
	config := p.value(as.Schema.ValueType(), cfg)
	vr, err := p.server.ValidateActionConfig(ctx, &tfprotov6.ValidateActionConfigRequest{ActionType: actionType, Config: config})
	if err != nil {
		p.t.Fatal(err)
	}
	if hasErrors(vr.Diagnostics) {
		return actionResult{diagnostics: vr.Diagnostics}
	}
	pr, err := p.server.PlanAction(ctx, &tfprotov6.PlanActionRequest{ActionType: actionType, Config: config})
	if err != nil {
		p.t.Fatal(err)
	}
	if hasErrors(pr.Diagnostics) {
		return actionResult{diagnostics: pr.Diagnostics}
	}
	stream, err := p.server.InvokeAction(ctx, &tfprotov6.InvokeActionRequest{ActionType: actionType, Config: config})
	if err != nil {
		p.t.Fatal(err)
	}
	var res actionResult
	for ev := range stream.Events {
		switch e := ev.Type.(type) {
		case tfprotov6.ProgressInvokeActionEventType:
			res.progress = append(res.progress, e.Message)
		case tfprotov6.CompletedInvokeActionEventType:
			res.diagnostics = append(res.diagnostics, e.Diagnostics...)
		}
	}
	return res
}

// value encodes cfg as a DynamicValue of type typ, every attribute not given being null.
func (p *protocolProvider) value(typ tftypes.Type, cfg map[string]any) *tfprotov6.DynamicValue {
	p.t.Helper()
	v := toValue(p.t, typ, cfg)
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		p.t.Fatal(err)
	}
	return &dv
}

func toValue(t testing.TB, typ tftypes.Type, v any) tftypes.Value {
	t.Helper()
	if v == nil {
		return tftypes.NewValue(typ, nil)
	}
	switch x := v.(type) {
	case map[string]any:
		obj, ok := typ.(tftypes.Object)
		if !ok {
			t.Fatalf("a map given for %s", typ)
		}
		vals := map[string]tftypes.Value{}
		for name, at := range obj.AttributeTypes {
			vals[name] = toValue(t, at, x[name])
		}
		for name := range x {
			if _, ok := obj.AttributeTypes[name]; !ok {
				t.Fatalf("no attribute %q in %s", name, typ)
			}
		}
		return tftypes.NewValue(obj, vals)
	case []any:
		var elem tftypes.Type
		switch c := typ.(type) {
		case tftypes.List:
			elem = c.ElementType
		case tftypes.Set:
			elem = c.ElementType
		default:
			t.Fatalf("a list given for %s", typ)
		}
		vals := make([]tftypes.Value, 0, len(x))
		for _, e := range x {
			vals = append(vals, toValue(t, elem, e))
		}
		return tftypes.NewValue(typ, vals)
	case int:
		return tftypes.NewValue(typ, big.NewFloat(float64(x)))
	default:
		return tftypes.NewValue(typ, x)
	}
}

func hasErrors(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

func diagnosticsText(diags []*tfprotov6.Diagnostic) string {
	s := ""
	for _, d := range diags {
		s += fmt.Sprintf("[%s] %s: %s\n", d.Severity, d.Summary, d.Detail)
	}
	return s
}
