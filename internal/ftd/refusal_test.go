package ftd_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

const deploymentRefusal = `{"error":{"severity":"ERROR","key":"General","messages":[{"description":"A high availability deployment is in progress; try again after it completes","code":"deploymentInProgress","location":""}]}}`

// refusal asserts err is a *RefusalError of reason, reading nodeState, whose text is
// FDM's answer and which still unwraps to the vendor error.
func refusal(t *testing.T, err error, reason ftd.Refusal, nodeState, text string) {
	t.Helper()
	var re *ftd.RefusalError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v (%T), want a *ftd.RefusalError", err, err)
	}
	var te *transport.Error
	if re.Reason != reason || re.NodeState != nodeState || !strings.Contains(err.Error(), text) || !errors.As(err, &te) || te.Status != http.StatusUnprocessableEntity {
		t.Fatalf("refusal %d on %q: %v; want reason %d on %q, containing %q", re.Reason, re.NodeState, err, reason, nodeState, text)
	}
}

// The FTD client classifies FDM's refusal of a failover configuration change: the
// standby's by the unit's HA state, FDM's validation by its key, anything else as a
// refusal of the unit's state.
func TestPutFailoverConfiguration_refusals(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	if err := f.pair.FormPair(); err != nil {
		t.Fatal(err)
	}
	active, standby := f.client(t, ftdmock.Primary), f.client(t, ftdmock.Secondary)

	sb, err := standby.FailoverConfiguration(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	_, err = standby.PutFailoverConfiguration(t.Context(), sb)
	refusal(t, err, ftd.RefusedOnStandby, ftd.StateStandby, "General: This API call is not allowed on the standby unit in an HA pair.")

	cur, err := active.FailoverConfiguration(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	stale := *cur
	stale.Version = "stale"
	_, err = active.PutFailoverConfiguration(t.Context(), &stale)
	refusal(t, err, ftd.RefusedInvalid, "", "Version mismatch")
	if n := f.srv[ftdmock.Primary].CountCalls(http.MethodGet, apiPath(statusPath)); n != 0 {
		t.Errorf("a validation refusal read the HA status %d times", n)
	}

	// A state refusal on the active unit: not the standby's, whatever its words.
	f.srv[ftdmock.Primary].Inject(mockFault(http.MethodPut, apiPath(failoverConfigPath)+"/*", deploymentRefusal))
	_, err = active.PutFailoverConfiguration(t.Context(), cur)
	refusal(t, err, ftd.RefusedByState, ftd.StateActive, "deployment is in progress")

	// The standby's refusal when its HA status cannot be read: not claimed to be the standby's.
	f.srv[ftdmock.Secondary].Inject(mock.Fault{Method: http.MethodGet, Path: apiPath(statusPath), Times: 1, Status: http.StatusInternalServerError,
		ContentType: "application/json", Body: `{"error":{"severity":"ERROR","key":"General","messages":[{"description":"status unavailable"}]}}`})
	_, err = standby.PutFailoverConfiguration(t.Context(), sb)
	refusal(t, err, ftd.RefusedByState, "", "not allowed on the standby unit")
}

// Answers other than a 422 are not refusals, and a 422 from a single unit reads its state.
func TestPutFailoverConfiguration_notRefusals(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{Timings: ftdmock.QuickTimings(50 * time.Millisecond)})
	c := f.client(t, ftdmock.Primary)
	cur, err := c.FailoverConfiguration(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	f.srv[ftdmock.Primary].Inject(mock.Fault{Method: http.MethodPut, Path: apiPath(failoverConfigPath) + "/*", Times: 1, Status: http.StatusInternalServerError,
		ContentType: "application/json", Body: `{"error":{"severity":"ERROR","key":"General","messages":[{"description":"internal error"}]}}`})
	_, err = c.PutFailoverConfiguration(t.Context(), cur)
	var re *ftd.RefusalError
	if errors.As(err, &re) || transport.StatusOf(err) != http.StatusInternalServerError {
		t.Fatalf("err = %v, want the 500 as it is", err)
	}
	f.srv[ftdmock.Primary].Inject(mockFault(http.MethodPut, apiPath(failoverConfigPath)+"/*", deploymentRefusal))
	_, err = c.PutFailoverConfiguration(t.Context(), cur)
	refusal(t, err, ftd.RefusedByState, ftd.StateSingle, "deploymentInProgress")
}

func mockFault(method, path, body string) mock.Fault {
	return mock.Fault{Method: method, Path: path, Times: 1, Status: http.StatusUnprocessableEntity, ContentType: "application/json", Body: body}
}
