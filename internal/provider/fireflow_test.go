package provider

import (
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
)

func TestFireFlowDates(t *testing.T) {
	for s, want := range map[string]bool{
		"2019-10-10": true, "2021-08-31 00:00:00": true, "31-08-2021": true, "08-31-2021": true, "12-11-2021": true,
		"2019-13-01": false, "31-31-2021": false, "00-01-2021": false, "2021/08/31": false, "tomorrow": false, "": false,
	} {
		if got := validFireFlowDate(s); got != want {
			t.Errorf("validFireFlowDate(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestServiceValues(t *testing.T) {
	for s, want := range map[string]bool{
		"tcp/23": true, "udp/53": true, "TCP/1-1024": true, "tcp/any": true, "icmp/*": true,
		"tcp/70000": false, "tcp": false, "23": false, "http/80": false, "tcp/ 23": false,
	} {
		if got := validServiceValue(s); got != want {
			t.Errorf("validServiceValue(%q) = %v, want %v", s, got, want)
		}
	}
}

// ffBehaviours are the two readings of FireFlow the traffic and ActiveChange cases run
// under: AlgoSec's per-endpoint pages, and what real appliances showed (fireflow.md
// section 9), with the status left out of reads until it moves (no real-time delay).
var ffBehaviours = map[string]fireflowmock.Behaviour{
	"guide": fireflowmock.GuideBehaviour,
	"real": func() fireflowmock.Behaviour {
		b := fireflowmock.RealAppliance
		b.StatusDelay = 24 * time.Hour
		return b
	}(),
}

// newFFFixtureWith is newFFFixture on a FireFlow of behaviour b.
func newFFFixtureWith(t *testing.T, b fireflowmock.Behaviour) *ffFixture {
	t.Helper()
	f := newFFFixture(t)
	f.ff.SetBehaviour(b)
	return f
}
