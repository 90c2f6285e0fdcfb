package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
)

// The provider's share of a refresh and a no-change plan of one FireFlow change request,
// at the plugin protocol level (go test -bench . -run ^$ ./internal/provider/).
func BenchmarkFireFlowRefreshAndPlan(b *testing.B) {
	ca := testAuthorityB(b)
	ff := fireflowmock.New(fireflowmock.Options{})
	srv, err := ff.Serve(ca, "")
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	p := newProtocolProvider(b, map[string]any{"fireflow": map[string]any{
		"host": srv.Host(), "username": fireflowmock.Username, "password": fireflowmock.Password,
		"ca_cert_pem": string(ca.CertPEM()),
	}})
	const typ = "netops_fireflow_object_change_request"
	objType := p.schema.ResourceSchemas[typ].ValueType()
	config := toValue(b, objType, map[string]any{
		"template": "135: Object Change Multi Device Request", "subject": "bench", "devices": []any{"FW_101"},
		"requested_action": []any{map[string]any{"action": "addObjectsToGroup", "name": "GR_Network_Devices", "type": "network", "is_group": true, "values": []any{"Net_10.163.40.232_31"}}},
	})
	ctx := context.Background()
	cfg := dynamic(b, objType, config)
	plan, err := p.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typ, PriorState: dynamic(b, objType, tftypes.NewValue(objType, nil)), ProposedNewState: cfg, Config: cfg})
	if err != nil || hasErrors(plan.Diagnostics) {
		b.Fatal(err, diagnosticsText(plan.Diagnostics))
	}
	applied, err := p.server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: typ, PriorState: dynamic(b, objType, tftypes.NewValue(objType, nil)), PlannedState: plan.PlannedState, Config: cfg})
	if err != nil || hasErrors(applied.Diagnostics) {
		b.Fatal(err, diagnosticsText(applied.Diagnostics))
	}
	state := applied.NewState
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		read, err := p.server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: typ, CurrentState: state, Private: applied.Private})
		if err != nil || hasErrors(read.Diagnostics) {
			b.Fatal(err, diagnosticsText(read.Diagnostics))
		}
		pl, err := p.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typ, PriorState: read.NewState, ProposedNewState: read.NewState, Config: cfg, PriorPrivate: read.Private})
		if err != nil || hasErrors(pl.Diagnostics) {
			b.Fatal(err, diagnosticsText(pl.Diagnostics))
		}
	}
}

func dynamic(b *testing.B, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		b.Fatal(err)
	}
	return &dv
}

// The provider's share of creating one FireFlow change request (the POST and the read-back
// included), at the plugin protocol level.
func BenchmarkFireFlowCreate(b *testing.B) {
	ca := testAuthorityB(b)
	ff := fireflowmock.New(fireflowmock.Options{})
	srv, err := ff.Serve(ca, "")
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	p := newProtocolProvider(b, map[string]any{"fireflow": map[string]any{
		"host": srv.Host(), "username": fireflowmock.Username, "password": fireflowmock.Password,
		"ca_cert_pem": string(ca.CertPEM()),
	}})
	const typ = "netops_fireflow_object_change_request"
	objType := p.schema.ResourceSchemas[typ].ValueType()
	config := toValue(b, objType, map[string]any{
		"template": "135: Object Change Multi Device Request", "subject": "bench", "devices": []any{"FW_101"},
		"requested_action": []any{map[string]any{"action": "addObjectsToGroup", "name": "GR_Network_Devices", "type": "network", "is_group": true, "values": []any{"Net_10.163.40.232_31"}}},
	})
	ctx := context.Background()
	cfg := dynamic(b, objType, config)
	null := dynamic(b, objType, tftypes.NewValue(objType, nil))
	plan, err := p.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typ, PriorState: null, ProposedNewState: cfg, Config: cfg})
	if err != nil || hasErrors(plan.Diagnostics) {
		b.Fatal(err, diagnosticsText(plan.Diagnostics))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		applied, err := p.server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: typ, PriorState: null, PlannedState: plan.PlannedState, Config: cfg})
		if err != nil || hasErrors(applied.Diagnostics) {
			b.Fatal(err, diagnosticsText(applied.Diagnostics))
		}
	}
}

// The provider's share of validating one FireFlow change request's configuration, which
// Terraform asks for several times per command.
func BenchmarkFireFlowValidate(b *testing.B) {
	p := newProtocolProvider(b, map[string]any{})
	const typ = "netops_fireflow_object_change_request"
	objType := p.schema.ResourceSchemas[typ].ValueType()
	cfg := dynamic(b, objType, toValue(b, objType, map[string]any{
		"template": "135: Object Change Multi Device Request", "subject": "bench", "devices": []any{"FW_101"},
		"requested_action": []any{map[string]any{"action": "addObjectsToGroup", "name": "GR_Network_Devices", "type": "network", "is_group": true, "values": []any{"Net_10.163.40.232_31"}}},
	}))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		resp, err := p.server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: typ, Config: cfg})
		if err != nil || hasErrors(resp.Diagnostics) {
			b.Fatal(err, diagnosticsText(resp.Diagnostics))
		}
	}
}
