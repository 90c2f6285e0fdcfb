package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// planDiagnostic is a diagnostic with the address Terraform would print after "with".
type planDiagnostic struct {
	addr      string // providerAddr, or the resource / data source address
	severity  tfprotov6.DiagnosticSeverity
	summary   string
	detail    string
	attribute string // the attribute path in the framework's notation, "" when none
}

func (d planDiagnostic) String() string {
	return fmt.Sprintf("[%s] %s (%s): %s: %s", d.severity, d.addr, d.attribute, d.summary, d.detail)
}

// planInProcess runs a configuration through the plugin protocol the way `terraform plan`
// does for objects that do not exist yet, without starting Terraform: every provider
// block, resource and data source is validated (ValidateProviderConfig,
// ValidateResourceConfig, ValidateDataResourceConfig); if that passes, each provider is
// configured; if that passes, each resource is planned (PlanResourceChange from a null
// prior state) and each data source read. Each provider block gets its own server, as
// each local provider name does in the acceptance tests. Terraform's own checks (HCL
// syntax, argument types) are made by decoding against the provider's schema.
func planInProcess(t *testing.T, config string) []planDiagnostic {
	t.Helper()
	diags, _ := runInProcess(t, config, modePlan)
	return diags
}

// applyInProcess is planInProcess followed, when the plan has no error, by the apply of
// each resource (ApplyResourceChange with the planned state), as `terraform apply` does
// for objects that do not exist yet. The resources may not refer to one another.
func applyInProcess(t *testing.T, config string) []planDiagnostic {
	t.Helper()
	diags, _ := runInProcess(t, config, modeApply)
	return diags
}

// runInProcess plans, and applies when apply is set; the state holds what the data
// sources read and the resources applied returned, as the test framework shows
// Terraform's state to check functions.
type inProcessMode int

const (
	modePlan    inProcessMode = iota
	modeApply                 // plan, then apply
	modeDestroy               // plan, apply, then destroy in reverse order
)

// afterApply, when set, checks the state between the apply and the destroy.
func runInProcess(t *testing.T, config string, mode inProcessMode, afterApply ...resource.TestCheckFunc) ([]planDiagnostic, *terraform.State) {
	t.Helper()
	// A root module of its own (terraform.NewState logs a lineage on every call).
	state := &terraform.State{Modules: []*terraform.ModuleState{{Path: []string{"root"}, Resources: map[string]*terraform.ResourceState{}}}}
	ctx := context.Background()
	file, parseDiags := hclsyntax.ParseConfig([]byte(config), "terraform_plugin_test.tf", hcl.InitialPos)
	if parseDiags.HasErrors() {
		t.Fatalf("the configuration does not parse: %s", parseDiags)
	}
	body := file.Body.(*hclsyntax.Body)

	servers := map[string]*planServer{}
	server := func(name string) *planServer {
		if s := servers[name]; s != nil {
			return s
		}
		s := newPlanServer(t)
		servers[name] = s
		return s
	}
	type object struct {
		kind, typ, addr string
		server          *planServer
		body            hcl.Body
		config          *tfprotov6.DynamicValue
		plan            *tfprotov6.PlanResourceChangeResponse
		applied         *tfprotov6.DynamicValue
	}
	var providers, objects []*object
	for _, b := range body.Blocks {
		switch b.Type {
		case "provider":
			providers = append(providers, &object{kind: "provider", addr: providerAddr, server: server(b.Labels[0]), body: b.Body})
		case "resource", "data":
			name := "netops"
			meta, remain, diags := b.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "provider"}, {Name: "depends_on"}}})
			if diags.HasErrors() {
				t.Fatalf("%s %v: %s", b.Type, b.Labels, diags)
			}
			if a, ok := meta.Attributes["provider"]; ok {
				tr, d := hcl.AbsTraversalForExpr(a.Expr)
				if d.HasErrors() {
					t.Fatalf("%s %v: provider: %s", b.Type, b.Labels, d)
				}
				name = tr.RootName()
			}
			addr := b.Labels[0] + "." + b.Labels[1]
			if b.Type == "data" {
				addr = "data." + addr
			}
			objects = append(objects, &object{kind: b.Type, typ: b.Labels[0], addr: addr, server: server(name), body: remain})
		case "terraform": // required_providers: the servers are already chosen by local name
		default:
			t.Fatalf("the in-process plan does not handle %s blocks", b.Type)
		}
	}

	var out []planDiagnostic
	add := func(addr string, diags []*tfprotov6.Diagnostic) {
		for _, d := range diags {
			out = append(out, planDiagnostic{addr: addr, severity: d.Severity, summary: d.Summary, detail: d.Detail, attribute: pathString(d.Attribute)})
		}
	}
	failed := func() bool {
		for _, d := range out {
			if d.severity == tfprotov6.DiagnosticSeverityError {
				return true
			}
		}
		return false
	}
	decode := func(o *object, block *tfprotov6.SchemaBlock) {
		v, diags := decodeBlock(o.body, block)
		for _, d := range diags {
			out = append(out, planDiagnostic{addr: o.addr, severity: tfprotov6.DiagnosticSeverityError, summary: d.Summary, detail: d.Detail})
		}
		o.config = v
	}

	// Validation.
	for _, p := range providers {
		decode(p, p.server.schema.Provider.Block)
		if p.config == nil {
			continue
		}
		r, err := p.server.ValidateProviderConfig(ctx, &tfprotov6.ValidateProviderConfigRequest{Config: p.config})
		must(t, err)
		add(p.addr, r.Diagnostics)
	}
	for _, o := range objects {
		switch o.kind {
		case "resource":
			s, ok := o.server.schema.ResourceSchemas[o.typ]
			if !ok {
				t.Fatalf("no resource type %s", o.typ)
			}
			if decode(o, s.Block); o.config == nil {
				continue
			}
			r, err := o.server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{
				TypeName: o.typ, Config: o.config,
				// As Terraform 1.11+ (the version ConfigureProvider names below) sends it.
				ClientCapabilities: &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: true},
			})
			must(t, err)
			add(o.addr, r.Diagnostics)
		case "data":
			s, ok := o.server.schema.DataSourceSchemas[o.typ]
			if !ok {
				t.Fatalf("no data source type %s", o.typ)
			}
			if decode(o, s.Block); o.config == nil {
				continue
			}
			r, err := o.server.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: o.typ, Config: o.config})
			must(t, err)
			add(o.addr, r.Diagnostics)
		}
	}
	if failed() {
		return out, state
	}

	// Configuration of each provider.
	for _, p := range providers {
		r, err := p.server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: p.config})
		must(t, err)
		add(p.addr, r.Diagnostics)
	}
	if failed() {
		return out, state
	}

	// The plan.
	for _, o := range objects {
		switch o.kind {
		case "resource":
			typ := o.server.schema.ResourceSchemas[o.typ].ValueType()
			null, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
			must(t, err)
			r, err := o.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
				TypeName: o.typ, PriorState: &null, ProposedNewState: o.config, Config: o.config,
			})
			must(t, err)
			add(o.addr, r.Diagnostics)
			o.plan = r
		case "data":
			r, err := o.server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: o.typ, Config: o.config})
			must(t, err)
			add(o.addr, r.Diagnostics)
			addState(t, state, o.addr, o.typ, o.server.schema.DataSourceSchemas[o.typ].ValueType(), r.State)
		}
	}
	if mode == modePlan || failed() {
		return out, state
	}

	// The apply.
	for _, o := range objects {
		if o.kind != "resource" {
			continue
		}
		typ := o.server.schema.ResourceSchemas[o.typ].ValueType()
		null, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
		must(t, err)
		r, err := o.server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
			TypeName: o.typ, PriorState: &null, PlannedState: o.plan.PlannedState, Config: o.config, PlannedPrivate: o.plan.PlannedPrivate,
		})
		must(t, err)
		add(o.addr, r.Diagnostics)
		addState(t, state, o.addr, o.typ, typ, r.NewState)
		o.applied = r.NewState
	}
	if mode != modeDestroy || failed() {
		return out, state
	}
	for _, check := range afterApply {
		if err := check(state); err != nil {
			t.Fatalf("after the apply: %v", err)
		}
	}

	// The destroy, dependents first (the resources are in dependency order).
	for i := len(objects) - 1; i >= 0; i-- {
		o := objects[i]
		if o.kind != "resource" || o.applied == nil {
			continue
		}
		typ := o.server.schema.ResourceSchemas[o.typ].ValueType()
		null, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
		must(t, err)
		p, err := o.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
			TypeName: o.typ, PriorState: o.applied, ProposedNewState: &null, Config: &null,
		})
		must(t, err)
		add(o.addr, p.Diagnostics)
		if failed() {
			return out, state
		}
		r, err := o.server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
			TypeName: o.typ, PriorState: o.applied, PlannedState: p.PlannedState, Config: &null, PlannedPrivate: p.PlannedPrivate,
		})
		must(t, err)
		add(o.addr, r.Diagnostics)
	}
	return out, state
}

// planServer is one provider server with its schema.
type planServer struct {
	tfprotov6.ProviderServer
	schema *tfprotov6.GetProviderSchemaResponse
}

func newPlanServer(t *testing.T) *planServer {
	t.Helper()
	ps, err := providerserver.NewProtocol6WithError(testProvider()())()
	must(t, err)
	schema, err := ps.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	must(t, err)
	if hasErrors(schema.Diagnostics) {
		t.Fatalf("GetProviderSchema: %s", diagnosticsText(schema.Diagnostics))
	}
	return &planServer{ProviderServer: ps, schema: schema}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// decodeBlock decodes an HCL body against a schema block into the JSON form of a
// DynamicValue, as Terraform decodes configuration before sending it to a provider.
// Block nesting limits are left to the provider, which enforces them itself.
func decodeBlock(body hcl.Body, block *tfprotov6.SchemaBlock) (*tfprotov6.DynamicValue, hcl.Diagnostics) {
	spec, err := blockSpec(block)
	if err != nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Unsupported schema", Detail: err.Error()}}
	}
	v, diags := hcldec.Decode(body, spec, nil)
	if diags.HasErrors() {
		return nil, diags
	}
	ty, err := ctyType(block.ValueType())
	if err != nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Unsupported schema", Detail: err.Error()}}
	}
	b, err := ctyjson.Marshal(v, ty)
	if err != nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid value", Detail: err.Error()}}
	}
	return &tfprotov6.DynamicValue{JSON: b}, nil
}

func blockSpec(block *tfprotov6.SchemaBlock) (hcldec.Spec, error) {
	spec := hcldec.ObjectSpec{}
	for _, a := range block.Attributes {
		ty, err := ctyType(a.ValueType())
		if err != nil {
			return nil, err
		}
		spec[a.Name] = &hcldec.AttrSpec{Name: a.Name, Type: ty, Required: a.Required}
	}
	for _, nb := range block.BlockTypes {
		inner, err := blockSpec(nb.Block)
		if err != nil {
			return nil, err
		}
		switch nb.Nesting {
		case tfprotov6.SchemaNestedBlockNestingModeSingle, tfprotov6.SchemaNestedBlockNestingModeGroup:
			spec[nb.TypeName] = &hcldec.BlockSpec{TypeName: nb.TypeName, Nested: inner}
		case tfprotov6.SchemaNestedBlockNestingModeList:
			spec[nb.TypeName] = &hcldec.BlockListSpec{TypeName: nb.TypeName, Nested: inner}
		case tfprotov6.SchemaNestedBlockNestingModeSet:
			spec[nb.TypeName] = &hcldec.BlockSetSpec{TypeName: nb.TypeName, Nested: inner}
		default:
			return nil, fmt.Errorf("block %s: nesting mode %s is not handled", nb.TypeName, nb.Nesting)
		}
	}
	return spec, nil
}

// ctyType converts a tftypes type through their shared JSON type notation.
func ctyType(t tftypes.Type) (cty.Type, error) {
	b, err := json.Marshal(t)
	if err != nil {
		return cty.NilType, err
	}
	return ctyjson.UnmarshalType(b)
}

// pathString writes an attribute path as the framework does: a.b[0].c, m["k"], s[Value("v")].
func pathString(p *tftypes.AttributePath) string {
	if p == nil {
		return ""
	}
	var b strings.Builder
	for _, step := range p.Steps() {
		switch s := step.(type) {
		case tftypes.AttributeName:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(string(s))
		case tftypes.ElementKeyInt:
			fmt.Fprintf(&b, "[%d]", int64(s))
		case tftypes.ElementKeyString:
			fmt.Fprintf(&b, "[%q]", string(s))
		case tftypes.ElementKeyValue:
			var str string
			if err := tftypes.Value(s).As(&str); err == nil {
				fmt.Fprintf(&b, "[Value(%q)]", str)
			} else {
				fmt.Fprintf(&b, "[Value(%s)]", tftypes.Value(s))
			}
		}
	}
	return b.String()
}

// expectPlanError asserts that planning config in-process fails with an error whose
// summary and detail match want.
func expectPlanError(t *testing.T, config string, want *regexp.Regexp) {
	t.Helper()
	expectError(t, planInProcess(t, config), want)
}

// applyInProcessState applies config in-process (applyInProcess), fails the test on any
// error, and returns the state for check functions.
func applyInProcessState(t *testing.T, config string) *terraform.State {
	t.Helper()
	return mustRunInProcess(t, config, modeApply)
}

// applyDestroyInProcess applies config in-process, runs check on the state, then destroys
// what it applied, failing the test on any error.
func applyDestroyInProcess(t *testing.T, config string, check resource.TestCheckFunc) {
	t.Helper()
	mustRunInProcess(t, config, modeDestroy, check)
}

func mustRunInProcess(t *testing.T, config string, mode inProcessMode, afterApply ...resource.TestCheckFunc) *terraform.State {
	t.Helper()
	diags, state := runInProcess(t, config, mode, afterApply...)
	for _, d := range diags {
		if d.severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("applying in-process: %s", d)
		}
	}
	return state
}

// checkInProcess applies config in-process and runs check on the state, as a test step
// with Config and Check does through Terraform (without the plans after the apply, nor
// the destroy: the types' Terraform tests cover those).
func checkInProcess(t *testing.T, config string, check resource.TestCheckFunc) {
	t.Helper()
	if err := check(applyInProcessState(t, config)); err != nil {
		t.Fatal(err)
	}
}

// expectApplyError asserts that applying config in-process (applyInProcess) fails with
// an error whose summary and detail match want.
func expectApplyError(t *testing.T, config string, want *regexp.Regexp) {
	t.Helper()
	expectError(t, applyInProcess(t, config), want)
}

func expectError(t *testing.T, diags []planDiagnostic, want *regexp.Regexp) {
	t.Helper()
	for _, d := range diags {
		if d.severity == tfprotov6.DiagnosticSeverityError && want.MatchString(d.summary+"\n\n"+d.detail) {
			return
		}
	}
	var b strings.Builder
	for _, d := range diags {
		b.WriteString("\n  " + d.String())
	}
	t.Errorf("no error matching %s; got:%s", want, b.String())
}
