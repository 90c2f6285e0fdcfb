package ftdmock

import (
	"net/http"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// historyTimeLayout is an invented rendering of the job history date strings.
const historyTimeLayout = "2006-01-02 15:04:05Z"

// historyWire is one entry of GET /jobs. The note names only some fields of the
// job history model (ftd-fdm.md section 2); the rest is invented and minimal.
type historyWire struct {
	ID            string  `json:"id"`
	JobName       string  `json:"jobName"`
	Status        string  `json:"status"`
	StartDateTime *string `json:"startDateTime"`
	EndDateTime   *string `json:"endDateTime"`
	User          string  `json:"user"`
	StatusMessage *string `json:"statusMessage"`
	Type          string  `json:"type"`
	Links         links   `json:"links"`
}

func historyEntry(v Job, base string) historyWire {
	status := map[string]string{StateQueued: "QUEUED", StateDeploying: "IN_PROGRESS", StateDeployed: "SUCCESS"}[v.State]
	if status == "" {
		status = "FAILED"
	}
	format := func(t time.Time) *string {
		if t.IsZero() {
			return nil
		}
		s := t.UTC().Format(historyTimeLayout)
		return &s
	}
	return historyWire{
		ID:            v.ID,
		JobName:       map[Op]string{OpJoin: "HA Join", OpBreak: "HA Break"}[v.Op],
		Status:        status,
		StartDateTime: format(v.StartTime),
		EndDateTime:   format(v.EndTime),
		User:          Username,
		StatusMessage: v.wire(base).StatusMessage,
		Type:          "jobhistoryentry",
		Links:         links{Self: base + "/jobs/" + v.ID},
	}
}

func (h unitHandler) listHistory(c call) {
	h.p.mu.Lock()
	h.p.settle()
	now := h.p.clock.Now()
	us := h.p.units[h.u]
	items := []historyWire{}
	for _, j := range us.jobs {
		if !us.historyCleared[j.id] {
			items = append(items, historyEntry(j.view(now), c.base))
		}
	}
	h.p.mu.Unlock()
	body, ferr := page(c.r, c.base+"/jobs", items)
	if ferr != nil {
		writeFDMError(c.w, ferr)
		return
	}
	mock.WriteCompactJSON(c.w, http.StatusOK, body)
}

// deleteHistory is DELETE /jobs: it clears the history of ended jobs, with an
// empty reply (ftd-fdm.md section 2, [C:S4]). The jobs stay readable under
// action/ha/join and action/ha/break.
func (h unitHandler) deleteHistory(c call) {
	h.p.mu.Lock()
	h.p.settle()
	us := h.p.units[h.u]
	for _, j := range us.jobs {
		if j.settled() {
			us.historyCleared[j.id] = true
		}
	}
	h.p.mu.Unlock()
	c.w.WriteHeader(http.StatusNoContent)
}
