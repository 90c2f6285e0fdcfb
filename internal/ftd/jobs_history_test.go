package ftd_test

import (
	"errors"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// Jobs lists newest first (the unit lists oldest first) and LatestDeployed
// skips a newer failed job.
func TestJobs_newestFirstAndLatestDeployed(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	c := f.client(t, ftdmock.Primary)
	ctx := t.Context()
	if j, err := c.LatestDeployed(ctx, ftd.JobJoin); err != nil || j != nil {
		t.Fatalf("no job yet: %+v, %v", j, err)
	}

	configure(t, c, ftd.RolePrimary)
	first, err := c.Join(ctx, "first")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.WaitJob(ctx, ftd.JobJoin, first.ID, nil); err != nil {
		t.Fatal(err)
	}
	// A lone primary negotiates before it is active; break is refused until then.
	if _, err := c.WaitHA(ctx, "active", func(s *ftd.HAStatus) bool { return s.NodeState == ftd.StateActive }, nil); err != nil {
		t.Fatal(err)
	}
	brk, err := c.Break(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.WaitJob(ctx, ftd.JobBreak, brk.ID, nil); err != nil {
		t.Fatal(err)
	}

	configure(t, c, ftd.RolePrimary)
	if err := f.pair.FailNext(ftdmock.Primary, ftdmock.OpJoin, ftdmock.Failure{State: ftdmock.StateDeployFailed}); err != nil {
		t.Fatal(err)
	}
	second, err := c.Join(ctx, "second")
	if err != nil {
		t.Fatal(err)
	}
	var jf *ftd.JobFailedError
	if _, err := c.WaitJob(ctx, ftd.JobJoin, second.ID, nil); !errors.As(err, &jf) {
		t.Fatalf("err = %v, want a JobFailedError", err)
	}

	if held := f.pair.Jobs(ftdmock.Primary, ftdmock.OpJoin); len(held) != 2 || held[0].ID != first.ID {
		t.Fatalf("mock jobs %+v", held)
	}
	jobs, err := c.Jobs(ctx, ftd.JobJoin)
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 2 || jobs[0].ID != second.ID || jobs[1].ID != first.ID || jobs[0].QueuedTime <= jobs[1].QueuedTime {
		t.Fatalf("jobs %+v, want %s then %s", jobs, second.ID, first.ID)
	}
	latest, err := c.LatestDeployed(ctx, ftd.JobJoin)
	if err != nil || latest == nil || latest.ID != first.ID || latest.State != ftd.JobDeployed {
		t.Errorf("latest deployed join %+v, %v; want %s", latest, err, first.ID)
	}
	if latest, err := c.LatestDeployed(ctx, ftd.JobBreak); err != nil || latest == nil || latest.ID != brk.ID {
		t.Errorf("latest deployed break %+v, %v; want %s", latest, err, brk.ID)
	}
	if _, err := c.Job(ctx, ftd.JobJoin, brk.ID); !transport.IsNotFound(err) {
		t.Errorf("a break id read as a join: %v", err)
	}
}
