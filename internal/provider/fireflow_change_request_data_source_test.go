package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

func TestAccFireFlowChangeRequestDataSource_notFound(t *testing.T) {
	f := newFFFixture(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: f.provider() + `
data "netops_fireflow_change_request" "x" {
  id   = "4242"
  kind = "object"
}
`,
			ExpectError: errorLike(`CHANGE_REQUEST_NOT_FOUND`),
		}},
	})
}
