package ftdmock

import (
	"net/http"
	"time"
)

// Outage makes a unit that joins as HA_SECONDARY unreachable while it applies
// the HA configuration (ftd-fdm.md section 2: "the secondary is unreachable for
// a while during join"): from its join job's start, for Duration, every API
// request answers 503, or has its connection dropped when Drop is set. A zero
// Duration turns it off. It applies to joins accepted after it is set.
type Outage struct {
	Duration time.Duration
	Drop     bool
}

// unreachable answers or drops a request that arrives during an outage and
// reports whether it did.
func (h unitHandler) unreachable(w http.ResponseWriter) bool {
	down, drop := h.p.outageNow(h.u)
	if !down {
		return false
	}
	if drop {
		panic(http.ErrAbortHandler) // net/http closes the connection without a response
	}
	writeFDMError(w, general(http.StatusServiceUnavailable, "serviceUnavailable",
		"The device is applying the high availability configuration and cannot answer now; try again later"))
	return true
}

func (p *Pair) outageNow(u Unit) (down, drop bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.clock.Now()
	if down, drop := p.resumeOutageNow(u, now); down {
		return true, drop
	}
	for _, j := range p.units[u].jobs {
		if j.op == OpJoin && j.outage.Duration > 0 && !now.Before(j.start) && now.Before(j.start.Add(j.outage.Duration)) {
			return true, j.outage.Drop
		}
	}
	return false, false
}
