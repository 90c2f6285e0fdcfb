package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCountFleetCallsAttributesLoginsToProcessesAndUnits(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	token := "/api/fdm/v6/fdm/token"
	calls := []unitCall{
		{call{Time: at(10), Method: "GET", Path: "/api/versions", Status: 200}, "u1"},
		{call{Time: at(11), Method: "POST", Path: token, Body: `{"grant_type":"password","username":"admin"}`, Status: 200}, "u1"},
		{call{Time: at(12), Method: "POST", Path: token, Body: `{"grant_type":"password"}`, Status: 200}, "u2"},
		{call{Time: at(20), Method: "GET", Path: "/api/fdm/v6/devices/default/operational/ha/status/default", Status: 200}, "u1"},
		{call{Time: at(30), Method: "POST", Path: token, Body: `{"grant_type":"revoke_token"}`, Status: 200}, "u1"},
		{call{Time: at(45), Method: "POST", Path: token, Body: `{"grant_type":"revoke_token"}`, Status: 400}, "u2"},
		{call{Time: at(200), Method: "POST", Path: token, Body: `{"grant_type":"password"}`, Status: 200}, "u1"},
	}
	procs := []procInfo{{pid: 1, first: at(0), last: at(50)}, {pid: 2, first: at(190), last: at(210)}}
	s := countFleetCalls(calls, procs, time.Millisecond)
	want := fleetStats{total: 7, logins: 3, revokes: 2, versions: 1, other: 1, notOK: 1, unitsLoggedIn: 2,
		procs: 2, procsWithCalls: 2, maxLoginsPerProc: 2, maxUnitsPerProc: 2, revokeSpan: 15 * time.Millisecond}
	if s != want {
		t.Errorf("stats\n%+v, want\n%+v", s, want)
	}
	if got := s.perResource(1); got != 2 {
		t.Errorf("per resource %v, want 2 (a version lookup and a status read)", got)
	}
}

func TestReadShutdownLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shutdown.jsonl")
	if d, n, failed, err := readShutdownLog(path); d != 0 || n != 0 || failed != 0 || err != nil {
		t.Fatalf("no log: %v %d %d %v", d, n, failed, err)
	}
	lines := `{"pid":1,"seconds":0.002}` + "\n" + `{"pid":2,"seconds":0.25,"error":"x"}` + "\n"
	if err := os.WriteFile(path, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	d, n, failed, err := readShutdownLog(path)
	if d != 250*time.Millisecond || n != 2 || failed != 1 || err != nil {
		t.Errorf("got %v %d %d %v", d, n, failed, err)
	}
}

func TestSpliceFleetReplacesOnlyItsSection(t *testing.T) {
	section := func(body string) string { return fleetBegin + "\n" + body + "\n" + fleetEnd + "\n" }
	base := "# Benchmarks\n\n## Wall clock\n\nrows\n\n" + findingsHeading + ": the provider\n\ntext\n"

	first := spliceFleet(base, section("one"))
	if !strings.Contains(first, "rows\n\n"+section("one")+"\n"+findingsHeading) {
		t.Fatalf("not inserted before the findings:\n%s", first)
	}
	second := spliceFleet(first, section("two"))
	if strings.Contains(second, "one") || strings.Count(second, fleetBegin) != 1 || !strings.HasSuffix(second, "text\n") {
		t.Fatalf("not replaced in place:\n%s", second)
	}
	if got := spliceFleet("", section("x")); !strings.Contains(got, section("x")) {
		t.Errorf("into an empty report: %q", got)
	}
}
