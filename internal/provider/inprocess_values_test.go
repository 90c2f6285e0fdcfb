package provider

import (
	"encoding/json"
	"fmt"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/zclconf/go-cty/cty"
)

// getAttr is v's attribute name, null when v is null or unknown.
func getAttr(v cty.Value, name string, ty cty.Type) cty.Value {
	if v.IsNull() || !v.IsKnown() {
		return cty.NullVal(ty)
	}
	return v.GetAttr(name)
}

// proposedNew is the object Terraform proposes to the provider: the configuration, with
// each computed attribute it leaves null taken from the prior state (objchange.ProposedNew).
func proposedNew(block *tfprotov6.SchemaBlock, prior, cfg cty.Value) cty.Value {
	if cfg.IsNull() || !cfg.IsKnown() {
		return cfg
	}
	attrs := map[string]cty.Value{}
	for _, a := range block.Attributes {
		cv := cfg.GetAttr(a.Name)
		if a.Computed && cv.IsNull() {
			cv = getAttr(prior, a.Name, cv.Type())
		}
		attrs[a.Name] = cv
	}
	for _, nb := range block.BlockTypes {
		cv := cfg.GetAttr(nb.TypeName)
		attrs[nb.TypeName] = proposedNewBlock(nb, getAttr(prior, nb.TypeName, cv.Type()), cv)
	}
	if len(attrs) == 0 {
		return cfg
	}
	return cty.ObjectVal(attrs)
}

func proposedNewBlock(nb *tfprotov6.SchemaNestedBlock, prior, cfg cty.Value) cty.Value {
	if cfg.IsNull() || !cfg.IsKnown() {
		return cfg
	}
	switch nb.Nesting {
	case tfprotov6.SchemaNestedBlockNestingModeSingle, tfprotov6.SchemaNestedBlockNestingModeGroup:
		return proposedNew(nb.Block, prior, cfg)
	case tfprotov6.SchemaNestedBlockNestingModeList:
		if cfg.LengthInt() == 0 {
			return cfg
		}
		var priorElems []cty.Value
		if !prior.IsNull() && prior.IsKnown() {
			priorElems = prior.AsValueSlice()
		}
		var out []cty.Value
		for i, e := range cfg.AsValueSlice() {
			p := cty.NullVal(e.Type())
			if i < len(priorElems) {
				p = priorElems[i]
			}
			out = append(out, proposedNew(nb.Block, p, e))
		}
		return cty.ListVal(out)
	case tfprotov6.SchemaNestedBlockNestingModeSet:
		if cfg.LengthInt() == 0 || !hasComputed(nb.Block) || prior.IsNull() || !prior.IsKnown() {
			return cfg
		}
		// A configured element takes the computed values of the prior element whose
		// configurable attributes it matches.
		priorElems := prior.AsValueSlice()
		var out []cty.Value
		for _, e := range cfg.AsValueSlice() {
			p := cty.NullVal(e.Type())
			for _, pe := range priorElems {
				if sameConfigurable(nb.Block, pe, e) {
					p = pe
					break
				}
			}
			out = append(out, proposedNew(nb.Block, p, e))
		}
		return cty.SetVal(out)
	}
	return cfg
}

func hasComputed(block *tfprotov6.SchemaBlock) bool {
	for _, a := range block.Attributes {
		if a.Computed {
			return true
		}
	}
	for _, nb := range block.BlockTypes {
		if hasComputed(nb.Block) {
			return true
		}
	}
	return false
}

func sameConfigurable(block *tfprotov6.SchemaBlock, prior, cfg cty.Value) bool {
	for _, a := range block.Attributes {
		cv := cfg.GetAttr(a.Name)
		if a.Computed && cv.IsNull() {
			continue
		}
		if eq := prior.GetAttr(a.Name).Equals(cv); !eq.IsKnown() || eq.False() {
			return false
		}
	}
	return true
}

// checkPlanValid makes Terraform's checks of a planned object (objchange.AssertPlanValid,
// in part): an attribute the configuration sets is planned as set, a write-only attribute
// is planned null, and nested blocks keep their count.
func checkPlanValid(block *tfprotov6.SchemaBlock, prior, cfg, planned cty.Value) error {
	if cfg.IsNull() {
		return nil
	}
	if planned.IsNull() || !planned.IsKnown() {
		return fmt.Errorf("the planned object is %s for a configured resource", planned.GoString())
	}
	var errs []string
	planValid(&errs, "", block, prior, cfg, planned)
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}

func planValid(errs *[]string, path string, block *tfprotov6.SchemaBlock, prior, cfg, planned cty.Value) {
	for _, a := range block.Attributes {
		p := path + "." + a.Name
		cv, pv := cfg.GetAttr(a.Name), planned.GetAttr(a.Name)
		switch {
		case a.WriteOnly:
			if !pv.IsNull() {
				*errs = append(*errs, fmt.Sprintf("%s: planned value for a write-only attribute is not null", p))
			}
		case !a.Computed || !cv.IsNull():
			if !plannedAsConfigured(cv, pv) {
				*errs = append(*errs, fmt.Sprintf("%s: planned value %s does not match config value %s", p, pv.GoString(), cv.GoString()))
			}
		}
	}
	for _, nb := range block.BlockTypes {
		p := path + "." + nb.TypeName
		cv, pv := cfg.GetAttr(nb.TypeName), planned.GetAttr(nb.TypeName)
		if !cv.IsKnown() || !pv.IsKnown() {
			continue
		}
		switch nb.Nesting {
		case tfprotov6.SchemaNestedBlockNestingModeSingle:
			if cv.IsNull() != pv.IsNull() {
				*errs = append(*errs, fmt.Sprintf("%s: planned block %s for config %s", p, pv.GoString(), cv.GoString()))
			} else if !cv.IsNull() {
				planValid(errs, p, nb.Block, getAttr(prior, nb.TypeName, cv.Type()), cv, pv)
			}
		case tfprotov6.SchemaNestedBlockNestingModeList:
			if cv.IsNull() || pv.IsNull() || cv.LengthInt() != pv.LengthInt() {
				*errs = append(*errs, fmt.Sprintf("%s: planned %s blocks for config %s", p, pv.GoString(), cv.GoString()))
				continue
			}
			pe := pv.AsValueSlice()
			for i, ce := range cv.AsValueSlice() {
				planValid(errs, fmt.Sprintf("%s[%d]", p, i), nb.Block, cty.NullVal(ce.Type()), ce, pe[i])
			}
		case tfprotov6.SchemaNestedBlockNestingModeSet:
			if cv.IsWhollyKnown() && pv.IsWhollyKnown() && cv.LengthInt() != pv.LengthInt() {
				*errs = append(*errs, fmt.Sprintf("%s: planned %d blocks for %d configured", p, pv.LengthInt(), cv.LengthInt()))
			}
		}
	}
}

func plannedAsConfigured(cv, pv cty.Value) bool {
	switch {
	case cv.IsWhollyKnown():
		eq := pv.Equals(cv)
		return eq.IsKnown() && eq.True()
	case !cv.IsKnown():
		return !pv.IsKnown()
	}
	return true
}

// checkCompatible is Terraform's check that an object keeps every value planned for it
// (objchange.AssertObjectCompatible, in part): what was planned known may not change.
func checkCompatible(path cty.Path, planned, actual cty.Value) error {
	if !planned.IsKnown() {
		return nil
	}
	mismatch := func() error {
		return fmt.Errorf("%s: was %s, but now %s", pathText(path), planned.GoString(), actual.GoString())
	}
	if planned.IsNull() || actual.IsNull() || !actual.IsKnown() {
		if planned.IsNull() != actual.IsNull() || !actual.IsKnown() {
			return mismatch()
		}
		return nil
	}
	ty := planned.Type()
	switch {
	case ty.IsObjectType():
		for name := range ty.AttributeTypes() {
			if err := checkCompatible(path.GetAttr(name), planned.GetAttr(name), actual.GetAttr(name)); err != nil {
				return err
			}
		}
	case ty.IsListType(), ty.IsTupleType():
		if planned.LengthInt() != actual.LengthInt() {
			return mismatch()
		}
		ae := actual.AsValueSlice()
		for i, pe := range planned.AsValueSlice() {
			if err := checkCompatible(path.IndexInt(i), pe, ae[i]); err != nil {
				return err
			}
		}
	case ty.IsMapType():
		if planned.LengthInt() != actual.LengthInt() {
			return mismatch()
		}
		am := actual.AsValueMap()
		for k, pe := range planned.AsValueMap() {
			if err := checkCompatible(path.IndexString(k), pe, am[k]); err != nil {
				return err
			}
		}
	case ty.IsSetType():
		if planned.IsWhollyKnown() {
			if eq := planned.Equals(actual); !eq.IsKnown() || eq.False() {
				return mismatch()
			}
		}
	default:
		if eq := planned.Equals(actual); !eq.IsKnown() || eq.False() {
			return mismatch()
		}
	}
	return nil
}

func pathText(p cty.Path) string {
	var b strings.Builder
	for _, s := range p {
		switch s := s.(type) {
		case cty.GetAttrStep:
			b.WriteString("." + s.Name)
		case cty.IndexStep:
			b.WriteString("[" + s.Key.GoString() + "]")
		}
	}
	if b.Len() == 0 {
		return "the object"
	}
	return b.String()
}

// checkWriteOnlyNull is Terraform's check that no write-only value reaches state.
func checkWriteOnlyNull(block *tfprotov6.SchemaBlock, v cty.Value) error {
	if v.IsNull() || !v.IsKnown() {
		return nil
	}
	for _, a := range block.Attributes {
		if a.WriteOnly && !v.GetAttr(a.Name).IsNull() {
			return fmt.Errorf("the write-only attribute %s has a value in state", a.Name)
		}
	}
	for _, nb := range block.BlockTypes {
		bv := v.GetAttr(nb.TypeName)
		if bv.IsNull() || !bv.IsKnown() {
			continue
		}
		elems := []cty.Value{bv}
		if nb.Nesting != tfprotov6.SchemaNestedBlockNestingModeSingle && nb.Nesting != tfprotov6.SchemaNestedBlockNestingModeGroup {
			elems = bv.AsValueSlice()
		}
		for _, e := range elems {
			if err := checkWriteOnlyNull(nb.Block, e); err != nil {
				return err
			}
		}
	}
	return nil
}

// replacePaths keeps the paths the provider says require replacement whose value changes.
func replacePaths(paths []*tftypes.AttributePath, prior, planned cty.Value) []cty.Path {
	var out []cty.Path
	for _, ap := range paths {
		p, ok := ctyPath(ap)
		if !ok {
			out = append(out, p)
			continue
		}
		pv, perr := p.Apply(prior)
		nv, nerr := p.Apply(planned)
		switch {
		case perr != nil && nerr != nil:
			out = append(out, p)
			continue
		case perr != nil:
			pv = cty.NullVal(nv.Type())
		case nerr != nil:
			nv = cty.NullVal(pv.Type())
		}
		if eq := nv.Equals(pv); !eq.IsKnown() || eq.False() {
			out = append(out, p)
		}
	}
	return out
}

func ctyPath(ap *tftypes.AttributePath) (cty.Path, bool) {
	var p cty.Path
	for _, s := range ap.Steps() {
		switch s := s.(type) {
		case tftypes.AttributeName:
			p = p.GetAttr(string(s))
		case tftypes.ElementKeyInt:
			p = p.IndexInt(int(s))
		case tftypes.ElementKeyString:
			p = p.IndexString(string(s))
		default:
			return p, false
		}
	}
	return p, true
}

// json is the plan as `terraform show -json` writes it, for plan checks.
func (p *inProcessPlan) json() *tfjson.Plan {
	plan := &tfjson.Plan{FormatVersion: "1.2"}
	for _, c := range p.changes {
		mode := tfjson.ManagedResourceMode
		if c.data {
			mode = tfjson.DataResourceMode
		}
		plan.ResourceChanges = append(plan.ResourceChanges, &tfjson.ResourceChange{
			Address: c.addr, Mode: mode, Type: c.typ, Name: c.name, ProviderName: providerSource,
			Change: &tfjson.Change{
				Actions: c.actions, Before: plainOf(c.prior), After: plainOf(c.planned), AfterUnknown: unknownOf(c.planned),
			},
		})
	}
	return plan
}

// plainOf is v as its JSON form decodes (numbers as json.Number), unknowns as null.
func plainOf(v cty.Value) any {
	if v.IsNull() || !v.IsKnown() {
		return nil
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString()
	case ty == cty.Number:
		return json.Number(v.AsBigFloat().Text('f', -1))
	case ty == cty.Bool:
		return v.True()
	case ty.IsObjectType() || ty.IsMapType():
		out := map[string]any{}
		for k, e := range v.AsValueMap() {
			out[k] = plainOf(e)
		}
		return out
	default:
		out := []any{}
		for _, e := range v.AsValueSlice() {
			out = append(out, plainOf(e))
		}
		return out
	}
}

// unknownOf marks where v is unknown, as after_unknown does.
func unknownOf(v cty.Value) any {
	if !v.IsKnown() {
		return true
	}
	if v.IsNull() {
		return false
	}
	ty := v.Type()
	switch {
	case ty.IsObjectType() || ty.IsMapType():
		out := map[string]any{}
		for k, e := range v.AsValueMap() {
			if u := unknownOf(e); u != false {
				out[k] = u
			}
		}
		return out
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		out := []any{}
		for _, e := range v.AsValueSlice() {
			out = append(out, unknownOf(e))
		}
		return out
	}
	return false
}
