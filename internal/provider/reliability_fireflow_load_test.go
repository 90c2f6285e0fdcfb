package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
)

// 100 change requests in one apply while 10% of reads answer 503 and 20% of creates 429:
// every one is created exactly once.
func TestAccReliability_fireflowLoadUnderFaults(t *testing.T) {
	// Terraform applies with -parallelism=10 by default.
	f := newFFFixture(t)
	f.srv.Inject(mock.Fault{Method: http.MethodGet, Path: "/FireFlow/api/change-requests/*", Times: 1_000_000, Every: 10,
		Status: http.StatusServiceUnavailable, RetryAfter: "1", Body: "busy"})
	f.srv.Inject(mock.Fault{Method: http.MethodPost, Path: fireflowmock.ObjectCreatePath, Times: 1_000_000, Every: 5,
		Status: http.StatusTooManyRequests, RetryAfter: "1", Body: "slow down"})
	// Every fifth create is refused whatever it is, so under load one request can draw
	// several refusals in a row: allow it the most attempts the provider accepts.
	config := strings.Replace(f.provider(), "  retry {\n", "  retry {\n    attempts    = 20\n", 1) + `
resource "netops_fireflow_object_change_request" "bulk" {
  count    = 100
  template = "135: Object Change Multi Device Request"
  subject  = "bulk request ${count.index}"
  devices  = ["FW_101"]
  requested_action {
    action   = "create"
    name     = "bulk_host_${count.index}"
    type     = "network"
    is_group = false
    values   = ["10.99.${floor(count.index / 250)}.${count.index % 250}"]
  }
}
`
	cliTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// After the apply, the test framework plans again (with and without a
				// refresh under the same faults) and fails on any change.
				Config: config,
				Check:  func(*terraform.State) error { return f.checkBulk(100) },
			},
		},
	})
	faulted429, faulted503 := 0, 0
	for _, c := range f.srv.Calls() {
		switch c.Status {
		case http.StatusTooManyRequests:
			faulted429++
		case http.StatusServiceUnavailable:
			faulted503++
		}
	}
	posts := f.posts(fireflowmock.ObjectCreatePath)
	t.Logf("create POSTs %d (429s %d), read 503s %d, tickets %d", posts, faulted429, faulted503, f.ff.TicketCount())
	if faulted429 < 20 || faulted503 < 10 || posts != 100+faulted429 {
		t.Fatalf("POSTs %d with %d 429s and %d 503s: every create must be sent once more per 429 and never otherwise", posts, faulted429, faulted503)
	}
}

// checkBulk asserts the mock holds exactly n tickets, one per subject.
func (f *ffFixture) checkBulk(n int) error {
	subjects := map[string]int{}
	for _, cr := range f.ff.Tickets() {
		for _, fl := range cr.Fields {
			if fl.Name == "Subject" && strings.HasPrefix(fl.Values[0], "bulk request ") {
				subjects[fl.Values[0]]++
			}
		}
	}
	if len(subjects) != n || f.ff.TicketCount() != n {
		return fmt.Errorf("the mock holds %d tickets with %d distinct subjects, want %d and %d", f.ff.TicketCount(), len(subjects), n, n)
	}
	for s, c := range subjects {
		if c != 1 {
			return fmt.Errorf("%d tickets for %q", c, s)
		}
	}
	return nil
}
