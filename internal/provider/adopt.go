package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// An imported resource cannot read back every input (dates FireFlow rewrote, fields it
// mixes with others, a join's answer). Those inputs stay null after the import, and
// the first plan adopts the configured values instead of replacing the remote object;
// afterwards a change replaces it as usual.

const importedKey = "imported"

// privateState is the resource's private state as requests and responses carry it.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// markImported records that the resource comes from an import.
func markImported(ctx context.Context, p privateState) diag.Diagnostics {
	return p.SetKey(ctx, importedKey, []byte("true"))
}

// clearImported ends the adoption once the configured values are in the state.
func clearImported(ctx context.Context, p privateState) diag.Diagnostics {
	return p.SetKey(ctx, importedKey, nil)
}

// wasImported reports whether the resource was imported and has not been applied since.
func wasImported(ctx context.Context, p privateState) bool {
	if p == nil {
		return false
	}
	b, _ := p.GetKey(ctx, importedKey)
	return string(b) == "true"
}

const adoptDescription = "Changing this value replaces the resource, except right after an import, when the configured value is adopted."

func adoptIfImported(ctx context.Context, stateNull bool, private privateState) bool {
	return stateNull && wasImported(ctx, private)
}

func replaceUnlessAdoptedString() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !adoptIfImported(ctx, req.StateValue.IsNull(), req.Private)
	}, adoptDescription, adoptDescription)
}

func replaceUnlessAdoptedBool() planmodifier.Bool {
	return boolplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.BoolRequest, resp *boolplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !adoptIfImported(ctx, req.StateValue.IsNull(), req.Private)
	}, adoptDescription, adoptDescription)
}

func replaceUnlessAdoptedInt64() planmodifier.Int64 {
	return int64planmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !adoptIfImported(ctx, req.StateValue.IsNull(), req.Private)
	}, adoptDescription, adoptDescription)
}

func replaceUnlessAdoptedMap() planmodifier.Map {
	return mapplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.MapRequest, resp *mapplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !adoptIfImported(ctx, req.StateValue.IsNull(), req.Private)
	}, adoptDescription, adoptDescription)
}

func replaceUnlessAdoptedList() planmodifier.List {
	return listplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.ListRequest, resp *listplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !adoptIfImported(ctx, req.StateValue.IsNull(), req.Private)
	}, adoptDescription, adoptDescription)
}

// replaceUnlessSameBlocks compares nested blocks element by element; after an import,
// an attribute that the read left null takes the configured value.
func replaceUnlessSameBlocks() planmodifier.List {
	return listplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.ListRequest, resp *listplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = true
		if !wasImported(ctx, req.Private) || req.StateValue.IsNull() || req.PlanValue.IsUnknown() {
			resp.RequiresReplace = !req.StateValue.IsNull() || !wasImported(ctx, req.Private)
			return
		}
		resp.RequiresReplace = !sameAdoptingObjects(req.PlanValue.Elements(), req.StateValue.Elements())
	}, adoptDescription, adoptDescription)
}

// sameAdopting compares planned and prior attributes, an attribute the read left null
// taking any configured value; nested blocks are compared element by element the same way.
func sameAdopting(planned, prior map[string]attr.Value) bool {
	for k, pv := range planned {
		sv := prior[k]
		if sv == nil || sv.IsNull() {
			continue
		}
		pl, okP := pv.(types.List)
		sl, okS := sv.(types.List)
		if okP && okS && !pl.IsUnknown() && sameAdoptingObjects(pl.Elements(), sl.Elements()) {
			continue
		}
		if !pv.Equal(sv) {
			return false
		}
	}
	return true
}

// sameAdoptingObjects compares two lists of objects with sameAdopting; lists of other
// elements are not compared here.
func sameAdoptingObjects(planned, prior []attr.Value) bool {
	if len(planned) != len(prior) {
		return false
	}
	for i := range planned {
		p, okP := planned[i].(types.Object)
		s, okS := prior[i].(types.Object)
		if !okP || !okS || !sameAdopting(p.Attributes(), s.Attributes()) {
			return false
		}
	}
	return true
}

// adoptString is an optional input FireFlow cannot edit and a read cannot recover.
func adoptString(desc string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: desc, Optional: true, Validators: validators,
		PlanModifiers: []planmodifier.String{replaceUnlessAdoptedString()},
	}
}
