package main

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// twinResource is a production resource whose schema, validation, plan modification,
// import and configuration are the production code's, and whose create, read, update and
// delete send nothing: create and update fill the plan's unknown (computed) values with
// fixed values, read returns the prior state, delete forgets.
type twinResource struct {
	inner resource.Resource
}

// The variants for the optional interfaces that change what the framework does on every
// plan or apply: a twin offers exactly those its production resource offers.
type (
	twinWithModifyPlan struct{ *twinResource }
	twinWithIdentity   struct{ *twinResource }
	twinWithBoth       struct{ *twinResource }
)

// wrapResource returns the twin of r, or an error when r offers an optional interface the
// twin does not forward (the twin would then not measure what production does).
func wrapResource(r resource.Resource) (resource.Resource, error) {
	base := &twinResource{inner: r}
	_, modify := r.(resource.ResourceWithModifyPlan)
	_, identity := r.(resource.ResourceWithIdentity)
	var t resource.Resource
	switch {
	case modify && identity:
		t = twinWithBoth{base}
	case modify:
		t = twinWithModifyPlan{base}
	case identity:
		t = twinWithIdentity{base}
	default:
		t = base
	}
	if err := sameInterfaces(r, t); err != nil {
		return nil, err
	}
	return t, nil
}

// sameInterfaces checks that the twin offers the optional interfaces of the production
// resource and, beyond them, only ConfigValidators, which the twin forwards as an empty list.
func sameInterfaces(prod, twin resource.Resource) error {
	checks := []struct {
		name        string
		has         func(resource.Resource) bool
		extraIsNoop bool
	}{
		{"Configure", func(r resource.Resource) bool { _, ok := r.(resource.ResourceWithConfigure); return ok }, false},
		{"ConfigValidators", func(r resource.Resource) bool { _, ok := r.(resource.ResourceWithConfigValidators); return ok }, true},
		{"ValidateConfig", func(r resource.Resource) bool { _, ok := r.(resource.ResourceWithValidateConfig); return ok }, false},
		{"ImportState", func(r resource.Resource) bool { _, ok := r.(resource.ResourceWithImportState); return ok }, false},
		{"ModifyPlan", func(r resource.Resource) bool { _, ok := r.(resource.ResourceWithModifyPlan); return ok }, false},
		{"IdentitySchema", func(r resource.Resource) bool { _, ok := r.(resource.ResourceWithIdentity); return ok }, false},
		{"UpgradeIdentity", func(r resource.Resource) bool { _, ok := r.(resource.ResourceWithUpgradeIdentity); return ok }, false},
		{"UpgradeState", func(r resource.Resource) bool { _, ok := r.(resource.ResourceWithUpgradeState); return ok }, false},
		{"MoveState", func(r resource.Resource) bool { _, ok := r.(resource.ResourceWithMoveState); return ok }, false},
	}
	for _, c := range checks {
		p, t := c.has(prod), c.has(twin)
		if p != t && (p || !c.extraIsNoop) {
			return fmt.Errorf("twin of %T: production offers %s: %t, the twin: %t; update tools/bench/twin", prod, c.name, p, t)
		}
	}
	return nil
}

func (t *twinResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	t.inner.Metadata(ctx, req, resp)
}

func (t *twinResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	t.inner.Schema(ctx, req, resp)
}

func (t *twinResource) Configure(ctx context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	t.inner.(resource.ResourceWithConfigure).Configure(ctx, req, resp)
}

func (t *twinResource) ConfigValidators(ctx context.Context) []resource.ConfigValidator {
	if v, ok := t.inner.(resource.ResourceWithConfigValidators); ok {
		return v.ConfigValidators(ctx)
	}
	return nil
}

func (t *twinResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	t.inner.(resource.ResourceWithValidateConfig).ValidateConfig(ctx, req, resp)
}

func (t *twinResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	t.inner.(resource.ResourceWithImportState).ImportState(ctx, req, resp)
}

func (t twinWithModifyPlan) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	t.inner.(resource.ResourceWithModifyPlan).ModifyPlan(ctx, req, resp)
}

func (t twinWithIdentity) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	t.inner.(resource.ResourceWithIdentity).IdentitySchema(ctx, req, resp)
}

func (t twinWithBoth) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	t.inner.(resource.ResourceWithModifyPlan).ModifyPlan(ctx, req, resp)
}

func (t twinWithBoth) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	t.inner.(resource.ResourceWithIdentity).IdentitySchema(ctx, req, resp)
}

// Create stores the plan with every unknown value filled, and an identity taken from the
// state's attributes of the same names.
func (t *twinResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	raw, err := fillUnknown(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("twin: filling the plan", err.Error())
		return
	}
	resp.State.Raw = raw
	if resp.Identity != nil {
		id, err := identityFrom(resp.Identity.Raw.Type(), raw)
		if err != nil {
			resp.Diagnostics.AddError("twin: identity", err.Error())
			return
		}
		resp.Identity = &tfsdk.ResourceIdentity{Schema: resp.Identity.Schema, Raw: id}
	}
}

// Read keeps the state the framework copied into the response, and gives it an identity
// when the request came without one (the framework requires one after every read).
func (t *twinResource) Read(_ context.Context, _ resource.ReadRequest, resp *resource.ReadResponse) {
	if resp.Identity == nil || !resp.Identity.Raw.IsNull() {
		return
	}
	id, err := identityFrom(resp.Identity.Raw.Type(), resp.State.Raw)
	if err != nil {
		resp.Diagnostics.AddError("twin: identity", err.Error())
		return
	}
	resp.Identity = &tfsdk.ResourceIdentity{Schema: resp.Identity.Schema, Raw: id}
}

func (t *twinResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	raw, err := fillUnknown(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("twin: filling the plan", err.Error())
		return
	}
	resp.State.Raw = raw
}

// Delete does nothing: the framework removes the resource from the state.
func (t *twinResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// fillUnknown replaces every unknown value in v with a fixed known value of its type.
func fillUnknown(v tftypes.Value) (tftypes.Value, error) {
	return tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		return fixedValue(v.Type()), nil
	})
}

// fixedValue is a known value of type t: "1", 1, false, empty collections, objects and
// tuples of fixed values.
func fixedValue(t tftypes.Type) tftypes.Value {
	switch {
	case t.Is(tftypes.String), t.Is(tftypes.DynamicPseudoType):
		return tftypes.NewValue(tftypes.String, "1")
	case t.Is(tftypes.Number):
		return tftypes.NewValue(tftypes.Number, big.NewFloat(1))
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(tftypes.Bool, false)
	}
	switch tt := t.(type) {
	case tftypes.List:
		return tftypes.NewValue(tt, []tftypes.Value{})
	case tftypes.Set:
		return tftypes.NewValue(tt, []tftypes.Value{})
	case tftypes.Map:
		return tftypes.NewValue(tt, map[string]tftypes.Value{})
	case tftypes.Tuple:
		elems := make([]tftypes.Value, len(tt.ElementTypes))
		for i, et := range tt.ElementTypes {
			elems[i] = fixedValue(et)
		}
		return tftypes.NewValue(tt, elems)
	case tftypes.Object:
		attrs := make(map[string]tftypes.Value, len(tt.AttributeTypes))
		for name, at := range tt.AttributeTypes {
			attrs[name] = fixedValue(at)
		}
		return tftypes.NewValue(tt, attrs)
	}
	return tftypes.NewValue(t, nil)
}

// identityFrom builds an identity of type typ from the state's attributes of the same names.
func identityFrom(typ tftypes.Type, state tftypes.Value) (tftypes.Value, error) {
	obj, ok := typ.(tftypes.Object)
	if !ok {
		return tftypes.Value{}, fmt.Errorf("identity type %s is not an object", typ)
	}
	var attrs map[string]tftypes.Value
	if err := state.As(&attrs); err != nil {
		return tftypes.Value{}, err
	}
	out := make(map[string]tftypes.Value, len(obj.AttributeTypes))
	for name, at := range obj.AttributeTypes {
		v, ok := attrs[name]
		if !ok || !v.Type().Equal(at) {
			v = fixedValue(at)
		}
		out[name] = v
	}
	return tftypes.NewValue(obj, out), nil
}
