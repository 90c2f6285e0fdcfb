package fireflowmock

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestFailBeforeCreateCreatesNothing(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	f.ff.FailCreates(1, FailBeforeCreate)
	expectFailure(t, f.post(t, ObjectCreatePath, seedCreate, s), 500, []string{"UNEXPECTED_ERROR_OCCURRED"}, "Unexpected error occurred")
	if f.ff.TicketCount() != 0 || f.srv.CountCalls("POST", ObjectCreatePath) != 1 {
		t.Fatalf("tickets %d, posts %d", f.ff.TicketCount(), f.srv.CountCalls("POST", ObjectCreatePath))
	}
	if id := f.create(t, ObjectCreatePath, seedCreate, s); id != 1001 {
		t.Errorf("next create got id %d", id)
	}
}

func TestFailAfterCreateKeepsTicket(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	f.ff.FailCreates(1, FailAfterCreate)
	// A refused request does not use up the failure.
	expectFailure(t, f.post(t, RuleRemovalPath, ruleRequest(oritDevice, `{"action":"remove"}`), s), 400, []string{CodeMandatoryFieldMissing})
	expectFailure(t, f.post(t, RuleRemovalPath, twoRules, s), 500, []string{"UNEXPECTED_ERROR_OCCURRED"})
	list := f.ff.Tickets()
	if len(list) != 1 || list[0].Kind != KindRuleRemoval || list[0].ID != 1001 || f.srv.CountCalls("POST", RuleRemovalPath) != 2 {
		t.Fatalf("tickets %+v", list)
	}
	f.read(t, KindRuleRemoval, 1001, s)
	if id := f.create(t, RuleRemovalPath, twoRules, s); id != 1002 {
		t.Errorf("next create got id %d", id)
	}
}

func TestInjectedServerFault(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	f.srv.Inject(UnexpectedErrorFault("POST", ObjectCreatePath, 1))
	expectFailure(t, f.post(t, ObjectCreatePath, seedReplace, s), 500, []string{"UNEXPECTED_ERROR_OCCURRED"})
	if f.ff.TicketCount() != 0 {
		t.Fatal("the handler ran behind the fault")
	}
	id := f.create(t, ObjectCreatePath, seedReplace, s)
	f.srv.Inject(UnexpectedErrorFault("GET", ChangeRequestPath(KindObject, id), 1))
	expectFailure(t, f.do(t, "GET", ChangeRequestPath(KindObject, id), "", "", s), 500, []string{"UNEXPECTED_ERROR_OCCURRED"})
	f.read(t, KindObject, id, s)
}

func TestConcurrentCreates(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	const n = 100
	ids := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			path := RuleRemovalPath
			body := ruleRequest(oritDevice+fmt.Sprintf(`,{"name":"subject","values":["r%d"]}`, i), `{"action":"remove","ruleId":"`+RuleA+`"}`)
			if i%2 == 1 {
				path, body = ObjectCreatePath, strings.Replace(seedReplace, "several actions", fmt.Sprintf("o%d", i), 1)
			}
			ans := f.post(t, path, body, s)
			var data struct {
				ID int `json:"changeRequestId"`
			}
			if ans.status != 200 || json.Unmarshal(ans.env.Data, &data) != nil {
				t.Errorf("create %d: %d %s", i, ans.status, ans.raw)
				return
			}
			ids[i] = data.ID
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	sorted := slices.Sorted(slices.Values(ids))
	for i, id := range sorted {
		if id != 1001+i {
			t.Fatalf("ids %v are not unique and consecutive from 1001", sorted)
		}
	}
	if f.ff.TicketCount() != n || f.srv.CountCalls("POST", RuleRemovalPath)+f.srv.CountCalls("POST", ObjectCreatePath) != n {
		t.Fatalf("%d tickets after %d creates", f.ff.TicketCount(), n)
	}
	for i, id := range ids {
		cr, ok := f.ff.Ticket(id)
		subject := fmt.Sprintf("r%d", i)
		if i%2 == 1 {
			subject = fmt.Sprintf("o%d", i)
		}
		if !ok || !slices.Equal(fieldValues(cr.Fields, "Subject"), []string{subject}) {
			t.Errorf("ticket %d answered to request %d holds %+v", id, i, cr.Fields)
		}
	}
}

func fieldValues(fields []Field, name string) []string {
	v, _ := field(fields, name)
	return v
}
