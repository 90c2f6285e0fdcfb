package ftd_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

func TestJoin_waitJobDeployed(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	c := f.client(t, ftdmock.Primary)
	configure(t, c, ftd.RolePrimary)
	j, err := c.Join(t.Context(), "join primary")
	if err != nil {
		t.Fatal(err)
	}
	if j.ID == "" || j.State != ftd.JobQueued || j.Ended() || j.Type != "joinhastatus" {
		t.Fatalf("accepted job %+v", j)
	}
	var progress []string
	done, err := c.WaitJob(t.Context(), ftd.JobJoin, j.ID, func(s string) { progress = append(progress, s) })
	if err != nil {
		t.Fatal(err)
	}
	if done.ID != j.ID || done.State != ftd.JobDeployed || !done.Ended() || done.StartTime == -1 {
		t.Errorf("job %+v", done)
	}
	if len(progress) == 0 || progress[len(progress)-1] != "join job "+j.ID+": DEPLOYED" {
		t.Errorf("progress %q", progress)
	}
	held, ok := f.pair.Job(ftdmock.Primary, j.ID)
	if !ok || held.State != ftdmock.StateDeployed || held.Name != "join primary" || held.Op != ftdmock.OpJoin {
		t.Errorf("mock job %+v", held)
	}
	var sent map[string]any
	for _, call := range f.srv[0].Calls() {
		if call.Method == http.MethodPost && call.Path == apiPath(joinPath) {
			if err := json.Unmarshal([]byte(call.Body), &sent); err != nil {
				t.Fatal(err)
			}
		}
	}
	if sent["type"] != "joinhastatus" || sent["name"] != "join primary" || len(sent) != 2 {
		t.Errorf("join body %v", sent)
	}
	if n := f.srv[0].CountCalls("GET", apiPath(joinPath+"/"+j.ID)); n < 1 {
		t.Errorf("%d job reads", n)
	}
}

func TestJoin_waitJobFailure(t *testing.T) {
	for _, tc := range []struct {
		failure  ftdmock.Failure
		messages []string
		cli      string
	}{
		{
			failure:  ftdmock.Failure{State: ftdmock.StateDeployFailed, StatusMessages: []string{"Failover link GigabitEthernet0/7 is down", "Peer unit unreachable"}, CLIErrorMessage: "ERROR: failover link down"},
			messages: []string{"Failover link GigabitEthernet0/7 is down", "Peer unit unreachable"},
			cli:      "ERROR: failover link down",
		},
		{
			failure:  ftdmock.Failure{State: ftdmock.StateDeployTimeout},
			messages: []string{"Deployment of the high availability join timed out"},
		},
	} {
		t.Run(tc.failure.State, func(t *testing.T) {
			f := newUnitPair(t, ftdmock.Options{})
			c := f.client(t, ftdmock.Primary)
			configure(t, c, ftd.RolePrimary)
			if err := f.pair.FailNext(ftdmock.Primary, ftdmock.OpJoin, tc.failure); err != nil {
				t.Fatal(err)
			}
			j, err := c.Join(t.Context(), "")
			if err != nil {
				t.Fatal(err)
			}
			last, err := c.WaitJob(t.Context(), ftd.JobJoin, j.ID, nil)
			var jf *ftd.JobFailedError
			if !errors.As(err, &jf) {
				t.Fatalf("err = %v, want a JobFailedError", err)
			}
			if jf.Kind != ftd.JobJoin || jf.Job.ID != j.ID || jf.Job.State != tc.failure.State || !slices.Equal(jf.Job.StatusMessages, tc.messages) || jf.Job.CLIErrorMessage != tc.cli || last != jf.Job {
				t.Errorf("failed job %+v", jf.Job)
			}
			for _, want := range append([]string{tc.failure.State, j.ID}, tc.messages...) {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("%q lacks %q", err, want)
				}
			}
			if tc.cli != "" && !strings.Contains(err.Error(), "(CLI error: "+tc.cli+")") {
				t.Errorf("%q lacks the CLI error", err)
			}
			if held, _ := f.pair.Job(ftdmock.Primary, j.ID); held.State != tc.failure.State {
				t.Errorf("mock job %+v", held)
			}
			if st := f.pair.HAStatus(ftdmock.Primary); st.NodeState != ftdmock.NodeSingle {
				t.Errorf("unit after a failed join: %+v", st)
			}
		})
	}
}

// The deadline is reached on the mock clock, which the wait's sleeps advance; the
// context's own deadline, in real time, is not expected to be hit.
func TestWaitJob_endsAtTheDeadline(t *testing.T) {
	clock := mock.NewFakeClock(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
	timings := ftdmock.QuickTimings(time.Second)
	timings.JobDeploying = time.Hour
	f := newUnitPair(t, ftdmock.Options{Clock: clock, Timings: timings})
	polling := transport.DefaultPolling()
	polling.Sleep, polling.Now = clock.Sleep, clock.Now
	c := f.clientPolling(t, ftdmock.Primary, polling)
	configure(t, c, ftd.RolePrimary)
	j, err := c.Join(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	last, err := c.WaitJob(ctx, ftd.JobJoin, j.ID, nil)
	var wt *ftd.WaitTimeoutError
	if !errors.As(err, &wt) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a WaitTimeoutError at the deadline", err)
	}
	if !strings.Contains(wt.What, j.ID) || wt.LastSeen == "" || !strings.Contains(err.Error(), "gave up waiting for the HA join job") {
		t.Errorf("err = %v", err)
	}
	if last == nil || last.Ended() || (last.State != ftd.JobQueued && last.State != ftd.JobDeploying) {
		t.Errorf("last job seen %+v", last)
	}
	if held, _ := f.pair.Job(ftdmock.Primary, j.ID); !held.EndTime.IsZero() {
		t.Errorf("mock job ended: %+v", held)
	}
	if n := f.srv[0].CountCalls("GET", apiPath(joinPath+"/"+j.ID)); n < 2 {
		t.Errorf("%d job reads before the deadline", n)
	}
}
