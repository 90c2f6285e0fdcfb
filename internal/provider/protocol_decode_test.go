package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

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
