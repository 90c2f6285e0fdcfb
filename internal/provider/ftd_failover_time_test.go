package provider

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/ftd"
)

// A time the unit reads back in another unit of the same length keeps the configured
// spelling; a different length, or an import (nothing configured), takes the canonical one.
func TestFailoverCriteria_fromDevice(t *testing.T) {
	m := ftdHAFailoverConfigurationModel{
		PeerPollTime: types.StringValue("1000ms"), PeerHoldTime: types.StringValue("3s"),
		InterfacePollTime: types.StringValue("5s"), InterfaceHoldTime: types.StringNull(),
	}
	err := m.fromDevice(&ftd.FailoverConfiguration{
		ID: "id-1", Version: "v-1",
		PeerPollTime:              &ftd.Time{Value: 1, TimeUnit: ftd.UnitSeconds},
		PeerHoldTime:              &ftd.Time{Value: 3000, TimeUnit: ftd.UnitMilliseconds},
		InterfacePollTime:         &ftd.Time{Value: 6, TimeUnit: ftd.UnitSeconds},
		InterfaceHoldTime:         &ftd.Time{Value: 1, TimeUnit: "MINUTES"},
		InterfaceFailureThreshold: 2, InterfaceFailureUnit: ftd.FailureUnitNumber,
	})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{m.PeerPollTime.ValueString(), m.PeerHoldTime.ValueString(), m.InterfacePollTime.ValueString(), m.InterfaceHoldTime.ValueString()}
	want := []string{"1000ms", "3s", "6s", "60s"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("times %q, want %q", got, want)
			break
		}
	}
	if m.ID.ValueString() != "id-1" || m.InterfaceFailureThreshold.ValueInt64() != 2 {
		t.Errorf("model %+v", m)
	}
	if err := m.fromDevice(&ftd.FailoverConfiguration{PeerPollTime: &ftd.Time{Value: 1, TimeUnit: "FORTNIGHTS"}}); err == nil {
		t.Error("an undocumented timeUnit was accepted")
	}
}

func TestFailoverTime_wireForm(t *testing.T) {
	for in, want := range map[string]ftd.Time{
		"500ms":  {Value: 500, TimeUnit: ftd.UnitMilliseconds, Type: "time"},
		"1000ms": {Value: 1, TimeUnit: ftd.UnitSeconds, Type: "time"},
		"1500ms": {Value: 1500, TimeUnit: ftd.UnitMilliseconds, Type: "time"},
		"15s":    {Value: 15, TimeUnit: ftd.UnitSeconds, Type: "time"},
	} {
		d, err := parseFailoverTime(types.StringValue(in))
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if got := *ftd.TimeOf(d); got != want {
			t.Errorf("%s sent as %+v, want %+v", in, got, want)
		}
	}
	for _, bad := range []string{"0s", "1.5s", "5 s", "1m", "-1s", "10"} {
		if _, err := parseFailoverTime(types.StringValue(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if got := formatFailoverTime(90 * time.Second); got != "90s" {
		t.Errorf("90 s formatted as %s", got)
	}
}
