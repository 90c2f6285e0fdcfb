package main

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fleet"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

const pairType = "netops_ftd_ha_pair"

// The fleet case's twin of netops_ftd_ha_pair has the production schema and identity,
// checks the devices at plan time as production does, and sends nothing to the units.
func TestTwinMirrorsTheFTDPair(t *testing.T) {
	ca, err := mock.NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	f, err := fleet.ServeFTDPairs(ca, 2, ftdmock.Options{Clock: mock.NewFakeClock(time.Unix(0, 0))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	devices := map[string]any{}
	for name, d := range f.Vars().FTDDevices {
		devices[name] = map[string]any{"host": d.Host}
	}

	// A production create would wait for the units; the twin must not even ask them.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	schemas := map[string]*tfprotov6.GetProviderSchemaResponse{}
	for _, name := range []string{"provider", "twin"} {
		server, err := providerserver.NewProtocol6WithError(build(name))()
		if err != nil {
			t.Fatal(err)
		}
		schema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
		if err != nil || hasErrors(schema.Diagnostics) {
			t.Fatal(err, schema.Diagnostics)
		}
		schemas[name] = schema
		ids, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
		if err != nil || ids.IdentitySchemas[pairType] == nil {
			t.Fatalf("%s: no identity schema for %s (%v)", name, pairType, err)
		}
		if name == "provider" {
			continue
		}

		providerType := schema.Provider.ValueType()
		conf, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4",
			Config: dynamic(t, providerType, value(t, providerType, map[string]any{"ftd": map[string]any{
				"username": ftdmock.Username, "password": ftdmock.Password, "ca_cert_pem": string(ca.CertPEM()), "devices": devices,
			}}))})
		if err != nil || hasErrors(conf.Diagnostics) {
			t.Fatal(err, diagnosticsText(conf.Diagnostics))
		}
		objType := schema.ResourceSchemas[pairType].ValueType()
		cfg := func(secondary string) *tfprotov6.DynamicValue {
			return dynamic(t, objType, value(t, objType, map[string]any{
				"primary_device": "ftd01-primary", "secondary_device": secondary,
				"failover_interface": "GigabitEthernet0/7", "failover_name": "failover-link",
				"primary_failover_ipv4": "192.168.77.1", "secondary_failover_ipv4": "192.168.77.2", "netmask": "24", "shared_key": "k",
			}))
		}
		null := dynamic(t, objType, tftypes.NewValue(objType, nil))

		bad, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
			TypeName: pairType, PriorState: null, ProposedNewState: cfg("ftd09-secondary"), Config: cfg("ftd09-secondary")})
		if err != nil || !hasErrors(bad.Diagnostics) {
			t.Errorf("twin: a pair naming an unknown device planned (%v)", err)
		}
		planned, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
			TypeName: pairType, PriorState: null, ProposedNewState: cfg("ftd01-secondary"), Config: cfg("ftd01-secondary")})
		if err != nil || hasErrors(planned.Diagnostics) {
			t.Fatal(err, diagnosticsText(planned.Diagnostics))
		}
		created, err := server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
			TypeName: pairType, PriorState: null, PlannedState: planned.PlannedState, Config: cfg("ftd01-secondary"), PlannedPrivate: planned.PlannedPrivate})
		if err != nil || hasErrors(created.Diagnostics) {
			t.Fatal(err, diagnosticsText(created.Diagnostics))
		}
		read, err := server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: pairType, CurrentState: created.NewState, Private: created.Private,
			CurrentIdentity: created.NewIdentity})
		if err != nil || hasErrors(read.Diagnostics) {
			t.Fatal(err, diagnosticsText(read.Diagnostics))
		}
		again, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
			TypeName: pairType, PriorState: read.NewState, ProposedNewState: read.NewState, Config: cfg("ftd01-secondary"), PriorPrivate: read.Private,
			PriorIdentity: read.NewIdentity})
		if err != nil || hasErrors(again.Diagnostics) || len(again.RequiresReplace) > 0 {
			t.Fatalf("twin: the plan after create: %v %s %v", err, diagnosticsText(again.Diagnostics), again.RequiresReplace)
		}
	}
	p, tw := schemas["provider"].ResourceSchemas[pairType], schemas["twin"].ResourceSchemas[pairType]
	if !p.ValueType().Equal(tw.ValueType()) {
		t.Error("the twin's netops_ftd_ha_pair differs from the provider's")
	}
	for _, s := range f.Servers() {
		if n := len(s.Calls()); n > 0 {
			t.Errorf("the twin sent %d requests to %s", n, s.Name())
		}
	}
}
