package main

import (
	"encoding/json"
	"flag"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

func startFleet(t *testing.T, args ...string) (started, error) {
	t.Helper()
	fs := flag.NewFlagSet("netops-mock", flag.ContinueOnError)
	start := fleetVendor(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	ca, err := mock.NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	s, err := start(ca)
	t.Cleanup(func() {
		for _, srv := range s.servers() {
			srv.Close()
		}
	})
	return s, err
}

// -fleet N with -fleet-vendors serves N appliances of each vendor named and writes their
// device maps, and only theirs, into the fleet file.
func TestFleetWritesTheDeviceMapsOfTheVendorsAsked(t *testing.T) {
	t.Parallel()
	s, err := startFleet(t, "-fleet", "3", "-fleet-vendors", "ftd,sbc", "-fleet-duration", "0s")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.endpoints) != 3*2+3*2 {
		t.Errorf("%d listeners, want 12", len(s.endpoints))
	}
	if len(s.files) != 1 || s.files[0].name != fleetFile {
		t.Fatalf("files %v, want %s", s.files, fleetFile)
	}
	var vars map[string]map[string]json.RawMessage
	if err := json.Unmarshal(s.files[0].data, &vars); err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(vars)); !slices.Equal(got, []string{"ftd_devices", "ftd_pairs", "sbc_devices"}) {
		t.Errorf("variables %v", got)
	}
	if len(vars["ftd_devices"]) != 6 || len(vars["ftd_pairs"]) != 3 || len(vars["sbc_devices"]) != 3 {
		t.Errorf("device maps %v", vars)
	}
	for _, e := range s.endpoints {
		if !strings.HasPrefix(e.server.Host(), "127.0.0.1:") {
			t.Errorf("%s listens on %s", e.hostName, e.server.Host())
		}
	}
}

func TestFleetOffByDefaultAndRefusesUnknownVendors(t *testing.T) {
	t.Parallel()
	s, err := startFleet(t)
	if err != nil || len(s.endpoints) != 0 || len(s.files) != 0 {
		t.Errorf("without -fleet: %+v, %v; want nothing served", s, err)
	}
	for _, args := range [][]string{
		{"-fleet", "2", "-fleet-vendors", "ftd,fireflow"},
		{"-fleet", "-1"},
		{"-fleet", "1", "-fleet-duration", "-1s"},
	} {
		if _, err := startFleet(t, args...); err == nil {
			t.Errorf("%v was accepted", args)
		}
	}
}
