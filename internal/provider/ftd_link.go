package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ftdLinkModel is an FTD pair's failover and stateful failover links and key, the same on
// both units: netops_ftd_ha_configuration holds them for one unit, netops_ftd_ha_pair for both.
type ftdLinkModel struct {
	FailoverInterface             types.String `tfsdk:"failover_interface"`
	FailoverName                  types.String `tfsdk:"failover_name"`
	PrimaryFailoverIPv4           types.String `tfsdk:"primary_failover_ipv4"`
	SecondaryFailoverIPv4         types.String `tfsdk:"secondary_failover_ipv4"`
	Netmask                       types.String `tfsdk:"netmask"`
	PrimaryFailoverIPv6           types.String `tfsdk:"primary_failover_ipv6"`
	SecondaryFailoverIPv6         types.String `tfsdk:"secondary_failover_ipv6"`
	StatefulFailoverInterface     types.String `tfsdk:"stateful_failover_interface"`
	StatefulFailoverName          types.String `tfsdk:"stateful_failover_name"`
	PrimaryStatefulFailoverIPv4   types.String `tfsdk:"primary_stateful_failover_ipv4"`
	SecondaryStatefulFailoverIPv4 types.String `tfsdk:"secondary_stateful_failover_ipv4"`
	StatefulNetmask               types.String `tfsdk:"stateful_netmask"`
	PrimaryStatefulFailoverIPv6   types.String `tfsdk:"primary_stateful_failover_ipv6"`
	SecondaryStatefulFailoverIPv6 types.String `tfsdk:"secondary_stateful_failover_ipv6"`
	SharedKey                     types.String `tfsdk:"shared_key"`
	SharedKeyWO                   types.String `tfsdk:"shared_key_wo"`
	SharedKeyWOVersion            types.Int64  `tfsdk:"shared_key_wo_version"`
}

// links are the attributes a unit's HA configuration reads back (the key reads masked).
func (m *ftdLinkModel) links() []*types.String {
	return []*types.String{&m.FailoverInterface, &m.FailoverName, &m.PrimaryFailoverIPv4, &m.SecondaryFailoverIPv4, &m.Netmask,
		&m.PrimaryFailoverIPv6, &m.SecondaryFailoverIPv6, &m.StatefulFailoverInterface, &m.StatefulFailoverName,
		&m.PrimaryStatefulFailoverIPv4, &m.SecondaryStatefulFailoverIPv4, &m.StatefulNetmask, &m.PrimaryStatefulFailoverIPv6, &m.SecondaryStatefulFailoverIPv6}
}

// ftdLinkAttributes are the schema of ftdLinkModel.
func ftdLinkAttributes() map[string]schema.Attribute {
	ipv4 := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Validators: []validator.String{ipValidator{v4: true}}}
	}
	ipv6 := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Validators: []validator.String{ipValidator{}}}
	}
	linkName := func(desc string, required bool) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc, Required: required, Optional: !required,
			Validators: []validator.String{
				stringvalidator.LengthBetween(1, 48),
				stringvalidator.RegexMatches(ftdObjectName, "must not contain a semicolon"),
			},
		}
	}
	mask := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Validators: []validator.String{netmaskValidator{}}}
	}
	return map[string]schema.Attribute{
		"failover_interface": schema.StringAttribute{
			MarkdownDescription: "Hardware name of the failover link interface, e.g. `GigabitEthernet0/7`. It must be an unused, unnamed physical interface.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"failover_name":           linkName("Name of the failover link.", true),
		"primary_failover_ipv4":   ipv4("Failover link IPv4 address of the primary unit."),
		"secondary_failover_ipv4": ipv4("Failover link IPv4 address of the secondary unit."),
		"netmask":                 mask("Netmask of the failover link, as a prefix length (`24`) or dotted (`255.255.255.0`)."),
		"primary_failover_ipv6":   ipv6("Failover link IPv6 address of the primary unit."),
		"secondary_failover_ipv6": ipv6("Failover link IPv6 address of the secondary unit."),
		"stateful_failover_interface": schema.StringAttribute{
			MarkdownDescription: "Hardware name of the stateful failover link. When omitted, the failover link carries stateful failover too, with its name and addresses.",
			Optional:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"stateful_failover_name": linkName("Name of the stateful failover link. Required with `stateful_failover_interface`; without it, the stateful link "+
			"shares the failover interface and addresses and takes this name, as Cisco's HA sample does (`failover-link` / `stateful-failover-link`), or `failover_name` when omitted.", false),
		"primary_stateful_failover_ipv4":   ipv4("Stateful failover link IPv4 address of the primary unit."),
		"secondary_stateful_failover_ipv4": ipv4("Stateful failover link IPv4 address of the secondary unit."),
		"stateful_netmask":                 mask("Netmask of the stateful failover link."),
		"primary_stateful_failover_ipv6":   ipv6("Stateful failover link IPv6 address of the primary unit."),
		"secondary_stateful_failover_ipv6": ipv6("Stateful failover link IPv6 address of the secondary unit."),
		"shared_key": schema.StringAttribute{
			MarkdownDescription: "Key that encrypts failover traffic; the same on both units. FDM reads it back masked, so it is never compared with the device. " +
				"**Stored in the Terraform state in clear text** (sensitive only hides it in the CLI): with Terraform 1.11 or later use `shared_key_wo` instead.",
			Optional:   true,
			Sensitive:  true,
			Validators: []validator.String{stringvalidator.LengthBetween(1, 63), stringvalidator.ConflictsWith(path.MatchRoot("shared_key_wo"))},
		},
		"shared_key_wo": schema.StringAttribute{
			MarkdownDescription: "The failover key as a write-only value (Terraform 1.11 or later): sent to the unit, never stored in the plan or the state. " +
				"Terraform cannot see a change of a write-only value: change `shared_key_wo_version` to send a new key.",
			Optional:   true,
			Sensitive:  true,
			WriteOnly:  true,
			Validators: []validator.String{stringvalidator.LengthBetween(1, 63)},
		},
		"shared_key_wo_version": schema.Int64Attribute{
			MarkdownDescription: "Any number; changing it sends `shared_key_wo` to the unit again (an update in place).",
			Optional:            true,
			Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("shared_key_wo"))},
		},
	}
}

// validate checks the links as FDM would, before any request.
func (m *ftdLinkModel) validate(writeOnlyAllowed bool, diags *diag.Diagnostics) {
	if !writeOnlyAllowed && !m.SharedKeyWO.IsNull() {
		diags.AddAttributeError(path.Root("shared_key_wo"), "shared_key_wo needs Terraform 1.11 or newer",
			"Write-only attributes came with Terraform 1.11 and OpenTofu 1.11; this CLI cannot send one. "+
				"Upgrade the CLI, or set shared_key instead (it works with every Terraform but is stored in the state in clear text).")
	}
	requireTogether := func(names []string, values ...types.String) {
		set, unknown := 0, false
		for _, v := range values {
			if v.IsUnknown() {
				unknown = true
			} else if !v.IsNull() {
				set++
			}
		}
		if !unknown && set != 0 && set != len(values) {
			diags.AddAttributeError(path.Root(names[0]), "Incomplete failover addresses",
				fmt.Sprintf("%v must be set together.", names))
		}
	}
	requireTogether([]string{"primary_failover_ipv4", "secondary_failover_ipv4", "netmask"}, m.PrimaryFailoverIPv4, m.SecondaryFailoverIPv4, m.Netmask)
	requireTogether([]string{"primary_failover_ipv6", "secondary_failover_ipv6"}, m.PrimaryFailoverIPv6, m.SecondaryFailoverIPv6)
	requireTogether([]string{"primary_stateful_failover_ipv4", "secondary_stateful_failover_ipv4", "stateful_netmask"}, m.PrimaryStatefulFailoverIPv4, m.SecondaryStatefulFailoverIPv4, m.StatefulNetmask)
	requireTogether([]string{"primary_stateful_failover_ipv6", "secondary_stateful_failover_ipv6"}, m.PrimaryStatefulFailoverIPv6, m.SecondaryStatefulFailoverIPv6)
	sameLink("primary_failover_ipv4", m.PrimaryFailoverIPv4, m.SecondaryFailoverIPv4, m.Netmask, diags)
	sameLink("primary_stateful_failover_ipv4", m.PrimaryStatefulFailoverIPv4, m.SecondaryStatefulFailoverIPv4, m.StatefulNetmask, diags)
	if m.PrimaryFailoverIPv4.IsNull() && m.PrimaryFailoverIPv6.IsNull() {
		diags.AddAttributeError(path.Root("primary_failover_ipv4"), "Missing failover addresses",
			"Set the IPv4 (primary_failover_ipv4, secondary_failover_ipv4, netmask) or the IPv6 addresses of the failover link.")
	}
	statefulAddresses := !m.PrimaryStatefulFailoverIPv4.IsNull() || !m.PrimaryStatefulFailoverIPv6.IsNull()
	if m.StatefulFailoverInterface.IsNull() && statefulAddresses {
		diags.AddAttributeError(path.Root("stateful_failover_interface"), "Missing stateful failover interface",
			"Stateful failover addresses need stateful_failover_interface; without it the stateful link uses the failover link's interface and addresses.")
	}
	if !m.StatefulFailoverInterface.IsNull() && !m.StatefulFailoverInterface.IsUnknown() {
		if m.StatefulFailoverName.IsNull() || (m.PrimaryStatefulFailoverIPv4.IsNull() && m.PrimaryStatefulFailoverIPv6.IsNull()) {
			diags.AddAttributeError(path.Root("stateful_failover_interface"), "Incomplete stateful failover link",
				"A separate stateful failover link needs stateful_failover_name and its IPv4 or IPv6 addresses.")
		}
	}
}
