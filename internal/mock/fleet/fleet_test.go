package fleet

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

func serve(t *testing.T, opts Options) (*Fleet, *http.Client) {
	t.Helper()
	ca, err := mock.NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	f, err := Serve(ca, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca.CertPEM())
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}
	t.Cleanup(tr.CloseIdleConnections)
	return f, &http.Client{Transport: tr}
}

// hook sends a /_mock/ hook request (GET, or POST with a body) and decodes the view.
func hook(t *testing.T, c *http.Client, s *mock.Server, method, name, body string, view any) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, s.URL()+mock.HookPrefix+name, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s on %s: %v", method, name, s.Name(), err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s on %s: %s %s", method, name, s.Name(), resp.Status, raw)
	}
	if err := json.Unmarshal(raw, view); err != nil {
		t.Fatalf("%s %s on %s: %v: %s", method, name, s.Name(), err, raw)
	}
}

func quick() Options {
	clock := mock.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	zero := time.Duration(0)
	return Options{
		FTDPairs: 3, LogInsightClusters: 2, SBCPairs: 2,
		FTD:        ftdmock.Options{Clock: clock},
		LogInsight: loginsightmock.Options{Clock: clock},
		SBC:        sbcmock.Options{Clock: clock},
		Durations:  &zero,
	}
}

// Every appliance has its own listener and a device name, and Vars lists them as the
// provider's device maps.
func TestServeNamesEveryApplianceAsADevice(t *testing.T) {
	t.Parallel()
	f, _ := serve(t, quick())
	if len(f.FTD) != 3 || len(f.LogInsight) != 2 || len(f.SBC) != 2 {
		t.Fatalf("served %d FTD pairs, %d Log Insight clusters, %d SBC pairs; want 3, 2, 2", len(f.FTD), len(f.LogInsight), len(f.SBC))
	}
	hosts := map[string]bool{}
	for _, s := range f.Servers() {
		if hosts[s.Host()] || !strings.HasPrefix(s.Host(), "127.0.0.1:") {
			t.Errorf("listener %s at %s: repeated or not on 127.0.0.1", s.Name(), s.Host())
		}
		hosts[s.Host()] = true
	}
	if len(hosts) != 3*2+2*2+2*2 {
		t.Errorf("%d listeners, want 14", len(hosts))
	}

	v := f.Vars()
	wantPairs := map[string]PairDevices{
		"ftd01": {"ftd01-primary", "ftd01-secondary"},
		"ftd02": {"ftd02-primary", "ftd02-secondary"},
		"ftd03": {"ftd03-primary", "ftd03-secondary"},
	}
	if !maps.Equal(v.FTDPairs, wantPairs) {
		t.Errorf("FTD pairs %v, want %v", v.FTDPairs, wantPairs)
	}
	for i, p := range f.FTD {
		if v.FTDDevices[p.Primary.Device].Host != p.Primary.Server.Host() || v.FTDDevices[p.Secondary.Device].Host != p.Secondary.Server.Host() {
			t.Errorf("pair %d: devices %v do not name its listeners", i, v.FTDDevices)
		}
		if p.Pair.HostName(ftdmock.Primary) != p.Primary.Device || p.Pair.HostName(ftdmock.Secondary) != p.Secondary.Device {
			t.Errorf("pair %d: units report %q and %q, not their device names", i, p.Pair.HostName(ftdmock.Primary), p.Pair.HostName(ftdmock.Secondary))
		}
	}
	if got := slices.Sorted(maps.Keys(v.LogInsightDevices)); !slices.Equal(got, []string{"li01", "li02"}) {
		t.Errorf("Log Insight devices %v", got)
	}
	for _, c := range f.LogInsight {
		if v.LogInsightDevices[c.Master.Device].Host != c.Master.Server.Host() || v.LogInsightNodes[c.Master.Device] != c.Node.Host() {
			t.Errorf("cluster %s: vars %v / %v do not name its master and node", c.Master.Device, v.LogInsightDevices, v.LogInsightNodes)
		}
	}
	for _, p := range f.SBC {
		if d := v.SBCDevices[p.Device]; d.Host != p.A.Host() || d.PeerHost != p.B.Host() {
			t.Errorf("SBC %s: device %+v, want host %s and peer_host %s", p.Device, d, p.A.Host(), p.B.Host())
		}
	}

	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(raw, &keys); err != nil {
		t.Fatal(err)
	}
	want := []string{"ftd_devices", "ftd_pairs", "loginsight_devices", "loginsight_nodes", "sbc_devices"}
	if got := slices.Sorted(maps.Keys(keys)); !slices.Equal(got, want) {
		t.Errorf("variables %v, want %v", got, want)
	}
}

// The units of one pair (and the nodes of one cluster) share its state; the pairs and
// clusters of a fleet share nothing.
func TestAppliancesShareStateOnlyWithinTheirPairOrCluster(t *testing.T) {
	t.Parallel()
	f, c := serve(t, quick())

	type ftdView struct {
		Formed bool `json:"formed"`
		Units  []struct {
			HostName string `json:"host_name"`
		} `json:"units"`
		Timings struct {
			JobDeploying string `json:"job_deploying"`
		} `json:"timings"`
	}
	var formed ftdView
	hook(t, c, f.FTD[1].Primary.Server, http.MethodPost, "form-pair", "", &formed)
	for i, p := range f.FTD {
		var v ftdView
		hook(t, c, p.Secondary.Server, http.MethodGet, "state", "", &v)
		if v.Formed != (i == 1) {
			t.Errorf("pair %s formed = %t after the form-pair hook on ftd02's primary", p.Name, v.Formed)
		}
		if len(v.Units) != 2 || v.Units[0].HostName != p.Primary.Device || v.Units[1].HostName != p.Secondary.Device {
			t.Errorf("pair %s units %+v", p.Name, v.Units)
		}
		if v.Timings.JobDeploying != "0s" {
			t.Errorf("pair %s job_deploying %s, want 0s (Durations)", p.Name, v.Timings.JobDeploying)
		}
	}

	type liView struct {
		StartDelay string `json:"start_delay"`
		Nodes      []struct {
			Host string `json:"host"`
		} `json:"nodes"`
	}
	for _, cl := range f.LogInsight {
		var fromMaster, fromNode liView
		hook(t, c, cl.Master.Server, http.MethodGet, "state", "", &fromMaster)
		hook(t, c, cl.Node, http.MethodGet, "state", "", &fromNode)
		var addrs []string
		for _, n := range fromNode.Nodes {
			addrs = append(addrs, n.Host)
		}
		if want := []string{cl.Master.Server.Host(), cl.Node.Host()}; !slices.Equal(addrs, want) {
			t.Errorf("cluster %s: the node sees nodes %v, want %v", cl.Master.Device, addrs, want)
		}
		if len(fromMaster.Nodes) != 2 || fromNode.StartDelay != "0s" {
			t.Errorf("cluster %s: the master sees %d nodes, start_delay %s", cl.Master.Device, len(fromMaster.Nodes), fromNode.StartDelay)
		}
	}

	type sbcView struct {
		Active string `json:"active"`
		Units  []struct {
			HostName string `json:"host_name"`
		} `json:"units"`
	}
	for _, p := range f.SBC {
		var v sbcView
		hook(t, c, p.B, http.MethodGet, "state", "", &v)
		if len(v.Units) != 2 || v.Units[0].HostName != p.Device+"-a" || v.Units[1].HostName != p.Device+"-b" || v.Active != "A" {
			t.Errorf("SBC %s: %+v", p.Device, v)
		}
	}
}

func TestServeFTDPairsServesOnlyFTD(t *testing.T) {
	t.Parallel()
	ca, err := mock.NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	f, err := ServeFTDPairs(ca, 12, ftdmock.Options{Clock: mock.NewFakeClock(time.Unix(0, 0))})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v := f.Vars()
	if len(f.FTD) != 12 || len(v.FTDDevices) != 24 || len(v.FTDPairs) != 12 || v.LogInsightDevices != nil || v.SBCDevices != nil {
		t.Fatalf("%d pairs, vars %+v", len(f.FTD), v)
	}
	if f.FTD[0].Name != "ftd01" || f.FTD[11].Primary.Device != "ftd12-primary" {
		t.Errorf("names %s, %s", f.FTD[0].Name, f.FTD[11].Primary.Device)
	}
	if _, err := Serve(ca, Options{SBCPairs: -1}); err == nil {
		t.Error("a negative size was accepted")
	}
	var none *Fleet
	none.Close()
	if none.Servers() != nil {
		t.Error("a nil fleet has servers")
	}
}

func TestNamesSortInOrder(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		i, n int
		want string
	}{{1, 1, "ftd01"}, {9, 10, "ftd09"}, {7, 100, "ftd007"}, {100, 100, "ftd100"}} {
		if got := name("ftd", c.i, c.n); got != c.want {
			t.Errorf("name(%d of %d) = %s, want %s", c.i, c.n, got, c.want)
		}
	}
}
