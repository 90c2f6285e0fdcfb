package ftd_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

// Every call the client makes to a 6.3 pair conforms to Cisco's published v2 spec, which
// the mock enforces: configuration, join without a body, status, failover without a
// body, break with only the clearIntfs query, and the token calls.
func TestV2_callsConformToSpec(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{Release: ftdmock.Release63, Spec: true})
	ctx := t.Context()
	for _, u := range []ftdmock.Unit{ftdmock.Primary, ftdmock.Secondary} {
		c := f.client(t, u)
		configure(t, c, map[ftdmock.Unit]string{ftdmock.Primary: ftd.RolePrimary, ftdmock.Secondary: ftd.RoleSecondary}[u])
		j, err := c.Join(ctx, "")
		if err != nil {
			t.Fatalf("join on %v: %v", u, err)
		}
		if _, err := c.WaitJob(ctx, ftd.JobJoin, j.ID, nil); err != nil {
			t.Fatal(err)
		}
	}
	primary := f.client(t, ftdmock.Primary)
	if _, err := primary.WaitHA(ctx, "the pair", func(s *ftd.HAStatus) bool { return s.Paired() && s.ConfigStatus == ftd.ConfigInSync }, nil); err != nil {
		t.Fatal(err)
	}
	// Maintenance on a 6.3 pair: failover criteria read and written back, HA suspended and
	// resumed on the active unit.
	criteria, err := primary.FailoverConfiguration(ctx)
	if err != nil {
		t.Fatalf("failover criteria: %v", err)
	}
	if _, err := primary.PutFailoverConfiguration(ctx, criteria); err != nil {
		t.Fatalf("failover criteria written back: %v", err)
	}
	if _, err := primary.Suspend(ctx, ftd.HAActionOptions{ExpectedRole: ftd.RolePrimary}); err != nil {
		t.Fatalf("suspend: %v", err)
	}
	if _, err := primary.Resume(ctx, ftd.HAActionOptions{ExpectedRole: ftd.RolePrimary}); err != nil {
		t.Fatalf("resume: %v", err)
	}
	if _, err := f.client(t, ftdmock.Secondary).Resume(ctx, ftd.HAActionOptions{ExpectedRole: ftd.RoleSecondary}); err != nil {
		t.Fatalf("resume of the standby: %v", err)
	}
	if _, err := primary.Failover(ctx, ftd.FailoverOptions{}); err != nil {
		t.Fatalf("failover: %v", err)
	}
	if _, err := primary.Jobs(ctx, ftd.JobJoin); err != nil {
		t.Fatalf("job list: %v", err)
	}
	j, err := primary.Break(ctx, ftd.DisableInterfaces)
	if err != nil {
		t.Fatalf("break: %v", err)
	}
	if _, err := primary.WaitJob(ctx, ftd.JobBreak, j.ID, nil); err != nil {
		t.Fatal(err)
	}
	if err := primary.Close(ctx); err != nil {
		t.Fatalf("logout: %v", err)
	}
	for _, srv := range f.srv {
		for _, c := range srv.Calls() {
			if c.Status == http.StatusUnprocessableEntity || (c.Path != "/api/versions" && !strings.HasPrefix(c.Path, "/api/fdm/v2/")) {
				t.Fatalf("%s %s?%s %s answered %d", c.Method, c.Path, c.RawQuery, c.Body, c.Status)
			}
			if c.Method == http.MethodPost && strings.Contains(c.Path, "/action/ha/") && c.Body != "" {
				t.Fatalf("%s %s carried a body: %s", c.Method, c.Path, c.Body)
			}
		}
	}
}

// A job name cannot travel in a v2 join: the client says so before sending anything.
func TestV2_joinNameRefusedBeforeSending(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{Release: ftdmock.Release63, Spec: true})
	c := f.client(t, ftdmock.Primary)
	configure(t, c, ftd.RolePrimary)
	_, err := c.Join(t.Context(), "join-primary")
	var pe *ftd.PreconditionError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "API version v2") {
		t.Fatalf("err = %v", err)
	}
	if n := f.srv[ftdmock.Primary].CountCalls(http.MethodPost, "/api/fdm/v2"+joinPath); n != 0 {
		t.Fatalf("%d joins sent", n)
	}
}
