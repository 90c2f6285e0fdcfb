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
// does for objects that do not exist yet, without starting Terraform (the in-process run of
// inprocess_*_test.go): the provider blocks, resources and data sources are validated; if
// that passes, each provider is configured; if that passes, the resources are planned and
// the data sources read. Each provider local name gets its own server, as in the
// acceptance tests. It returns the errors.
func planInProcess(t *testing.T, config string) []planDiagnostic {
	t.Helper()
	_, err := newInProcessRunOf(t, config).plan(false)
	return diagnosticsOf(err)
}

// applyInProcess is planInProcess followed, when the plan has no error, by its apply, as
// `terraform apply` does for objects that do not exist yet.
func applyInProcess(t *testing.T, config string) []planDiagnostic {
	t.Helper()
	return diagnosticsOf(newInProcessRunOf(t, config).planApply())
}

// newInProcessRunOf is an in-process run of config, with the test provider serving every
// provider local name it uses.
func newInProcessRunOf(t *testing.T, config string) *inProcessRun {
	t.Helper()
	r := &inProcessRun{t: t, factories: map[string]func() (tfprotov6.ProviderServer, error){}, state: newInProcessState()}
	if err := r.setConfig(config); err != nil {
		t.Fatalf("the configuration: %v", err)
	}
	for name := range r.config.providers {
		r.factories[name] = testProviderServer
	}
	for _, o := range r.config.objects {
		r.factories[o.provider] = testProviderServer
	}
	return r
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
	r := newInProcessRunOf(t, config)
	if err := r.planApply(); err != nil {
		t.Fatalf("applying in-process: %v", err)
	}
	return r.state.shim(t)
}

// applyDestroyInProcess applies config in-process, runs check on the state, then destroys
// what it applied, failing the test on any error.
func applyDestroyInProcess(t *testing.T, config string, check resource.TestCheckFunc) {
	t.Helper()
	r := newInProcessRunOf(t, config)
	if err := r.planApply(); err != nil {
		t.Fatalf("applying in-process: %v", err)
	}
	if err := check(r.state.shim(t)); err != nil {
		t.Fatalf("after the apply: %v", err)
	}
	if err := r.destroy(); err != nil {
		t.Fatalf("destroying in-process: %v", err)
	}
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
