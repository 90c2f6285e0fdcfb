package mock

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// DropMode says whether and when a faulted request loses its connection.
type DropMode int

// Drop modes.
const (
	DropNone   DropMode = iota
	DropBefore          // close the connection without a response; the vendor handler does not run
	DropAfter           // run the vendor handler (state changes), then close without a response
)

// UnmarshalJSON accepts the numeric value or "none", "before", "after".
func (d *DropMode) UnmarshalJSON(b []byte) error {
	var n int
	if err := json.Unmarshal(b, &n); err == nil {
		if n < int(DropNone) || n > int(DropAfter) {
			return fmt.Errorf("drop mode %d out of range", n)
		}
		*d = DropMode(n)
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("drop mode must be a number or a string: %w", err)
	}
	switch strings.ToLower(s) {
	case "", "none":
		*d = DropNone
	case "before":
		*d = DropBefore
	case "after":
		*d = DropAfter
	default:
		return fmt.Errorf("unknown drop mode %q", s)
	}
	return nil
}

// Fault applies to the next Times requests matching Method ("" = any) and Path
// (exact, or a prefix when it ends in "*"). With Every > 1 it applies to one matching
// request in Every (the Every-th, the 2×Every-th, ...), so a rate of faults stays
// deterministic. A non-zero Status answers instead of the vendor handler; otherwise the
// handler runs, after Delay and with the Retry-After header set when given.
type Fault struct {
	Method      string `json:"method"`
	Path        string `json:"path"`
	Times       int    `json:"times"`
	Every       int    `json:"every"`
	Status      int    `json:"status"`
	Body        string `json:"body"`
	ContentType string `json:"content_type"`
	RetryAfter  string `json:"retry_after"`
	// Location is sent as the Location header (a redirect).
	Location string        `json:"location"`
	Delay    time.Duration `json:"delay"`
	Drop     DropMode      `json:"drop"`
	// AfterHandler lets the vendor handler run (its state changes stand) before Status
	// replaces its answer: an error answered after the work was done.
	AfterHandler bool `json:"after_handler"`

	seen int // matching requests so far, for Every
}

// UnmarshalJSON accepts Delay as nanoseconds or as a Go duration string ("2s").
func (f *Fault) UnmarshalJSON(b []byte) error {
	type plain Fault
	aux := struct {
		*plain
		Delay Duration `json:"delay"`
	}{plain: (*plain)(f)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	f.Delay = time.Duration(aux.Delay)
	return nil
}

func (f *Fault) matches(method, path string) bool {
	if f.Method != "" && !strings.EqualFold(f.Method, method) {
		return false
	}
	if prefix, ok := strings.CutSuffix(f.Path, "*"); ok {
		return strings.HasPrefix(path, prefix)
	}
	return f.Path == path
}

// Duration is a time.Duration that reads from JSON as nanoseconds or as a Go
// duration string, and writes as a duration string.
type Duration time.Duration

// UnmarshalJSON accepts a number of nanoseconds or a string like "1m30s".
func (d *Duration) UnmarshalJSON(b []byte) error {
	var n int64
	if err := json.Unmarshal(b, &n); err == nil {
		*d = Duration(n)
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duration must be a number of nanoseconds or a string: %w", err)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// MarshalJSON writes the duration as a string like "1m30s".
func (d Duration) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Duration(d).String())
}
