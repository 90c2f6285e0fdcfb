package provider

import (
	"context"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/loginsight"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
)

// These tests drive identity and list resources through the plugin protocol, so they run
// whatever Terraform is on PATH.

func TestIdentitySchemas_protocol(t *testing.T) {
	t.Parallel()
	p := newProtocolProvider(t, map[string]any{})
	resp, err := p.server.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil || hasErrors(resp.Diagnostics) {
		t.Fatalf("GetResourceIdentitySchemas: %v %s", err, diagnosticsText(resp.Diagnostics))
	}
	want := map[string]string{
		"netops_ftd_ha_configuration":            "host id*",
		"netops_ftd_ha_join":                     "host job_id*",
		"netops_ftd_ha_pair":                     "primary_host* secondary_host*",
		"netops_ftd_ha_failover_configuration":   "host id*",
		"netops_loginsight_cluster_member":       "node_host* token*",
		"netops_loginsight_cluster":              "host*",
		"netops_fireflow_object_change_request":  "change_request_id*",
		"netops_fireflow_rule_removal_request":   "change_request_id*",
		"netops_fireflow_traffic_change_request": "change_request_id*",
		"netops_sbc_switchover":                  "accepted_at new_active previous_active",
	}
	for typ := range p.schema.ResourceSchemas {
		if _, ok := want[typ]; !ok {
			t.Errorf("resource %s has no expected identity in this test", typ)
		}
	}
	for typ, attrs := range want {
		s, ok := resp.IdentitySchemas[typ]
		if !ok {
			t.Errorf("%s: no identity schema", typ)
			continue
		}
		var got []string
		for _, a := range s.IdentityAttributes {
			if !a.Type.Is(tftypes.String) || (!a.RequiredForImport && !a.OptionalForImport) {
				t.Errorf("%s.%s: type %s, required %v, optional %v", typ, a.Name, a.Type, a.RequiredForImport, a.OptionalForImport)
			}
			name := a.Name
			if a.RequiredForImport {
				name += "*"
			}
			got = append(got, name)
		}
		sort.Strings(got)
		if strings.Join(got, " ") != attrs {
			t.Errorf("%s identity attributes %q, want %q (* required for import)", typ, strings.Join(got, " "), attrs)
		}
	}
}

func TestListResourceSchemas_protocol(t *testing.T) {
	t.Parallel()
	p := newProtocolProvider(t, map[string]any{})
	var got []string
	for typ := range p.schema.ListResourceSchemas {
		got = append(got, typ)
	}
	sort.Strings(got)
	if strings.Join(got, " ") != "netops_ftd_ha_configuration netops_loginsight_cluster_member" {
		t.Fatalf("list resources %q", got)
	}
}

// list runs ListResource and collects every result.
func (p *protocolProvider) list(typeName string, includeResource bool) []tfprotov6.ListResourceResult {
	p.t.Helper()
	ls, ok := p.schema.ListResourceSchemas[typeName]
	if !ok {
		p.t.Fatalf("the provider declares no list resource %s", typeName)
	}
	server, ok := p.server.(tfprotov6.ProviderServerWithListResource) //nolint:staticcheck // the list RPCs live there until they join ProviderServer
	if !ok {
		p.t.Fatal("the provider server does not serve list resources")
	}
	stream, err := server.ListResource(context.Background(), &tfprotov6.ListResourceRequest{
		TypeName: typeName, Config: p.value(ls.ValueType(), map[string]any{}), IncludeResource: includeResource, Limit: 100,
	})
	if err != nil {
		p.t.Fatal(err)
	}
	var out []tfprotov6.ListResourceResult
	for r := range stream.Results {
		out = append(out, r)
	}
	return out
}

// identitySchema is the identity schema of a resource type.
func (p *protocolProvider) identitySchema(typeName string) *tfprotov6.ResourceIdentitySchema {
	p.t.Helper()
	resp, err := p.server.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil || resp.IdentitySchemas[typeName] == nil {
		p.t.Fatalf("no identity schema for %s: %v", typeName, err)
	}
	return resp.IdentitySchemas[typeName]
}

// strings decodes an object value to its string attributes ("" for null).
func (p *protocolProvider) strings(typ tftypes.Type, dv *tfprotov6.DynamicValue) map[string]string {
	p.t.Helper()
	v, err := dv.Unmarshal(typ)
	if err != nil {
		p.t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		p.t.Fatal(err)
	}
	out := map[string]string{}
	for k, a := range attrs {
		if a.Type().Is(tftypes.String) && a.IsKnown() && !a.IsNull() {
			var s string
			_ = a.As(&s)
			out[k] = s
		}
	}
	return out
}

// importByIdentity imports typeName with the identity and reads it as Terraform does
// after an import; it returns the read's state and identity, or the diagnostics.
func (p *protocolProvider) importByIdentity(typeName string, identity map[string]any) (state, id map[string]string, diags []*tfprotov6.Diagnostic) {
	p.t.Helper()
	ctx := context.Background()
	is := p.identitySchema(typeName)
	rs := p.schema.ResourceSchemas[typeName]
	ir, err := p.server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{
		TypeName: typeName, Identity: &tfprotov6.ResourceIdentityData{IdentityData: p.value(is.ValueType(), identity)},
	})
	if err != nil {
		p.t.Fatal(err)
	}
	if hasErrors(ir.Diagnostics) || len(ir.ImportedResources) != 1 {
		return nil, nil, ir.Diagnostics
	}
	imported := ir.ImportedResources[0]
	rr, err := p.server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{
		TypeName: typeName, CurrentState: imported.State, Private: imported.Private, CurrentIdentity: imported.Identity,
	})
	if err != nil {
		p.t.Fatal(err)
	}
	if hasErrors(rr.Diagnostics) {
		return nil, nil, rr.Diagnostics
	}
	if v, err := rr.NewState.Unmarshal(rs.ValueType()); err != nil || v.IsNull() {
		return nil, nil, rr.Diagnostics // gone: Terraform reports a non-existent remote object
	}
	if rr.NewIdentity == nil {
		p.t.Fatalf("%s read after import returned no identity", typeName)
	}
	return p.strings(rs.ValueType(), rr.NewState), p.strings(is.ValueType(), rr.NewIdentity.IdentityData), nil
}

// joinMember joins the fixture's first node through the Log Insight API, as an engineer
// would by hand, and returns its cluster token.
func (f *liFixture) joinMember(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	ca := string(testAuthority(t).CertPEM())
	master, err := loginsight.New(loginsight.Config{BaseURL: f.master.URL(), Username: loginsightmock.AdminUser, Password: loginsightmock.AdminPassword,
		AuthProvider: loginsightmock.AuthProvider, CACertPEM: ca})
	if err != nil {
		t.Fatal(err)
	}
	node, err := loginsight.New(loginsight.Config{BaseURL: f.nodes[0].URL(), CACertPEM: ca})
	if err != nil {
		t.Fatal(err)
	}
	host, port, _ := net.SplitHostPort(f.master.Host())
	p, _ := strconv.Atoi(port)
	ticket, err := node.Join(ctx, loginsight.JoinRequest{MasterFQDN: host, MasterPort: p})
	if err != nil {
		t.Fatalf("join: %v", err)
	}
	approval, err := master.Approve(ctx, ticket, true)
	if err != nil {
		t.Fatalf("approve: %v", err)
	}
	return approval.ClusterNode.Token
}

func (f *liFixture) protocolProvider(t *testing.T) *protocolProvider {
	return newProtocolProvider(t, map[string]any{
		"retry": map[string]any{"min_backoff": "50ms", "max_backoff": "200ms"},
		"loginsight": map[string]any{
			"host": f.master.Host(), "username": loginsightmock.AdminUser, "password": loginsightmock.AdminPassword,
			"ca_cert_pem": string(testAuthority(t).CertPEM()),
		},
	})
}

func TestLogInsightClusterMemberList_protocol(t *testing.T) {
	t.Parallel()
	f := newLIFixture(t)
	p := f.protocolProvider(t)
	if got := p.list("netops_loginsight_cluster_member", true); len(got) != 0 {
		t.Fatalf("a cluster of one master listed %d members: %+v", len(got), got)
	}
	token := f.joinMember(t)
	addr := f.nodeAddress(0)
	results := p.list("netops_loginsight_cluster_member", true)
	if len(results) != 1 || hasErrors(results[0].Diagnostics) {
		t.Fatalf("results %+v", results)
	}
	r := results[0]
	id := p.strings(p.identitySchema("netops_loginsight_cluster_member").ValueType(), r.Identity.IdentityData)
	if id["token"] != token || id["node_host"] != addr {
		t.Fatalf("identity %v, want token %s at %s", id, token, addr)
	}
	res := p.strings(p.schema.ResourceSchemas["netops_loginsight_cluster_member"].ValueType(), r.Resource)
	if res["id"] != token || res["node_host"] != addr || res["version"] != loginsightmock.DefaultFullVersion {
		t.Fatalf("resource %v", res)
	}
	if !strings.Contains(r.DisplayName, token) {
		t.Fatalf("display name %q", r.DisplayName)
	}

	// Without IncludeResource, only the identity comes back.
	if rs := p.list("netops_loginsight_cluster_member", false); len(rs) != 1 || rs[0].Resource != nil {
		t.Fatalf("results without resource %+v", rs)
	}

	// Imported by that identity, the member reads back with the same identity.
	state, readID, diags := p.importByIdentity("netops_loginsight_cluster_member", map[string]any{"token": token, "node_host": addr})
	if diags != nil || state["id"] != token || state["node_host"] != addr || readID["token"] != token || readID["node_host"] != addr {
		t.Fatalf("import by identity: state %v identity %v %s", state, readID, diagnosticsText(diags))
	}
}

func TestLogInsightClusterMemberList_withoutClusterNodes(t *testing.T) {
	t.Parallel()
	f := newLIFixture(t)
	token := f.joinMember(t)
	p := f.protocolProvider(t)
	f.master.Inject(mockFault(http.MethodGet, "/api/v2/cluster/nodes", http.StatusNotFound, `"Not Found"`))
	results := p.list("netops_loginsight_cluster_member", true)
	// A warning first, then master and member by token only.
	if len(results) != 3 || len(results[0].Diagnostics) != 1 || results[0].Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityWarning ||
		!strings.Contains(results[0].Diagnostics[0].Summary, "node addresses unknown") {
		t.Fatalf("results %+v", results)
	}
	idType := p.identitySchema("netops_loginsight_cluster_member").ValueType()
	var tokens []string
	for _, r := range results[1:] {
		id := p.strings(idType, r.Identity.IdentityData)
		if id["node_host"] != "" {
			t.Fatalf("identity %v has an address the master did not give", id)
		}
		tokens = append(tokens, id["token"])
	}
	if !strings.Contains(strings.Join(tokens, " "), token) {
		t.Fatalf("tokens %q, want %s among them", tokens, token)
	}
}

// configurePrimary writes an HA configuration on the primary through the FDM API, as an
// engineer would in the FDM UI.
func (f *ftdFixture) configurePrimary(t *testing.T) *ftd.HAConfiguration {
	t.Helper()
	ctx := context.Background()
	c, err := ftd.New(ftd.Config{BaseURL: f.primary.URL(), Username: ftdmock.Username, Password: ftdmock.Password, CACertPEM: string(testAuthority(t).CertPEM())})
	if err != nil {
		t.Fatal(err)
	}
	current, err := c.HAConfiguration(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ifaces, err := c.Interfaces(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m := ftdHAConfigurationModel{NodeRole: types.StringValue(ftd.RolePrimary), ftdLinkModel: ftdLinkModel{
		FailoverInterface: types.StringValue("GigabitEthernet0/7"),
		FailoverName:      types.StringValue("failover-link"), PrimaryFailoverIPv4: types.StringValue("192.168.77.1"),
		SecondaryFailoverIPv4: types.StringValue("192.168.77.2"), Netmask: types.StringValue("255.255.255.0"),
		SharedKey: types.StringValue("by-hand-key"),
	}}
	cfg, err := m.toDevice(current, ifaces, m.SharedKey.ValueString())
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.PutHAConfiguration(ctx, cfg)
	if err != nil {
		t.Fatalf("PUT HA configuration: %v", err)
	}
	return out
}

func TestFTDHAConfigurationList_protocol(t *testing.T) {
	t.Parallel()
	f := newFTDFixture(t)
	p := f.protocolProvider(t)
	if got := p.list("netops_ftd_ha_configuration", true); len(got) != 0 {
		t.Fatalf("an unconfigured unit listed %+v", got)
	}
	cfg := f.configurePrimary(t)
	results := p.list("netops_ftd_ha_configuration", true)
	if len(results) != 1 || hasErrors(results[0].Diagnostics) {
		t.Fatalf("results %+v", results)
	}
	id := p.strings(p.identitySchema("netops_ftd_ha_configuration").ValueType(), results[0].Identity.IdentityData)
	if id["host"] != f.primary.Host() || id["id"] != cfg.ID {
		t.Fatalf("identity %v, want host %s id %s", id, f.primary.Host(), cfg.ID)
	}
	res := p.strings(p.schema.ResourceSchemas["netops_ftd_ha_configuration"].ValueType(), results[0].Resource)
	want := map[string]string{
		"id": cfg.ID, "node_role": "HA_PRIMARY", "failover_interface": "GigabitEthernet0/7", "failover_name": "failover-link",
		"primary_failover_ipv4": "192.168.77.1", "secondary_failover_ipv4": "192.168.77.2", "netmask": "255.255.255.0", "version": cfg.Version,
	}
	for k, v := range want {
		if res[k] != v {
			t.Errorf("resource %s = %q, want %q", k, res[k], v)
		}
	}
	if _, ok := res["shared_key"]; ok {
		t.Errorf("the masked shared key was listed: %q", res["shared_key"])
	}

	state, readID, diags := p.importByIdentity("netops_ftd_ha_configuration", map[string]any{"id": "default"})
	if diags != nil || state["id"] != cfg.ID || readID["id"] != cfg.ID || readID["host"] != f.primary.Host() {
		t.Fatalf("import by identity: state %v identity %v %s", state, readID, diagnosticsText(diags))
	}
	_, _, diags = p.importByIdentity("netops_ftd_ha_configuration", map[string]any{"id": cfg.ID, "host": f.secondary.Host()})
	if !strings.Contains(diagnosticsText(diags), "Identity names another FTD unit") {
		t.Fatalf("import naming the secondary through the primary's provider: %s", diagnosticsText(diags))
	}
}

func TestFireFlowChangeRequestImportByIdentity_protocol(t *testing.T) {
	t.Parallel()
	f := newFFFixture(t)
	p := f.protocolProvider(t)
	created, err := f.client(t).CreateRuleRemovalRequest(context.Background(), &fireflow.RuleRemovalRequest{
		Template:       ffRuleTemplate,
		Fields:         []fireflow.Field{{Name: "subject", Values: []string{"opened by hand"}}, {Name: "devices", Values: []string{"Orit_GW2"}}},
		RequestActions: []fireflow.RuleAction{{Action: "disable", RuleID: ffRuleA}},
	})
	if err != nil {
		t.Fatalf("creating a rule removal request: %v", err)
	}
	id := created.ID
	state, readID, diags := p.importByIdentity("netops_fireflow_rule_removal_request", map[string]any{"change_request_id": strconv.FormatInt(id, 10)})
	if diags != nil || state["id"] != strconv.FormatInt(id, 10) || readID["change_request_id"] != state["id"] || state["template"] == "" {
		t.Fatalf("import by identity: state %v identity %v %s", state, readID, diagnosticsText(diags))
	}
	state, _, diags = p.importByIdentity("netops_fireflow_object_change_request", map[string]any{"change_request_id": strconv.FormatInt(id, 10)})
	if state != nil || hasErrors(diags) {
		t.Fatalf("a rule removal request imported as an object change request: %s", diagnosticsText(diags))
	}
	traffic, _ := f.openTraffic(t)
	state, readID, diags = p.importByIdentity("netops_fireflow_traffic_change_request", map[string]any{"change_request_id": strconv.Itoa(traffic)})
	if diags != nil || state["id"] != strconv.Itoa(traffic) || readID["change_request_id"] != state["id"] || state["template"] != fireflowmock.TrafficTemplate ||
		state["subject"] != "opened by hand" {
		t.Fatalf("import of a traffic request by identity: state %v identity %v %s", state, readID, diagnosticsText(diags))
	}
}
