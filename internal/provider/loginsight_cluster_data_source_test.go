package provider

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
)

func TestLogInsightClusterDataSource_master(t *testing.T) {
	f := newLIFixture(t)
	t.Parallel()
	applyAndCheck(t, f.provider()+`
data "netops_loginsight_cluster" "c" {}
`, resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckResourceAttr("data.netops_loginsight_cluster.c", "full_version", loginsightmock.DefaultFullVersion),
		resource.TestCheckResourceAttr("data.netops_loginsight_cluster.c", "stable", "true"),
		resource.TestCheckResourceAttr("data.netops_loginsight_cluster.c", "nodes.#", "1"),
		resource.TestCheckResourceAttr("data.netops_loginsight_cluster.c", "nodes.0.is_primary", "true"),
		func(*terraform.State) error {
			if n := countPaths(f.master.Calls(), http.MethodGet, "/upgrades"); n == 0 {
				return fmt.Errorf("the master saw no GET /upgrades")
			}
			for i, n := range f.nodes {
				if c := len(n.Calls()); c != 0 {
					return fmt.Errorf("new node %d saw %d requests; only the master is read", i+1, c)
				}
			}
			return nil
		},
	))
}

func TestLogInsightClusterDataSource_vendorError(t *testing.T) {
	f := newLIFixture(t)
	f.master.Inject(mock.Fault{Method: http.MethodGet, Path: "/api/v2/upgrades", Times: 100, Status: http.StatusForbidden,
		ContentType: "application/json", Body: `{"errorMessage":"Not authorized to read upgrades","errorCode":"RBAC_NOT_AUTHORIZED"}`})
	t.Parallel()
	expectApplyError(t, f.provider()+"\ndata \"netops_loginsight_cluster\" \"c\" {}\n", errorLike("Reading the Log Insight cluster failed", "403", "Not authorized to read upgrades"))
}
