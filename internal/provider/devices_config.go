package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// A vendor block's devices: named appliances that share the block's settings, each with
// its own host and what it overrides. The block's own host is the default device.

// deviceNamePattern: a device name is also a prefix of import ids (device/id).
var deviceNamePattern = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$`)

// devicesAttribute is the devices map of a vendor block; extra are the vendor's own
// attributes a device may override.
func devicesAttribute(v vendor, extra map[string]schema.Attribute) schema.MapNestedAttribute {
	attrs := map[string]schema.Attribute{
		"host": schema.StringAttribute{
			MarkdownDescription: "Management address of this " + v.title + " appliance: `host`, `host:port` or `https://host[:port]`.",
			Required:            true,
			Validators:          hostValidators,
		},
		"username": schema.StringAttribute{
			MarkdownDescription: "API user of this appliance. Default: the block's `username`.",
			Optional:            true,
		},
		"password": schema.StringAttribute{
			MarkdownDescription: "Password of this appliance's API user. Sensitive; never logged. Default: the block's `password`.",
			Optional:            true,
			Sensitive:           true,
		},
		"insecure": schema.BoolAttribute{
			MarkdownDescription: "Skip TLS certificate verification for this appliance (lab only). Default: the block's `insecure`.",
			Optional:            true,
		},
		"ca_cert_pem": schema.StringAttribute{
			MarkdownDescription: "PEM of the CA that signs this appliance's certificate. Default: the block's `ca_cert_pem`.",
			Optional:            true,
			Validators:          []validator.String{pemValidator{}},
		},
		"managed": schema.BoolAttribute{
			MarkdownDescription: "Whether the provider talks to this appliance. Default `true`. With `false` nothing is sent to it: a refresh keeps " +
				"the state of its objects as it is (with a warning naming the device), and a create, update, delete or action on it fails at plan time. " +
				"Use it to freeze one site during its maintenance window without touching the rest of the configuration.",
			Optional: true,
		},
	}
	for name, a := range extra {
		attrs[name] = a
	}
	return schema.MapNestedAttribute{
		MarkdownDescription: "Named " + v.title + " appliances this provider configuration manages besides `host`, the default one. " +
			"A type's `" + v.deviceAttr() + "` attribute names one; what a device leaves unset comes from this block (and its `" + v.env("*") + "` variables), " +
			"so a fleet with shared credentials is one line per appliance. Names: letters, digits, `_`, `.` and `-`, up to 64.",
		Optional:     true,
		NestedObject: schema.NestedAttributeObject{Attributes: attrs},
		Validators: []validator.Map{mapvalidator.KeysAre(stringvalidator.RegexMatches(deviceNamePattern,
			"must start with a letter, digit or _ and hold only letters, digits, _ . and -, up to 64"))},
	}
}

// deviceValues reads a devices map into each device's attribute values; unknown is true
// when the map or a device is not known yet.
func deviceValues(m types.Map) (devices map[string]map[string]attr.Value, unknown bool) {
	if m.IsUnknown() {
		return nil, true
	}
	if m.IsNull() {
		return nil, false
	}
	devices = map[string]map[string]attr.Value{}
	for name, v := range m.Elements() {
		obj, ok := v.(basetypes.ObjectValue)
		if !ok || obj.IsUnknown() {
			return nil, true
		}
		devices[name] = obj.Attributes()
	}
	return devices, false
}

// deviceString is a device's string attribute; set is false when null.
func deviceString(attrs map[string]attr.Value, name string) (value string, set, unknown bool) {
	v, ok := attrs[name].(basetypes.StringValue)
	switch {
	case !ok || v.IsNull():
		return "", false, false
	case v.IsUnknown():
		return "", false, true
	}
	return v.ValueString(), true, false
}

// deviceBool is a device's bool attribute; set is false when null.
func deviceBool(attrs map[string]attr.Value, name string) (value, set, unknown bool) {
	v, ok := attrs[name].(basetypes.BoolValue)
	switch {
	case !ok || v.IsNull():
		return false, false, false
	case v.IsUnknown():
		return false, false, true
	}
	return v.ValueBool(), true, false
}

// resolveDevice derives one device's endpoint from the block's: the device's host and
// the attributes it sets. ok is false when a value is not known yet.
func (r resolver) resolveDevice(v vendor, block endpoint, name string, attrs map[string]attr.Value) (ep endpoint, ok bool) {
	p := path.Root(v.block).AtName("devices").AtMapKey(name)
	ep = block
	ep.device, ep.managed, ep.devices = name, true, nil
	host, _, u1 := deviceString(attrs, "host")
	user, userSet, u2 := deviceString(attrs, "username")
	pass, passSet, u3 := deviceString(attrs, "password")
	ca, caSet, u4 := deviceString(attrs, "ca_cert_pem")
	insecure, insecureSet, u5 := deviceBool(attrs, "insecure")
	managed, managedSet, u6 := deviceBool(attrs, "managed")
	if u1 || u2 || u3 || u4 || u5 || u6 {
		return ep, false
	}
	if userSet {
		ep.username = user
	}
	if passSet {
		ep.password = pass
	}
	if caSet {
		ep.caCertPEM, ep.insecure = ca, false
	}
	if insecureSet {
		ep.insecure = insecure
	}
	if managedSet {
		ep.managed = managed
	}
	u, err := parseHost(host, v.defaultPort)
	if err != nil {
		r.diags.AddAttributeError(p.AtName("host"), "Invalid appliance address", fmt.Sprintf("The %s device %q address %s.", v.title, name, err.Error()))
	}
	ep.baseURL = u
	for attr, val := range map[string]string{"username": ep.username, "password": ep.password} {
		if val == "" {
			r.diags.AddAttributeError(p.AtName(attr), "Missing "+v.title+" "+attr,
				fmt.Sprintf("The %s device %q has no %s: set it on the device, in the %s block, or in %s.", v.title, name, attr, v.block, v.env(attr)))
		}
	}
	if ep.insecure && ep.caCertPEM != "" {
		r.diags.AddAttributeError(p.AtName("insecure"), "Conflicting TLS settings", insecureWithCAMessage+fmt.Sprintf(" (device %q).", name))
	}
	return ep, true
}

// deviceNames lists a block's device names for messages.
func deviceNames(devices map[string]any) string {
	names := make([]string, 0, len(devices))
	for n := range devices {
		names = append(names, fmt.Sprintf("%q", n))
	}
	slices.Sort(names)
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
