package main

import (
	"net/http"
	"strings"
	"time"
)

// FireFlow API paths (internal/mock/fireflowmock).
const (
	authenticatePath = "/FireFlow/api/authentication/authenticate"
	objectCreatePath = "/FireFlow/api/request/object"
	objectReadPrefix = "/FireFlow/api/change-requests/object/"
)

// callStats are the FireFlow requests of one provider command.
type callStats struct {
	total, logins, creates, reads, other int
	notOK                                int // answered with a status outside 2xx, or not answered
	procs                                int // provider processes the command started
	procsWithCalls                       int // ... of which sent at least one request
	maxLoginsPerProc                     int
	unattributed                         int // requests made while no sampled provider process was alive
	hwmKiB                               int64
}

// perResource is the number of requests per resource other than logins, which have
// their own target.
func (c callStats) perResource(n int) float64 {
	return float64(c.total-c.logins) / float64(n)
}

// countCalls classifies the calls and attributes each to the provider process that was
// alive when the mock received it (sampling windows widened by slack; a call in several
// windows counts for each).
func countCalls(calls []call, procs []procInfo, slack time.Duration) callStats {
	s := callStats{procs: len(procs)}
	loginsBy := make([]int, len(procs))
	used := make([]bool, len(procs))
	for _, c := range calls {
		s.total++
		login := false
		switch {
		case c.Method == http.MethodPost && c.Path == authenticatePath:
			s.logins++
			login = true
		case c.Method == http.MethodPost && strings.TrimSuffix(c.Path, "/") == objectCreatePath:
			s.creates++
		case c.Method == http.MethodGet && strings.HasPrefix(c.Path, objectReadPrefix):
			s.reads++
		default:
			s.other++
		}
		if c.Status < 200 || c.Status > 299 {
			s.notOK++
		}
		found := false
		for i, p := range procs {
			if !c.Time.Before(p.first.Add(-slack)) && !c.Time.After(p.last.Add(slack)) {
				found = true
				used[i] = true
				if login {
					loginsBy[i]++
				}
			}
		}
		if !found {
			s.unattributed++
			if login {
				// Count it as a process of its own, so it is never hidden.
				s.maxLoginsPerProc = max(s.maxLoginsPerProc, 1)
			}
		}
	}
	for i, p := range procs {
		s.maxLoginsPerProc = max(s.maxLoginsPerProc, loginsBy[i])
		s.hwmKiB = max(s.hwmKiB, p.hwmKiB)
		if used[i] {
			s.procsWithCalls++
		}
	}
	return s
}
