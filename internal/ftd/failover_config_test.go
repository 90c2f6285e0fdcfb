package ftd_test

import (
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

const failoverConfigPath = "/devices/default/ha/failoverconfigurations"

func TestFailoverConfiguration_roundTrip(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	c := f.client(t, ftdmock.Primary)
	cur, err := c.FailoverConfiguration(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	cur.PeerPollTime, cur.PeerHoldTime = ftd.TimeOf(500*time.Millisecond), ftd.TimeOf(3*time.Second)
	cur.InterfacePollTime, cur.InterfaceHoldTime = ftd.TimeOf(2*time.Second), ftd.TimeOf(10*time.Second)
	cur.InterfaceFailureThreshold, cur.InterfaceFailureUnit = 50, ftd.FailureUnitPercentage
	out, err := c.PutFailoverConfiguration(t.Context(), cur)
	if err != nil {
		t.Fatal(err)
	}
	if out.Version == cur.Version || out.ID != cur.ID {
		t.Errorf("put answered id %s version %s (sent %s %s)", out.ID, out.Version, cur.ID, cur.Version)
	}
	held := f.pair.FailoverConfiguration(ftdmock.Primary)
	if held.PeerPollTime != (ftdmock.FailoverTime{Value: 500, TimeUnit: "MILLISECONDS"}) || held.PeerHoldTime != (ftdmock.FailoverTime{Value: 3, TimeUnit: "SECONDS"}) ||
		held.InterfaceFailureThreshold != 50 || held.InterfaceFailureUnit != "PERCENTAGE" {
		t.Errorf("mock holds %+v", held)
	}
	byID, err := c.FailoverConfigurationByID(t.Context(), out.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := byID.PeerPollTime.Duration(); d != 500*time.Millisecond {
		t.Errorf("peer poll read back as %s", d)
	}
	// A stale version is refused in FDM's words.
	cur.Version = "stale"
	_, err = c.PutFailoverConfiguration(t.Context(), cur)
	_ = vendorError(t, err, http.StatusUnprocessableEntity, "Validation", "Version mismatch")
}

// Out-of-range values reach FDM only when the plan could not check them; FDM's own
// validation messages come back, each naming its field.
func TestFailoverConfiguration_vendorValidation(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	c := f.client(t, ftdmock.Primary)
	cur, err := c.FailoverConfiguration(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	cur.PeerPollTime, cur.PeerHoldTime = ftd.TimeOf(2*time.Second), ftd.TimeOf(5*time.Second)
	_, err = c.PutFailoverConfiguration(t.Context(), cur)
	te := vendorError(t, err, http.StatusUnprocessableEntity, "Validation", "must be at least three times the peer poll time")
	if !strings.Contains(te.Messages[0], "at peerHoldTime") {
		t.Errorf("messages %q", te.Messages)
	}
	cur.PeerPollTime = &ftd.Time{Value: 16, TimeUnit: ftd.UnitSeconds, Type: "time"}
	_, err = c.PutFailoverConfiguration(t.Context(), cur)
	_ = vendorError(t, err, http.StatusUnprocessableEntity, "Validation", "between 200 and 999 milliseconds or between 1 and 15 seconds")
}

// The standby refuses the change in FDM's words; it reads the active unit's criteria.
func TestFailoverConfiguration_standby(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	if err := f.pair.FormPair(); err != nil {
		t.Fatal(err)
	}
	active, standby := f.client(t, ftdmock.Primary), f.client(t, ftdmock.Secondary)
	cur, err := active.FailoverConfiguration(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	cur.PeerPollTime, cur.PeerHoldTime = ftd.TimeOf(2*time.Second), ftd.TimeOf(10*time.Second)
	if _, err := active.PutFailoverConfiguration(t.Context(), cur); err != nil {
		t.Fatal(err)
	}
	sb, err := standby.FailoverConfiguration(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := sb.PeerHoldTime.Duration(); d != 10*time.Second || sb.ID == cur.ID {
		t.Errorf("the standby reads %+v (hold %s)", sb, d)
	}
	_, err = standby.PutFailoverConfiguration(t.Context(), sb)
	_ = vendorError(t, err, http.StatusUnprocessableEntity, "General", "This API call is not allowed on the standby unit in an HA pair.")
}

func TestTimeRange(t *testing.T) {
	for _, tc := range []struct {
		r    ftd.TimeRange
		d    time.Duration
		fail string
	}{
		{ftd.PeerPollTimeRange, 200 * time.Millisecond, ""},
		{ftd.PeerPollTimeRange, 999 * time.Millisecond, ""},
		{ftd.PeerPollTimeRange, 15 * time.Second, ""},
		{ftd.PeerPollTimeRange, 199 * time.Millisecond, "outside"},
		{ftd.PeerPollTimeRange, 16 * time.Second, "outside"},
		{ftd.PeerPollTimeRange, 1500 * time.Millisecond, "whole number of seconds"},
		{ftd.PeerHoldTimeRange, 799 * time.Millisecond, "outside"},
		{ftd.PeerHoldTimeRange, 45 * time.Second, ""},
		{ftd.PeerHoldTimeRange, 46 * time.Second, "outside"},
	} {
		err := tc.r.Check(tc.d)
		if (tc.fail == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.fail)) {
			t.Errorf("%s in %s: %v, want %q", tc.d, tc.r, err, tc.fail)
		}
	}
}

// The wire model agrees with Cisco's v2 spec (testdata/fdm-v2-ha-spec.json): every
// required field of HAFailoverConfiguration is sent, under the spec's names, and the
// enums the client uses are the spec's.
func TestFailoverConfiguration_spec(t *testing.T) {
	raw, err := os.ReadFile("testdata/fdm-v2-ha-spec.json")
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Definitions map[string]struct {
			Required   []string                   `json:"required"`
			Properties map[string]json.RawMessage `json:"properties"`
			Enum       []string                   `json:"enum"`
		} `json:"definitions"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	body, err := json.Marshal(ftd.FailoverConfiguration{Type: "hafailoverconfiguration",
		PeerPollTime: ftd.TimeOf(time.Second), PeerHoldTime: ftd.TimeOf(3 * time.Second),
		InterfacePollTime: ftd.TimeOf(time.Second), InterfaceHoldTime: ftd.TimeOf(5 * time.Second),
		InterfaceFailureThreshold: 1, InterfaceFailureUnit: ftd.FailureUnitNumber})
	if err != nil {
		t.Fatal(err)
	}
	var sent map[string]any
	_ = json.Unmarshal(body, &sent)
	def := spec.Definitions["HAFailoverConfiguration"]
	for _, field := range def.Required {
		if _, ok := sent[field]; !ok {
			t.Errorf("required field %s is not sent", field)
		}
	}
	for field := range sent {
		if _, ok := def.Properties[field]; !ok {
			t.Errorf("field %s is not in the spec", field)
		}
	}
	for _, v := range []string{ftd.FailureUnitNumber, ftd.FailureUnitPercentage} {
		if !slices.Contains(spec.Definitions["HAFailoverConfiguration$InterfaceFailureUnits"].Enum, v) {
			t.Errorf("interfaceFailureUnit %s is not in the spec", v)
		}
	}
	for _, v := range []string{ftd.UnitMilliseconds, ftd.UnitSeconds} {
		var timeDef struct {
			Properties struct {
				TimeUnit struct {
					Enum []string `json:"enum"`
				} `json:"timeUnit"`
			} `json:"properties"`
		}
		rawTime, _ := json.Marshal(spec.Definitions["Time"])
		_ = json.Unmarshal(rawTime, &timeDef)
		if !slices.Contains(timeDef.Properties.TimeUnit.Enum, v) {
			t.Errorf("timeUnit %s is not in the spec", v)
		}
	}
	for _, s := range []string{ftd.StateSuspended, ftd.StateFailed, ftd.StateDisabled, ftd.StateUnknown} {
		if !slices.Contains(spec.Definitions["HANodeState"].Enum, s) {
			t.Errorf("node state %s is not in the spec", s)
		}
	}
}

func TestFailoverConfiguration_path(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	if _, err := f.client(t, ftdmock.Primary).FailoverConfiguration(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := f.srv[ftdmock.Primary].CountCalls(http.MethodGet, apiPath(failoverConfigPath)); n != 1 {
		t.Errorf("%d list reads", n)
	}
}
