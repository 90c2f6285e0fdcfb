package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// deviceDescription documents the device attribute of every type of a vendor.
func deviceDescription(v vendor) string {
	return "Name of the " + v.title + " appliance in the provider's `" + v.block + ".devices`. Default: the block's own `host`. " +
		"An unknown name fails at plan time. Changing it replaces the object only when it names another appliance."
}

// applianceOf is the attribute naming the vendor's device in a state, plan or
// configuration; null when it has none.
func applianceOf(ctx context.Context, v vendor, s interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}) types.String {
	var device types.String
	if diags := s.GetAttribute(ctx, path.Root(v.deviceAttr()), &device); diags.HasError() {
		return types.StringNull()
	}
	return device
}

// blockEndpoint is a vendor's resolved block; nil when the provider has none.
func (c *Clients) blockEndpoint(v vendor) *endpoint {
	switch v {
	case vendorFTD:
		if c.ftd != nil {
			return &c.ftd.endpoint
		}
	case vendorLogInsight:
		if c.loginsight != nil {
			return &c.loginsight.endpoint
		}
	case vendorFireFlow:
		if c.fireflow != nil {
			return &c.fireflow.endpoint
		}
	case vendorSBC:
		if c.sbc != nil {
			return &c.sbc.endpoint
		}
	}
	return nil
}

// pickDevice resolves device against a block: nil for "" (the block's own host), else the
// named device's settings (the vendor's settings type).
func pickDevice(v vendor, block *endpoint, device string) (any, diag.Diagnostics) {
	var diags diag.Diagnostics
	switch {
	case device == "" && block.baseURL != "":
		return nil, diags
	case device == "" && len(block.devices) > 0:
		diags.AddAttributeError(path.Root(v.deviceAttr()), "No default "+v.title+" appliance",
			fmt.Sprintf("The provider's %s block has no host, so this object must name one of its devices (%s) in %s.", v.block, deviceNames(block.devices), v.deviceAttr()))
	case device == "":
		diags.AddError("Provider configuration not known yet",
			fmt.Sprintf("The %s block depends on values that are not known until apply.", v.block))
	default:
		if d, ok := block.devices[device]; ok {
			return d, diags
		}
		diags.AddAttributeError(path.Root(v.deviceAttr()), "Unknown "+v.title+" device",
			fmt.Sprintf("The provider's %s block has no device %q. Its devices: %s.", v.block, device, deviceNames(block.devices)))
	}
	return nil, diags
}

// deviceOf is the settings of the appliance device names in a vendor's block settings.
func deviceOf[S vendorSettings](v vendor, s S, device string) (S, diag.Diagnostics) {
	var none S
	d, diags := pickDevice(v, s.base(), device)
	switch {
	case diags.HasError():
		return none, diags
	case d == nil:
		return s, diags
	}
	return d.(S), diags
}

// deviceEndpoint is the endpoint of the appliance device names, with a diagnostic when
// there is none.
func (c *Clients) deviceEndpoint(v vendor, device string) (*endpoint, diag.Diagnostics) {
	var diags diag.Diagnostics
	b := c.blockEndpoint(v)
	if b == nil {
		diags.AddError("Missing "+v.block+" provider configuration",
			fmt.Sprintf("This %s object needs the provider's %q block, or the environment variables %s, %s and %s.",
				v.title, v.block, v.env("host"), v.env("username"), v.env("password")))
		return nil, diags
	}
	d, diags := pickDevice(v, b, device)
	switch {
	case diags.HasError():
		return nil, diags
	case d == nil:
		return b, diags
	}
	return d.(interface{ base() *endpoint }).base(), diags
}

// applianceName is how messages name the appliance of an endpoint.
func (e *endpoint) applianceName() string {
	host := strings.TrimPrefix(e.baseURL, "https://")
	if e.device == "" {
		return fmt.Sprintf("%s %s", e.vendor.title, host)
	}
	return fmt.Sprintf("%s device %q (%s)", e.vendor.title, e.device, host)
}

// unmanagedError refuses what would send something to an unmanaged appliance.
func unmanagedError(e *endpoint, what string) (string, string) {
	return e.vendor.title + " device not managed",
		fmt.Sprintf("The %s has managed = false, so nothing is sent to it and %s cannot happen. "+
			"Set managed = true in the provider's %s.devices once its maintenance is over, or leave this change for then.", e.applianceName(), what, e.vendor.block)
}

// keepUnmanaged reports whether the appliance of device is unmanaged; a read then keeps
// the object's state as it is. The first such read of a device warns, naming it.
func (c *Clients) keepUnmanaged(ctx context.Context, v vendor, device types.String, diags *diag.Diagnostics) bool {
	if c == nil {
		return false
	}
	ep, d := c.deviceEndpoint(v, device.ValueString())
	if d.HasError() || ep.managed {
		return false
	}
	if _, warned := c.unmanagedWarned.LoadOrStore(v.block+"/"+ep.device, true); !warned {
		tflog.Warn(ctx, "device not managed: state kept as it is", map[string]any{"vendor": v.block, "device": ep.device})
		diags.AddWarning(v.title+" device not managed: state kept",
			fmt.Sprintf("The %s has managed = false: its objects were not read, and their state is kept as it was. "+
				"Drift on it shows once it is managed again.", ep.applianceName()))
	}
	return true
}

// modifyDevicePlan checks a resource plan's device before any request: an unknown name
// fails, listing the known ones; a change of device replaces the object only when it
// names another appliance; nothing may change on an unmanaged appliance.
func (c *Clients) modifyDevicePlan(ctx context.Context, v vendor, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	c.modifyAppliancePlan(ctx, v, v.deviceAttr(), req, resp)
}

// modifyAppliancePlan is modifyDevicePlan for the device the attribute attr names.
func (c *Clients) modifyAppliancePlan(ctx context.Context, v vendor, attr string, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if c == nil {
		return
	}
	at := path.Root(attr)
	read := func(s interface {
		GetAttribute(context.Context, path.Path, any) diag.Diagnostics
	}) types.String {
		var name types.String
		if d := s.GetAttribute(ctx, at, &name); d.HasError() {
			return types.StringNull()
		}
		return name
	}
	var planEP, stateEP *endpoint
	if !req.Plan.Raw.IsNull() {
		name := read(req.Plan)
		if name.IsUnknown() {
			return
		}
		ep, d := c.deviceEndpoint(v, name.ValueString())
		for _, e := range d {
			resp.Diagnostics.AddAttributeError(at, e.Summary(), e.Detail())
		}
		planEP = ep
	}
	if !req.State.Raw.IsNull() {
		stateEP, _ = c.deviceEndpoint(v, read(req.State).ValueString())
	}
	if resp.Diagnostics.HasError() {
		return
	}
	refuse := func(e *endpoint, what string) {
		summary, detail := unmanagedError(e, what)
		resp.Diagnostics.AddAttributeError(at, summary, detail)
	}
	switch {
	case stateEP == nil && planEP != nil && !planEP.managed:
		refuse(planEP, "a create")
	case planEP == nil && stateEP != nil && !stateEP.managed:
		refuse(stateEP, "a destroy")
	case planEP != nil && stateEP != nil:
		if planEP.baseURL != stateEP.baseURL {
			resp.RequiresReplace = append(resp.RequiresReplace, at)
		}
		changed := !req.Plan.Raw.Equal(req.State.Raw)
		switch {
		case changed && !planEP.managed:
			refuse(planEP, "an update")
		case changed && !stateEP.managed:
			refuse(stateEP, "an update")
		}
	}
}

// checkActionDevice refuses at plan time an action on an unknown or unmanaged appliance.
func (c *Clients) checkActionDevice(ctx context.Context, v vendor, config tfsdk.Config, diags *diag.Diagnostics) {
	if c == nil {
		return
	}
	device := applianceOf(ctx, v, config)
	if device.IsUnknown() {
		return
	}
	ep, d := c.deviceEndpoint(v, device.ValueString())
	diags.Append(d...)
	if ep != nil && !ep.managed {
		summary, detail := unmanagedError(ep, "the action")
		diags.AddAttributeError(path.Root(v.deviceAttr()), summary, detail)
	}
}

// modifyActionPlan is the plan-time device check of an action.
func (c *Clients) modifyActionPlan(ctx context.Context, v vendor, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	c.checkActionDevice(ctx, v, req.Config, &resp.Diagnostics)
}

// splitDeviceID reads an import id of a named device, "device/id": the prefix must name a
// device of the vendor's block. An id without one is on the block's own host.
func splitDeviceID(c *Clients, v vendor, raw string) (device, id string, diags diag.Diagnostics) {
	prefix, rest, found := strings.Cut(raw, "/")
	if !found {
		return "", raw, diags
	}
	if c == nil {
		return "", raw, diags
	}
	if _, d := c.deviceEndpoint(v, prefix); d.HasError() {
		diags.AddError("Invalid import id",
			fmt.Sprintf("The import id %q starts with %q, which is not a device of the provider's %s block (its devices: %s). "+
				"Import a device's object as <device>/<id>.", raw, prefix, v.block, deviceNames(c.blockEndpoint(v).devicesOrNil())))
		return "", "", diags
	}
	return prefix, rest, diags
}

// devicesOrNil is the block's devices; nil on a nil endpoint.
func (e *endpoint) devicesOrNil() map[string]any {
	if e == nil {
		return nil
	}
	return e.devices
}

// deviceAt finds the device whose appliance has the address baseURL: the block's own host
// first ("").
func (c *Clients) deviceAt(v vendor, baseURL string) (string, bool) {
	b := c.blockEndpoint(v)
	if b == nil {
		return "", false
	}
	if b.baseURL == baseURL {
		return "", true
	}
	for name, d := range b.devices {
		if s, ok := d.(interface{ base() *endpoint }); ok && s.base().baseURL == baseURL {
			return name, true
		}
	}
	return "", false
}

// setImportedDevice records in the imported state the device an import named.
func setImportedDevice(ctx context.Context, v vendor, device string, resp *resource.ImportStateResponse) {
	if device != "" {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(v.deviceAttr()), device)...)
	}
}

// onlyDeviceRenamed reports whether an update changes nothing but the device attribute
// (the plan replaces the object when the device names another appliance): every other
// attribute is planned as it is in the state, or unknown (a computed value).
func onlyDeviceRenamed(req resource.UpdateRequest) bool {
	var plan, state map[string]tftypes.Value
	if req.Plan.Raw.As(&plan) != nil || req.State.Raw.As(&state) != nil {
		return false
	}
	for name, p := range plan {
		if name == "device" || !p.IsFullyKnown() {
			continue
		}
		if !p.Equal(state[name]) {
			return false
		}
	}
	return true
}
