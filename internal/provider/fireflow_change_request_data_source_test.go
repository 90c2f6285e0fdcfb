package provider

import (
	"testing"
)

func TestFireFlowChangeRequestDataSource_notFound(t *testing.T) {
	f := newFFFixture(t)
	t.Parallel()
	expectApplyError(t, f.provider()+`
data "netops_fireflow_change_request" "x" {
  id   = "4242"
  kind = "object"
}
`, errorLike(`CHANGE_REQUEST_NOT_FOUND`))
}
