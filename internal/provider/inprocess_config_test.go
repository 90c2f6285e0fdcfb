package provider

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// inProcessConfig is a configuration as the in-process run reads it: the provider blocks
// by local name, and the resources and data sources in dependency order.
type inProcessConfig struct {
	providers map[string]hcl.Body
	objects   []*inProcessObject
	byAddr    map[string]*inProcessObject
	instances map[string][]string // the instance addresses of each block
}

// inProcessObject is one resource or data source block.
type inProcessObject struct {
	data            bool
	typ, name, addr string // addr is typ.name, or typ.name[index] for an instance of count
	base            string // typ.name (data.typ.name)
	index           int    // count.index, -1 without count
	provider        string // local name
	body            hcl.Body
	deps            []string // the instances it refers to or depends on, by address
}

// parseInProcessConfig reads the blocks the acceptance tests use. Meta-arguments other
// than provider and depends_on, and blocks other than terraform, provider, resource and
// data, are refused: the tests that need them run through the CLI.
func parseInProcessConfig(src string) (*inProcessConfig, error) {
	file, diags := hclsyntax.ParseConfig([]byte(src), "terraform_plugin_test.tf", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("Error: the configuration does not parse: %w", diags)
	}
	c := &inProcessConfig{providers: map[string]hcl.Body{}, byAddr: map[string]*inProcessObject{}, instances: map[string][]string{}}
	var objects []*inProcessObject
	for _, b := range file.Body.(*hclsyntax.Body).Blocks {
		switch b.Type {
		case "terraform":
		case "provider":
			if _, ok := b.Body.Attributes["alias"]; ok {
				return nil, fmt.Errorf("in-process run: provider aliases are not replicated")
			}
			c.providers[b.Labels[0]] = b.Body
		case "resource", "data":
			instances, err := parseObject(b)
			if err != nil {
				return nil, err
			}
			base := instances[0].base
			if c.instances[base] != nil {
				return nil, fmt.Errorf("Error: Duplicate resource %q configuration", base)
			}
			c.instances[base] = []string{}
			for _, o := range instances {
				c.byAddr[o.addr] = o
				c.instances[base] = append(c.instances[base], o.addr)
				objects = append(objects, o)
			}
		default:
			return nil, fmt.Errorf("in-process run: %s blocks are not replicated: use the CLI", b.Type)
		}
	}
	// A reference to a block with count depends on each of its instances.
	for _, o := range objects {
		var deps []string
		for _, d := range o.deps {
			addrs, ok := c.instances[d]
			if !ok {
				return nil, fmt.Errorf("Error: Reference to undeclared resource %s (from %s)", d, o.addr)
			}
			deps = append(deps, addrs...)
		}
		o.deps = deps
	}
	ordered, err := dependencyOrder(objects)
	if err != nil {
		return nil, err
	}
	c.objects = ordered
	return c, nil
}

func parseObject(b *hclsyntax.Block) ([]*inProcessObject, error) {
	o := &inProcessObject{data: b.Type == "data", typ: b.Labels[0], name: b.Labels[1], index: -1}
	o.base = o.typ + "." + o.name
	if o.data {
		o.base = "data." + o.base
	}
	o.addr = o.base
	for _, nb := range b.Body.Blocks {
		if nb.Type == "lifecycle" || nb.Type == "provisioner" || nb.Type == "connection" {
			return nil, fmt.Errorf("in-process run: %s blocks (%s) are not replicated: use the CLI", nb.Type, o.addr)
		}
	}
	meta, remain, diags := b.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "provider"}, {Name: "depends_on"}, {Name: "count"}, {Name: "for_each"},
	}})
	if diags.HasErrors() {
		return nil, fmt.Errorf("Error: %w", diags)
	}
	if meta.Attributes["for_each"] != nil {
		return nil, fmt.Errorf("in-process run: for_each (%s) is not replicated: use the CLI", o.addr)
	}
	count := -1
	if a := meta.Attributes["count"]; a != nil {
		v, d := a.Expr.Value(nil)
		if d.HasErrors() || v.IsNull() || !v.IsKnown() || v.Type() != cty.Number {
			return nil, fmt.Errorf("in-process run: %s: count must be a number the configuration states", o.addr)
		}
		n, _ := v.AsBigFloat().Int64()
		count = int(n)
	}
	o.body = remain
	o.provider = strings.SplitN(o.typ, "_", 2)[0]
	if a := meta.Attributes["provider"]; a != nil {
		tr, d := hcl.AbsTraversalForExpr(a.Expr)
		if d.HasErrors() {
			return nil, fmt.Errorf("Error: %s: provider: %w", o.addr, d)
		}
		o.provider = tr.RootName()
	}
	seen := map[string]bool{}
	addDep := func(tr hcl.Traversal) error {
		addr, err := traversalAddress(tr)
		if err != nil || addr == "" {
			return err
		}
		if !seen[addr] && addr != o.base {
			seen[addr] = true
			o.deps = append(o.deps, addr)
		}
		return nil
	}
	if a := meta.Attributes["depends_on"]; a != nil {
		exprs, d := hcl.ExprList(a.Expr)
		if d.HasErrors() {
			return nil, fmt.Errorf("Error: %s: depends_on: %w", o.addr, d)
		}
		for _, e := range exprs {
			tr, d := hcl.AbsTraversalForExpr(e)
			if d.HasErrors() {
				return nil, fmt.Errorf("Error: %s: depends_on: %w", o.addr, d)
			}
			if err := addDep(tr); err != nil {
				return nil, err
			}
		}
	}
	var walk func(body *hclsyntax.Body) error
	walk = func(body *hclsyntax.Body) error {
		for name, a := range body.Attributes {
			if name == "depends_on" || name == "provider" {
				continue
			}
			for _, tr := range a.Expr.Variables() {
				if err := addDep(tr); err != nil {
					return err
				}
			}
		}
		for _, nb := range body.Blocks {
			if err := walk(nb.Body); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(b.Body); err != nil {
		return nil, err
	}
	if count < 0 {
		return []*inProcessObject{o}, nil
	}
	out := make([]*inProcessObject, 0, count)
	for i := range count {
		inst := *o
		inst.index, inst.addr = i, fmt.Sprintf("%s[%d]", o.base, i)
		out = append(out, &inst)
	}
	return out, nil
}

// traversalAddress is the resource or data source a reference names, "" for none.
func traversalAddress(tr hcl.Traversal) (string, error) {
	name := func(i int) string {
		if i < len(tr) {
			if a, ok := tr[i].(hcl.TraverseAttr); ok {
				return a.Name
			}
		}
		return ""
	}
	switch root := tr.RootName(); root {
	case "count", "each", "path", "terraform", "self":
		return "", nil
	case "var", "local", "module":
		return "", fmt.Errorf("in-process run: %s references are not replicated: use the CLI", root)
	case "data":
		if name(1) == "" || name(2) == "" {
			return "", fmt.Errorf("Error: Invalid data source reference")
		}
		return "data." + name(1) + "." + name(2), nil
	default:
		if name(1) == "" {
			return "", fmt.Errorf("Error: Invalid reference to %s", root)
		}
		return root + "." + name(1), nil
	}
}

// dependencyOrder sorts the objects so that each follows what it depends on, keeping the
// file's order otherwise.
func dependencyOrder(objects []*inProcessObject) ([]*inProcessObject, error) {
	index := map[string]int{}
	for i, o := range objects {
		index[o.addr] = i
	}
	done := make([]bool, len(objects))
	var out []*inProcessObject
	for len(out) < len(objects) {
		progress := false
		for i, o := range objects {
			if done[i] {
				continue
			}
			ready := true
			for _, d := range o.deps {
				if !done[index[d]] {
					ready = false
					break
				}
			}
			if ready {
				done[i], progress = true, true
				out = append(out, o)
				break
			}
		}
		if !progress {
			var cycle []string
			for i, o := range objects {
				if !done[i] {
					cycle = append(cycle, o.addr)
				}
			}
			sort.Strings(cycle)
			return nil, fmt.Errorf("Error: Cycle: %s", strings.Join(cycle, ", "))
		}
	}
	return out, nil
}

// evalContext is what o's configuration may refer to: the value of every object,
// value(addr) or unknown where it has none yet, count.index, and a few functions.
func (c *inProcessConfig) evalContext(o *inProcessObject, value func(addr string) (cty.Value, bool)) *hcl.EvalContext {
	managed := map[string]map[string]cty.Value{}
	data := map[string]map[string]cty.Value{}
	for _, addrs := range c.instances {
		first := c.byAddr[addrs[0]]
		var v cty.Value
		if first.index < 0 {
			var ok bool
			if v, ok = value(first.addr); !ok {
				v = cty.DynamicVal
			}
		} else {
			elems := make([]cty.Value, 0, len(addrs))
			for _, a := range addrs {
				if e, ok := value(a); ok {
					elems = append(elems, e)
				}
			}
			v = cty.DynamicVal
			if len(elems) == len(addrs) {
				v = cty.TupleVal(elems)
			}
		}
		m := managed
		if first.data {
			m = data
		}
		if m[first.typ] == nil {
			m[first.typ] = map[string]cty.Value{}
		}
		m[first.typ][first.name] = v
	}
	vars := map[string]cty.Value{}
	for typ, byName := range managed {
		vars[typ] = cty.ObjectVal(byName)
	}
	if len(data) > 0 {
		byType := map[string]cty.Value{}
		for typ, byName := range data {
			byType[typ] = cty.ObjectVal(byName)
		}
		vars["data"] = cty.ObjectVal(byType)
	}
	if o != nil && o.index >= 0 {
		vars["count"] = cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(int64(o.index))})
	}
	return &hcl.EvalContext{Variables: vars, Functions: inProcessFunctions}
}

// inProcessFunctions are the functions the tests' configurations call.
var inProcessFunctions = map[string]function.Function{
	"floor": stdlib.FloorFunc, "ceil": stdlib.CeilFunc, "format": stdlib.FormatFunc,
	"join": stdlib.JoinFunc, "lower": stdlib.LowerFunc, "upper": stdlib.UpperFunc, "jsonencode": stdlib.JSONEncodeFunc,
}

// blockSpecs caches each schema block's decoder specification.
var blockSpecs sync.Map // *tfprotov6.SchemaBlock → hcldec.Spec

// decodeValue decodes the HCL body of addr against a schema block, as Terraform does
// before sending a configuration to a provider.
func decodeValue(addr string, body hcl.Body, block *tfprotov6.SchemaBlock, ctx *hcl.EvalContext) (cty.Value, error) {
	spec, ok := blockSpecs.Load(block)
	if !ok {
		s, err := blockSpec(block)
		if err != nil {
			return cty.NilVal, err
		}
		spec, _ = blockSpecs.LoadOrStore(block, s)
	}
	v, diags := hcldec.Decode(body, spec.(hcldec.Spec), ctx)
	if diags.HasErrors() {
		var d inProcessDiags
		for _, x := range diags {
			if x.Severity == hcl.DiagError {
				d.list = append(d.list, planDiagnostic{addr: addr, severity: tfprotov6.DiagnosticSeverityError, summary: x.Summary, detail: x.Detail})
			}
		}
		return cty.NilVal, d.err()
	}
	return v, nil
}
