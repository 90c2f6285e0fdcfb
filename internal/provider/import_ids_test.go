package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// Imported ids that would change the meaning of the URL they are put into are refused
// before any request.
func TestImportIDs_refuseDotSegments(t *testing.T) {
	t.Parallel()
	s := newPlanServer(t)
	for typ, ids := range map[string][]string{
		"netops_ftd_ha_configuration":           {".", "..", "a/b", "x?y", "%2e%2e"},
		"netops_ftd_ha_join":                    {".", "..", "../jobs", "a#b"},
		"netops_loginsight_cluster_member":      {"li-node.example.net,.", "li-node.example.net,..", "li-node.example.net,a/b"},
		"netops_fireflow_object_change_request": {".", "..", "1001/..", "0"},
		"netops_fireflow_rule_removal_request":  {".", "..", "-1"},
		"netops_loginsight_cluster":             {"a/b", "x?y", "li-master:70000", "http://li-master"},
	} {
		for _, id := range ids {
			resp, err := s.ImportResourceState(context.Background(), &tfprotov6.ImportResourceStateRequest{TypeName: typ, ID: id})
			if err != nil {
				t.Fatal(err)
			}
			if !hasErrors(resp.Diagnostics) || !strings.Contains(diagnosticsText(resp.Diagnostics), "Invalid import id") {
				t.Errorf("%s import %q: diagnostics %s, want an invalid import id error", typ, id, diagnosticsText(resp.Diagnostics))
			}
		}
	}
}
