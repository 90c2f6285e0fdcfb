package provider

import (
	"context"
	"maps"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// The resource types with an import id, in the order FuzzImportID's kind picks them.
var fuzzImportTypes = []string{
	"netops_ftd_ha_configuration",
	"netops_ftd_ha_join",
	"netops_loginsight_cluster_member",
	"netops_fireflow_object_change_request",
	"netops_fireflow_rule_removal_request",
}

// Any import id: refused with "Invalid import id", or imported with an identity that,
// imported in turn, gives the same state (import id and identity round-trip).
func FuzzImportID(f *testing.F) {
	for kind, ids := range [][]string{
		{"default", "5f3e6a1b-ha", "..", "a/b", "x?y"},
		{"job-1", "%2e%2e", "id\n"},
		{"li-node-2.example.net,0ae94cb9-550a-4c01-85b9-3b7095e92321", "[2001:db8::2]:9543,t1", "li-node,", ",t", "h,t,u", " li-node , t "},
		{"1001", "0", "-1", "0x10", "9223372036854775808"},
		{"42", "+42", " 42"},
	} {
		for _, id := range ids {
			f.Add(uint8(kind), id)
		}
	}
	p := newProtocolProvider(f, map[string]any{
		"ftd":        map[string]any{"host": "ftd.example.net", "username": "admin", "password": "pw"},
		"loginsight": map[string]any{"host": "li-master.example.net", "username": "admin", "password": "pw"},
		"fireflow":   map[string]any{"host": "fireflow.example.net", "username": "admin", "password": "pw"},
	})
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, kind uint8, id string) {
		if id == "" || !utf8.ValidString(id) {
			return // Terraform sends neither
		}
		q := *p
		q.t = t
		typ := fuzzImportTypes[int(kind)%len(fuzzImportTypes)]
		rs := q.schema.ResourceSchemas[typ]
		byID, err := q.server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: typ, ID: id})
		if err != nil {
			t.Fatal(err)
		}
		if hasErrors(byID.Diagnostics) {
			for _, d := range byID.Diagnostics {
				if d.Severity == tfprotov6.DiagnosticSeverityError && d.Summary != "Invalid import id" {
					t.Fatalf("%s import %q: %s", typ, id, diagnosticsText(byID.Diagnostics))
				}
			}
			return
		}
		if len(byID.ImportedResources) != 1 || byID.ImportedResources[0].Identity == nil {
			t.Fatalf("%s import %q: %d resources, identity %v", typ, id, len(byID.ImportedResources), byID.ImportedResources)
		}
		imported := byID.ImportedResources[0]
		state := q.strings(rs.ValueType(), imported.State)
		if state["id"] == "" {
			t.Fatalf("%s import %q left no id", typ, id)
		}
		byIdentity, err := q.server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: typ, Identity: imported.Identity})
		if err != nil {
			t.Fatal(err)
		}
		if hasErrors(byIdentity.Diagnostics) || len(byIdentity.ImportedResources) != 1 {
			t.Fatalf("%s import %q gave an identity that does not import: %s", typ, id, diagnosticsText(byIdentity.Diagnostics))
		}
		if again := q.strings(rs.ValueType(), byIdentity.ImportedResources[0].State); !maps.Equal(again, state) {
			t.Fatalf("%s import %q: by id %v, by its identity %v", typ, id, state, again)
		}
	})
}
