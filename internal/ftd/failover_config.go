package ftd

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// Time units of the FDM Time model (ftd-fdm.md section 4; v2 spec `Time.timeUnit`).
const (
	UnitMilliseconds = "MILLISECONDS"
	UnitSeconds      = "SECONDS"
)

// timeUnits are the documented values of Time.timeUnit with their length.
var timeUnits = map[string]time.Duration{
	"NANOSECONDS":    time.Nanosecond,
	"MICROSECONDS":   time.Microsecond,
	UnitMilliseconds: time.Millisecond,
	UnitSeconds:      time.Second,
	"MINUTES":        time.Minute,
	"HOURS":          time.Hour,
	"DAYS":           24 * time.Hour,
}

// Interface failure units of HAFailoverConfiguration.
const (
	FailureUnitNumber     = "NUMBER"
	FailureUnitPercentage = "PERCENTAGE"
)

// Time is FDM's {"value", "timeUnit", "type": "time"}.
type Time struct {
	Value    int64  `json:"value"`
	TimeUnit string `json:"timeUnit"`
	Type     string `json:"type"`
}

// TimeOf expresses d in whole seconds when it is one, else in milliseconds: the two
// forms the failover ranges are documented in (200–999 ms or 1–15 s).
func TimeOf(d time.Duration) *Time {
	if d >= time.Second && d%time.Second == 0 {
		return &Time{Value: int64(d / time.Second), TimeUnit: UnitSeconds, Type: "time"}
	}
	return &Time{Value: d.Milliseconds(), TimeUnit: UnitMilliseconds, Type: "time"}
}

// Duration is the length t denotes.
func (t *Time) Duration() (time.Duration, error) {
	if t == nil {
		return 0, errors.New("no time given")
	}
	unit, ok := timeUnits[t.TimeUnit]
	if !ok {
		return 0, fmt.Errorf("unknown timeUnit %q", t.TimeUnit)
	}
	return time.Duration(t.Value) * unit, nil
}

// FailoverConfiguration is the unit's singleton HAFailoverConfiguration: the failover
// criteria (peer and interface poll and hold times, interface failure threshold).
type FailoverConfiguration struct {
	ID                        string `json:"id,omitempty"`
	Version                   string `json:"version,omitempty"`
	Name                      string `json:"name,omitempty"`
	Type                      string `json:"type"`
	PeerPollTime              *Time  `json:"peerPollTime"`
	PeerHoldTime              *Time  `json:"peerHoldTime"`
	InterfacePollTime         *Time  `json:"interfacePollTime"`
	InterfaceHoldTime         *Time  `json:"interfaceHoldTime"`
	InterfaceFailureThreshold int64  `json:"interfaceFailureThreshold"`
	InterfaceFailureUnit      string `json:"interfaceFailureUnit"`
}

const failoverConfigPath = "/devices/default/ha/failoverconfigurations"

// FailoverConfiguration reads the unit's only failover configuration.
func (c *Client) FailoverConfiguration(ctx context.Context) (*FailoverConfiguration, error) {
	items, err := list[FailoverConfiguration](ctx, c, failoverConfigPath)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, errors.New("the FTD has no HA failover configuration object")
	}
	return &items[0], nil
}

// FailoverConfigurationByID reads the failover configuration with the given id; an
// unknown id answers 404 (transport.IsNotFound).
func (c *Client) FailoverConfigurationByID(ctx context.Context, id string) (*FailoverConfiguration, error) {
	var cfg FailoverConfiguration
	if _, err := c.call(ctx, http.MethodGet, failoverConfigPath+"/"+url.PathEscape(id), nil, nil, &cfg); err != nil {
		return nil, err
	}
	return &cfg, nil
}

// PutFailoverConfiguration replaces the failover configuration; cfg.Version must be the
// current one. FDM refuses it on the standby unit. A refusal (422) is a *RefusalError
// that says whether this unit is the standby.
func (c *Client) PutFailoverConfiguration(ctx context.Context, cfg *FailoverConfiguration) (*FailoverConfiguration, error) {
	cfg.Type = "hafailoverconfiguration"
	var out FailoverConfiguration
	if _, err := c.call(ctx, http.MethodPut, failoverConfigPath+"/"+url.PathEscape(cfg.ID), nil, cfg, &out); err != nil {
		return nil, c.classifyRefusal(ctx, err)
	}
	return &out, nil
}

// TimeRange is a documented range of a failover timer: Millis in milliseconds below one
// second, or whole Seconds.
type TimeRange struct {
	Millis  [2]int64
	Seconds [2]int64
}

// Documented failover timer ranges (ftd-fdm.md section 4, FDM's HAFailoverConfiguration):
// peer poll 200–999 ms or 1–15 s; peer hold 800–999 ms or 1–45 s, at least
// PeerHoldPollFactor times the peer poll time.
var (
	PeerPollTimeRange = TimeRange{Millis: [2]int64{200, 999}, Seconds: [2]int64{1, 15}}
	PeerHoldTimeRange = TimeRange{Millis: [2]int64{800, 999}, Seconds: [2]int64{1, 45}}
)

// PeerHoldPollFactor is how many peer poll times the peer hold time must at least last.
const PeerHoldPollFactor = 3

func (r TimeRange) String() string {
	return fmt.Sprintf("%d–%d ms or %d–%d s", r.Millis[0], r.Millis[1], r.Seconds[0], r.Seconds[1])
}

// Check reports a duration outside the range, or one of a second or more that is not a
// whole number of seconds.
func (r TimeRange) Check(d time.Duration) error {
	ms := d.Milliseconds()
	switch {
	case d%time.Millisecond != 0:
		return fmt.Errorf("%s is not a whole number of milliseconds; the range is %s", d, r)
	case ms >= r.Millis[0] && ms <= r.Millis[1]:
		return nil
	case ms < 1000:
		return fmt.Errorf("%s is outside %s", d, r)
	case d%time.Second != 0:
		return fmt.Errorf("%s is not a whole number of seconds: from 1 s on the time is set in seconds (%s)", d, r)
	case int64(d/time.Second) < r.Seconds[0] || int64(d/time.Second) > r.Seconds[1]:
		return fmt.Errorf("%s is outside %s", d, r)
	}
	return nil
}
