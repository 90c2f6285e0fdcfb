package ftd_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

const breakPath = "/devices/default/action/ha/break"

// On the standby, break needs interfaceOption; with it both units end single.
func TestBreak_onStandbyWithInterfaceOption(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	if err := f.pair.FormPair(); err != nil {
		t.Fatal(err)
	}
	standby := f.client(t, ftdmock.Secondary)
	_, err := standby.Break(t.Context(), "")
	_ = vendorError(t, err, http.StatusUnprocessableEntity, "Validation", "interfaceOption is required")
	if jobs := f.pair.Jobs(ftdmock.Secondary, ftdmock.OpBreak); len(jobs) != 0 {
		t.Fatalf("refused break left jobs %+v", jobs)
	}

	j, err := standby.Break(t.Context(), "ENABLE_WITH_STANDBY_IP")
	if err != nil {
		t.Fatal(err)
	}
	done, err := standby.WaitJob(t.Context(), ftd.JobBreak, j.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if done.State != ftd.JobDeployed {
		t.Errorf("job %+v", done)
	}
	held := f.pair.Jobs(ftdmock.Secondary, ftdmock.OpBreak)
	if len(held) != 1 || held[0].ID != j.ID || held[0].InterfaceOption != "ENABLE_WITH_STANDBY_IP" {
		t.Errorf("mock break jobs %+v", held)
	}
	last := f.srv[ftdmock.Secondary].Calls()
	var body string
	for _, c := range last {
		if c.Method == http.MethodPost && c.Path == apiPath(breakPath) && c.Status == http.StatusOK {
			body = c.Body
		}
	}
	if !strings.Contains(body, `"interfaceOption":"ENABLE_WITH_STANDBY_IP"`) || !strings.Contains(body, `"type":"breakhastatus"`) {
		t.Errorf("break body %s", body)
	}
	for _, u := range []ftdmock.Unit{ftdmock.Primary, ftdmock.Secondary} {
		if st := f.pair.HAStatus(u); st.NodeState != ftdmock.NodeSingle {
			t.Errorf("%s after break: %+v", u, st)
		}
	}
}

func TestFailover_formedPair(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	if err := f.pair.FormPair(); err != nil {
		t.Fatal(err)
	}
	c := f.client(t, ftdmock.Primary)
	res, err := c.Failover(t.Context(), ftd.FailoverOptions{ExpectedActiveRole: ftd.RolePrimary})
	if err != nil {
		t.Fatal(err)
	}
	if res.PreviousActiveRole != ftd.RolePrimary || res.NewActiveRole != ftd.RoleSecondary ||
		res.Status.NodeState != ftd.StateStandby || res.Status.PeerNodeState != ftd.StateActive {
		t.Errorf("result %+v, status %+v", res, res.Status)
	}
	if active, ok := f.pair.Active(); !ok || active != ftdmock.Secondary || f.pair.Failovers() != 1 {
		t.Errorf("mock: active %v %v, failovers %d", active, ok, f.pair.Failovers())
	}
	const failoverPath = "/devices/default/action/ha/failover"
	if n := f.srv[0].CountCalls(http.MethodPost, apiPath(failoverPath)); n != 1 {
		t.Errorf("%d failover POSTs", n)
	}

	// Repeating it with the same expectation sends nothing: the secondary is active now.
	_, err = c.Failover(t.Context(), ftd.FailoverOptions{ExpectedActiveRole: ftd.RolePrimary})
	var pe *ftd.PreconditionError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v, want a PreconditionError", err)
	}
	if n := f.srv[0].CountCalls(http.MethodPost, apiPath(failoverPath)); n != 1 || f.pair.Failovers() != 1 {
		t.Errorf("%d failover POSTs, %d failovers", n, f.pair.Failovers())
	}
}
