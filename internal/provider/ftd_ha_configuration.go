package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/ftd"
)

// readHAConfiguration reads by object id; "" or "default" reads the unit's only one.
func readHAConfiguration(ctx context.Context, c *ftd.Client, id string) (*ftd.HAConfiguration, error) {
	if id == "" || id == "default" {
		return c.HAConfiguration(ctx)
	}
	return c.HAConfigurationByID(ctx, id)
}

// put writes the planned configuration with the device's current version and records
// the id and new version in plan.
func (r *ftdHAConfigurationResource) put(ctx context.Context, plan *ftdHAConfigurationModel, id string, diags *diag.Diagnostics) {
	client, d := r.clients.ftdClient()
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	client.AddSecrets(plan.SharedKey.ValueString())
	status, err := client.HAStatus(ctx)
	if err != nil {
		diags.AddError("Reading the FTD HA status failed", err.Error())
		return
	}
	if status.NodeState != "" && status.NodeState != ftd.StateSingle {
		diags.AddError("FTD unit is already in HA",
			fmt.Sprintf("The unit reports %s. FDM refuses HA configuration changes once a unit is in an HA pair: "+
				"break the pair first (destroy its netops_ftd_ha_join), then apply again.", status))
		return
	}
	current, err := readHAConfiguration(ctx, client, id)
	if err != nil {
		diags.AddError("Reading the FTD HA configuration failed", err.Error())
		return
	}
	ifaces, err := client.Interfaces(ctx)
	if err != nil {
		diags.AddError("Reading the FTD interfaces failed", err.Error())
		return
	}
	cfg, err := plan.toDevice(current, ifaces)
	if err != nil {
		diags.AddAttributeError(pathOfInterfaceError(err), "Unknown FTD interface", err.Error())
		return
	}
	out, err := client.PutHAConfiguration(ctx, cfg)
	if err != nil {
		diags.AddError("FTD refused the HA configuration", err.Error())
		return
	}
	plan.ID = types.StringValue(out.ID)
	plan.Version = types.StringValue(out.Version)
}

type interfaceError struct {
	attr string
	err  error
}

func (e *interfaceError) Error() string { return e.err.Error() }

// toDevice builds the HAConfiguration to PUT, starting from the current object.
func (m *ftdHAConfigurationModel) toDevice(current *ftd.HAConfiguration, ifaces []ftd.Interface) (*ftd.HAConfiguration, error) {
	failover, err := ftd.FindInterface(ifaces, m.FailoverInterface.ValueString())
	if err != nil {
		return nil, &interfaceError{attr: "failover_interface", err: err}
	}
	cfg := &ftd.HAConfiguration{
		ID: current.ID, Version: current.Version, Name: current.Name, Type: "haconfiguration",
		NodeRole:              m.NodeRole.ValueString(),
		FailoverInterface:     failover.Reference(),
		FailoverName:          m.FailoverName.ValueString(),
		PrimaryFailoverIPv4:   ftd.NewIPv4(m.PrimaryFailoverIPv4.ValueString(), m.Netmask.ValueString()),
		SecondaryFailoverIPv4: ftd.NewIPv4(m.SecondaryFailoverIPv4.ValueString(), m.Netmask.ValueString()),
		PrimaryFailoverIPv6:   ftd.NewIPv6(m.PrimaryFailoverIPv6.ValueString()),
		SecondaryFailoverIPv6: ftd.NewIPv6(m.SecondaryFailoverIPv6.ValueString()),
		SharedKey:             m.SharedKey.ValueString(),
	}
	if cfg.Name == "" {
		cfg.Name = "HA"
	}
	if m.StatefulFailoverInterface.IsNull() {
		// The failover link carries stateful failover too.
		cfg.StatefulFailoverInterface = cfg.FailoverInterface
		cfg.StatefulFailoverName = cfg.FailoverName
		cfg.PrimaryStatefulFailoverIPv4, cfg.SecondaryStatefulFailoverIPv4 = cfg.PrimaryFailoverIPv4, cfg.SecondaryFailoverIPv4
		cfg.PrimaryStatefulFailoverIPv6, cfg.SecondaryStatefulFailoverIPv6 = cfg.PrimaryFailoverIPv6, cfg.SecondaryFailoverIPv6
		return cfg, nil
	}
	stateful, err := ftd.FindInterface(ifaces, m.StatefulFailoverInterface.ValueString())
	if err != nil {
		return nil, &interfaceError{attr: "stateful_failover_interface", err: err}
	}
	cfg.StatefulFailoverInterface = stateful.Reference()
	cfg.StatefulFailoverName = m.StatefulFailoverName.ValueString()
	cfg.PrimaryStatefulFailoverIPv4 = ftd.NewIPv4(m.PrimaryStatefulFailoverIPv4.ValueString(), m.StatefulNetmask.ValueString())
	cfg.SecondaryStatefulFailoverIPv4 = ftd.NewIPv4(m.SecondaryStatefulFailoverIPv4.ValueString(), m.StatefulNetmask.ValueString())
	cfg.PrimaryStatefulFailoverIPv6 = ftd.NewIPv6(m.PrimaryStatefulFailoverIPv6.ValueString())
	cfg.SecondaryStatefulFailoverIPv6 = ftd.NewIPv6(m.SecondaryStatefulFailoverIPv6.ValueString())
	return cfg, nil
}

// fromDevice copies what the device holds into the model. The shared key reads back
// masked and is kept as configured; a stateful link equal to the failover link stays
// unset, as configured.
func (m *ftdHAConfigurationModel) fromDevice(cfg *ftd.HAConfiguration, ifaces []ftd.Interface) {
	hw := func(ref *ftd.Reference) types.String {
		if ref == nil {
			return types.StringNull()
		}
		for _, i := range ifaces {
			if i.ID == ref.ID {
				return types.StringValue(i.HardwareName)
			}
		}
		return types.StringValue(ref.Name)
	}
	m.ID = types.StringValue(cfg.ID)
	m.Version = types.StringValue(cfg.Version)
	m.NodeRole = types.StringValue(cfg.NodeRole)
	m.FailoverInterface = keepCase(m.FailoverInterface, hw(cfg.FailoverInterface))
	m.FailoverName = types.StringValue(cfg.FailoverName)
	m.PrimaryFailoverIPv4, m.SecondaryFailoverIPv4, m.Netmask = ipv4Values(cfg.PrimaryFailoverIPv4, cfg.SecondaryFailoverIPv4, m.Netmask)
	m.PrimaryFailoverIPv6, m.SecondaryFailoverIPv6 = ipv6Value(cfg.PrimaryFailoverIPv6), ipv6Value(cfg.SecondaryFailoverIPv6)

	sameLink := cfg.StatefulFailoverInterface == nil || (cfg.FailoverInterface != nil && cfg.StatefulFailoverInterface.ID == cfg.FailoverInterface.ID)
	if sameLink && m.StatefulFailoverInterface.IsNull() {
		return
	}
	m.StatefulFailoverInterface = keepCase(m.StatefulFailoverInterface, hw(cfg.StatefulFailoverInterface))
	m.StatefulFailoverName = types.StringValue(cfg.StatefulFailoverName)
	m.PrimaryStatefulFailoverIPv4, m.SecondaryStatefulFailoverIPv4, m.StatefulNetmask = ipv4Values(cfg.PrimaryStatefulFailoverIPv4, cfg.SecondaryStatefulFailoverIPv4, m.StatefulNetmask)
	m.PrimaryStatefulFailoverIPv6, m.SecondaryStatefulFailoverIPv6 = ipv6Value(cfg.PrimaryStatefulFailoverIPv6), ipv6Value(cfg.SecondaryStatefulFailoverIPv6)
}

// keepCase keeps the configured spelling of an interface name the device matches case-insensitively.
func keepCase(configured, device types.String) types.String {
	if !configured.IsNull() && strings.EqualFold(configured.ValueString(), device.ValueString()) {
		return configured
	}
	return device
}

// ipv4Values returns both addresses and the netmask, keeping the configured netmask
// form (24 or 255.255.255.0) when it means the same.
func ipv4Values(primary, secondary *ftd.IPv4Address, configuredMask types.String) (types.String, types.String, types.String) {
	if primary == nil && secondary == nil {
		return types.StringNull(), types.StringNull(), types.StringNull()
	}
	var p, s, mask string
	if primary != nil {
		p, mask = primary.IPAddress, primary.Netmask
	}
	if secondary != nil {
		s = secondary.IPAddress
		if mask == "" {
			mask = secondary.Netmask
		}
	}
	maskValue := types.StringValue(mask)
	if !configuredMask.IsNull() && samePrefix(configuredMask.ValueString(), mask) {
		maskValue = configuredMask
	}
	return nullIfEmpty(p), nullIfEmpty(s), maskValue
}

func ipv6Value(a *ftd.IPv6Address) types.String {
	if a == nil {
		return types.StringNull()
	}
	return nullIfEmpty(a.IPAddress)
}

func pathOfInterfaceError(err error) path.Path {
	var ie *interfaceError
	if errors.As(err, &ie) {
		return path.Root(ie.attr)
	}
	return path.Root("failover_interface")
}
