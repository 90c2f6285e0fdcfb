// Package fleet serves many appliances of each vendor from one authority: FTD pairs, Log
// Insight clusters (a bootstrapped master and one unbootstrapped node to join it) and SBC
// pairs, every unit on its own loopback listener on a port the OS chooses. Each appliance
// is named as a provider configuration's devices name it, and Vars describes the fleet as
// the device maps of one provider block. Tests, the standalone mock (-fleet) and the
// benchmark start fleets through it.
package fleet

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// Options size a fleet and configure each vendor's appliances. Host names are set per
// appliance (its device names); every other option applies to each pair or cluster.
type Options struct {
	FTDPairs           int
	LogInsightClusters int
	SBCPairs           int

	FTD        ftdmock.Options
	LogInsight loginsightmock.Options
	SBC        sbcmock.Options

	// Durations, when set, replace the vendors' defaults for every long operation (an FTD
	// join or break job, negotiation, sync and failover; a Log Insight node's start; an SBC
	// switchover). Zero makes them end at once, which the vendor Options cannot say.
	Durations *time.Duration
}

// FTDPair is one FTD HA pair: two units, each a device.
type FTDPair struct {
	Name               string // the pair's key in Vars.FTDPairs, e.g. "ftd01"
	Primary, Secondary Unit
	Pair               *ftdmock.Pair
}

// Unit is one appliance's listener and its device name.
type Unit struct {
	Device string
	Server *mock.Server
}

// LogInsightCluster is a bootstrapped master (a device) and a new node to join it.
type LogInsightCluster struct {
	Master  Unit         // device name e.g. "li01"
	Node    *mock.Server // an unbootstrapped node: a member's node_host
	Cluster *loginsightmock.Cluster
}

// SBCPair is one SBC HA pair: one device whose host is unit A and peer_host unit B.
type SBCPair struct {
	Device string // e.g. "sbc01"
	A, B   *mock.Server
	Pair   *sbcmock.Pair
}

// Fleet is every appliance Serve started.
type Fleet struct {
	FTD        []FTDPair
	LogInsight []LogInsightCluster
	SBC        []SBCPair
}

// Serve starts the fleet opts sizes. On an error, whatever had started is closed.
func Serve(ca *mock.Authority, opts Options) (f *Fleet, err error) {
	if opts.FTDPairs < 0 || opts.LogInsightClusters < 0 || opts.SBCPairs < 0 {
		return nil, errors.New("fleet: negative size")
	}
	f = &Fleet{}
	defer func() {
		if err != nil {
			f.Close()
			f = nil
		}
	}()
	for i := 1; i <= opts.FTDPairs; i++ {
		p, err := serveFTDPair(ca, name("ftd", i, opts.FTDPairs), opts)
		if err != nil {
			return nil, err
		}
		f.FTD = append(f.FTD, p)
	}
	for i := 1; i <= opts.LogInsightClusters; i++ {
		c, err := serveLogInsightCluster(ca, name("li", i, opts.LogInsightClusters), opts)
		if err != nil {
			return nil, err
		}
		f.LogInsight = append(f.LogInsight, c)
	}
	for i := 1; i <= opts.SBCPairs; i++ {
		p, err := serveSBCPair(ca, name("sbc", i, opts.SBCPairs), opts)
		if err != nil {
			return nil, err
		}
		f.SBC = append(f.SBC, p)
	}
	return f, nil
}

// ServeFTDPairs starts n FTD pairs, each from opts (host names aside).
func ServeFTDPairs(ca *mock.Authority, n int, opts ftdmock.Options) (*Fleet, error) {
	return Serve(ca, Options{FTDPairs: n, FTD: opts})
}

// name is prefix and i zero-padded to the width of n, at least two digits ("ftd01"), so
// that names sort in order.
func name(prefix string, i, n int) string {
	return fmt.Sprintf("%s%0*d", prefix, max(2, len(strconv.Itoa(n))), i)
}

func serveFTDPair(ca *mock.Authority, pair string, opts Options) (FTDPair, error) {
	o := opts.FTD
	o.HostNames = [2]string{pair + "-primary", pair + "-secondary"}
	p := ftdmock.NewPair(o)
	if d := opts.Durations; d != nil {
		p.SetTimings(ftdmock.Timings{JobQueued: *d / 3, JobDeploying: *d - *d/3, Negotiation: *d / 3, Sync: *d - *d/3, Failover: *d})
	}
	primary, secondary, err := p.Serve(ca, "", "")
	if err != nil {
		return FTDPair{}, err
	}
	return FTDPair{
		Name:      pair,
		Primary:   Unit{Device: o.HostNames[0], Server: primary},
		Secondary: Unit{Device: o.HostNames[1], Server: secondary},
		Pair:      p,
	}, nil
}

func serveLogInsightCluster(ca *mock.Authority, device string, opts Options) (LogInsightCluster, error) {
	c := loginsightmock.NewCluster(opts.LogInsight)
	if d := opts.Durations; d != nil {
		c.SetStartDelay(*d)
	}
	master, nodes, err := c.Serve(ca, "", "")
	if err != nil {
		return LogInsightCluster{}, err
	}
	return LogInsightCluster{Master: Unit{Device: device, Server: master}, Node: nodes[0], Cluster: c}, nil
}

func serveSBCPair(ca *mock.Authority, device string, opts Options) (SBCPair, error) {
	o := opts.SBC
	o.HostNames = [2]string{device + "-a", device + "-b"}
	p := sbcmock.NewPair(o)
	if d := opts.Durations; d != nil {
		p.SetSwitchoverDelay(*d)
	}
	a, b, err := p.Serve(ca, "", "")
	if err != nil {
		return SBCPair{}, err
	}
	return SBCPair{Device: device, A: a, B: b, Pair: p}, nil
}

// Servers lists every listener of the fleet.
func (f *Fleet) Servers() []*mock.Server {
	if f == nil {
		return nil
	}
	var out []*mock.Server
	for _, p := range f.FTD {
		out = append(out, p.Primary.Server, p.Secondary.Server)
	}
	for _, c := range f.LogInsight {
		out = append(out, c.Master.Server, c.Node)
	}
	for _, p := range f.SBC {
		out = append(out, p.A, p.B)
	}
	return out
}

// Close stops every listener.
func (f *Fleet) Close() {
	if f == nil {
		return
	}
	for _, p := range f.FTD {
		p.Primary.Server.Close()
		p.Secondary.Server.Close()
	}
	for _, c := range f.LogInsight {
		c.Cluster.Close()
	}
	for _, p := range f.SBC {
		p.A.Close()
		p.B.Close()
	}
}

// Device is one entry of a vendor block's devices: what differs from the block.
type Device struct {
	Host     string `json:"host"`
	PeerHost string `json:"peer_host,omitempty"` // SBC only
}

// PairDevices names the two devices of an FTD pair, as netops_ftd_ha_pair takes them.
type PairDevices struct {
	Primary   string `json:"primary"`
	Secondary string `json:"secondary"`
}

// Vars describes the fleet as Terraform variables (its JSON is a .tfvars.json file):
// the devices map of each vendor block, the FTD pairs by name, and the node that joins
// each Log Insight cluster, keyed by its master's device. A vendor without appliances
// is left out.
type Vars struct {
	FTDDevices        map[string]Device      `json:"ftd_devices,omitempty"`
	FTDPairs          map[string]PairDevices `json:"ftd_pairs,omitempty"`
	LogInsightDevices map[string]Device      `json:"loginsight_devices,omitempty"`
	LogInsightNodes   map[string]string      `json:"loginsight_nodes,omitempty"`
	SBCDevices        map[string]Device      `json:"sbc_devices,omitempty"`
}

// Vars returns the fleet's device maps.
func (f *Fleet) Vars() Vars {
	var v Vars
	if f == nil {
		return v
	}
	for _, p := range f.FTD {
		if v.FTDDevices == nil {
			v.FTDDevices, v.FTDPairs = map[string]Device{}, map[string]PairDevices{}
		}
		v.FTDDevices[p.Primary.Device] = Device{Host: p.Primary.Server.Host()}
		v.FTDDevices[p.Secondary.Device] = Device{Host: p.Secondary.Server.Host()}
		v.FTDPairs[p.Name] = PairDevices{Primary: p.Primary.Device, Secondary: p.Secondary.Device}
	}
	for _, c := range f.LogInsight {
		if v.LogInsightDevices == nil {
			v.LogInsightDevices, v.LogInsightNodes = map[string]Device{}, map[string]string{}
		}
		v.LogInsightDevices[c.Master.Device] = Device{Host: c.Master.Server.Host()}
		v.LogInsightNodes[c.Master.Device] = c.Node.Host()
	}
	for _, p := range f.SBC {
		if v.SBCDevices == nil {
			v.SBCDevices = map[string]Device{}
		}
		v.SBCDevices[p.Device] = Device{Host: p.A.Host(), PeerHost: p.B.Host()}
	}
	return v
}
