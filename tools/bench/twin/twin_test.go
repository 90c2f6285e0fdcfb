package main

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
	netops "github.com/netops/terraform-provider-netops/internal/provider"
)

const typ = "netops_fireflow_object_change_request"

// side is a provider server configured against a FireFlow mock, driven through the
// plugin protocol in-process (without the gRPC server).
type side struct {
	server  tfprotov6.ProviderServer
	objType tftypes.Type
	config  *tfprotov6.DynamicValue
	null    *tfprotov6.DynamicValue
	schema  *tfprotov6.GetProviderSchemaResponse
}

func newSide(tb testing.TB, p provider.Provider) *side {
	tb.Helper()
	ca, err := mock.NewAuthority()
	if err != nil {
		tb.Fatal(err)
	}
	srv, err := ca.Serve("fireflow", fireflowmock.New(fireflowmock.Options{}), "")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(srv.Close)
	server, err := providerserver.NewProtocol6WithError(p)()
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	schema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schema.Diagnostics) > 0 {
		tb.Fatal(err, schema.Diagnostics)
	}
	s := &side{server: server, schema: schema, objType: schema.ResourceSchemas[typ].ValueType()}
	providerCfg := value(tb, schema.Provider.ValueType(), map[string]any{"fireflow": map[string]any{
		"host": srv.Host(), "username": fireflowmock.Username, "password": fireflowmock.Password, "ca_cert_pem": string(ca.CertPEM()),
	}})
	conf, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: dynamic(tb, schema.Provider.ValueType(), providerCfg)})
	if err != nil || hasErrors(conf.Diagnostics) {
		tb.Fatal(err, conf.Diagnostics)
	}
	s.config = dynamic(tb, s.objType, value(tb, s.objType, map[string]any{
		"template": "135: Object Change Multi Device Request", "subject": "bench", "devices": []any{"FW_101"},
		"requested_action": []any{map[string]any{"action": "addObjectsToGroup", "name": "GR_Network_Devices", "type": "network", "is_group": true, "values": []any{"Net_10.163.40.232_31"}}},
	}))
	s.null = dynamic(tb, s.objType, tftypes.NewValue(s.objType, nil))
	return s
}

func (s *side) plan(tb testing.TB, prior *tfprotov6.DynamicValue, private []byte) *tfprotov6.PlanResourceChangeResponse {
	proposed := s.config
	if prior != s.null {
		proposed = prior
	}
	resp, err := s.server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: typ, PriorState: prior, ProposedNewState: proposed, Config: s.config, PriorPrivate: private,
	})
	if err != nil || hasErrors(resp.Diagnostics) {
		tb.Fatal(err, diagnosticsText(resp.Diagnostics))
	}
	return resp
}

func (s *side) create(tb testing.TB, planned *tfprotov6.PlanResourceChangeResponse) *tfprotov6.ApplyResourceChangeResponse {
	resp, err := s.server.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
		TypeName: typ, PriorState: s.null, PlannedState: planned.PlannedState, Config: s.config, PlannedPrivate: planned.PlannedPrivate,
	})
	if err != nil || hasErrors(resp.Diagnostics) {
		tb.Fatal(err, diagnosticsText(resp.Diagnostics))
	}
	return resp
}

func (s *side) read(tb testing.TB, state *tfprotov6.DynamicValue, private []byte) *tfprotov6.ReadResourceResponse {
	resp, err := s.server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{TypeName: typ, CurrentState: state, Private: private})
	if err != nil || hasErrors(resp.Diagnostics) {
		tb.Fatal(err, diagnosticsText(resp.Diagnostics))
	}
	return resp
}

func (s *side) validate(tb testing.TB) {
	resp, err := s.server.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{TypeName: typ, Config: s.config})
	if err != nil || hasErrors(resp.Diagnostics) {
		tb.Fatal(err, diagnosticsText(resp.Diagnostics))
	}
}

// build returns the production provider or its twin.
func build(name string) provider.Provider {
	if name == "twin" {
		return newTwinProvider(netops.New("bench")())
	}
	return netops.New("bench")()
}

func sides(tb testing.TB) map[string]*side {
	return map[string]*side{"provider": newSide(tb, build("provider")), "twin": newSide(tb, build("twin"))}
}

// The twin's schema is the provider's, and a create, a refresh and a no-change plan go
// through it without a request.
func TestTwinHasTheProductionSchema(t *testing.T) {
	s := sides(t)
	p, tw := s["provider"].schema, s["twin"].schema
	if !p.ResourceSchemas[typ].ValueType().Equal(tw.ResourceSchemas[typ].ValueType()) {
		t.Fatal("the twin's resource type differs from the provider's")
	}
	if got, want := len(tw.ResourceSchemas), len(p.ResourceSchemas); got != want {
		t.Fatalf("the twin has %d resource types, the provider %d", got, want)
	}
	if !p.Provider.ValueType().Equal(tw.Provider.ValueType()) {
		t.Fatal("the twin's provider configuration differs from the provider's")
	}
	for name, sd := range s {
		planned := sd.plan(t, sd.null, nil)
		created := sd.create(t, planned)
		read := sd.read(t, created.NewState, created.Private)
		again := sd.plan(t, read.NewState, read.Private)
		if len(again.RequiresReplace) > 0 {
			t.Errorf("%s: a no-change plan after create requires replacing %v", name, again.RequiresReplace)
		}
	}
}

// Paired in-process benchmarks of the provider and its twin (go test -bench . -benchmem
// ./tools/bench/twin/): what the FireFlow requests and their handling add to the
// framework's own work, without Terraform, gRPC or other processes on the CPUs.
func BenchmarkCreate(b *testing.B) {
	for _, name := range []string{"twin", "provider"} {
		sd := newSide(b, build(name))
		b.Run(name, func(b *testing.B) {
			planned := sd.plan(b, sd.null, nil)
			b.ReportAllocs()
			for b.Loop() {
				sd.create(b, planned)
			}
		})
	}
}

func BenchmarkRefreshAndPlan(b *testing.B) {
	for _, name := range []string{"twin", "provider"} {
		sd := newSide(b, build(name))
		b.Run(name, func(b *testing.B) {
			created := sd.create(b, sd.plan(b, sd.null, nil))
			b.ReportAllocs()
			for b.Loop() {
				read := sd.read(b, created.NewState, created.Private)
				sd.plan(b, read.NewState, read.Private)
			}
		})
	}
}

func BenchmarkValidate(b *testing.B) {
	for _, name := range []string{"twin", "provider"} {
		sd := newSide(b, build(name))
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sd.validate(b)
			}
		})
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

func dynamic(tb testing.TB, t tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	dv, err := tfprotov6.NewDynamicValue(t, v)
	if err != nil {
		tb.Fatal(err)
	}
	return &dv
}

// value builds a value of type t from Go maps, slices and scalars; what is missing is null.
func value(tb testing.TB, t tftypes.Type, v any) tftypes.Value {
	tb.Helper()
	if v == nil {
		return tftypes.NewValue(t, nil)
	}
	switch x := v.(type) {
	case map[string]any:
		if m, ok := t.(tftypes.Map); ok {
			vals := map[string]tftypes.Value{}
			for k, e := range x {
				vals[k] = value(tb, m.ElementType, e)
			}
			return tftypes.NewValue(m, vals)
		}
		obj, ok := t.(tftypes.Object)
		if !ok {
			tb.Fatalf("a map given for %s", t)
		}
		vals := map[string]tftypes.Value{}
		for name, at := range obj.AttributeTypes {
			vals[name] = value(tb, at, x[name])
		}
		for name := range x {
			if _, ok := obj.AttributeTypes[name]; !ok {
				tb.Fatalf("no attribute %q in %s", name, t)
			}
		}
		return tftypes.NewValue(obj, vals)
	case []any:
		var elem tftypes.Type
		switch c := t.(type) {
		case tftypes.List:
			elem = c.ElementType
		case tftypes.Set:
			elem = c.ElementType
		default:
			tb.Fatalf("a list given for %s", t)
		}
		vals := make([]tftypes.Value, 0, len(x))
		for _, e := range x {
			vals = append(vals, value(tb, elem, e))
		}
		return tftypes.NewValue(t, vals)
	case int:
		return tftypes.NewValue(t, big.NewFloat(float64(x)))
	default:
		return tftypes.NewValue(t, x)
	}
}

func diagnosticsText(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "[%s] %s: %s\n", d.Severity, d.Summary, d.Detail)
	}
	return b.String()
}
