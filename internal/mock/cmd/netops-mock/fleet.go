package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fleet"
)

// fleetFile is the file, in -dir, that lists the fleet as Terraform variables (the device
// maps of one provider block); Terraform loads a *.auto.tfvars.json file of its working
// directory by itself.
const fleetFile = "fleet.auto.tfvars.json"

var fleetVendorNames = []string{"ftd", "loginsight", "sbc"}

// fleetVendor serves, on demand, a fleet besides the appliances of the other vendor
// entries: every unit on its own loopback listener on a port the OS chooses, sharing the
// other entries' credentials and CA, so that each vendor block's settings (the NETOPS_*
// variables of the env file) apply to every device of the fleet.
func fleetVendor(fs *flag.FlagSet) startFunc {
	size := fs.Int("fleet", 0, "serve a fleet besides the appliances above: N FTD pairs, N Log Insight clusters (a bootstrapped master and "+
		"a node to join it) and N SBC pairs, on loopback ports the OS chooses; <dir>/"+fleetFile+" lists them as the devices of one provider block (0: none)")
	vendorList := fs.String("fleet-vendors", strings.Join(fleetVendorNames, ","), "comma-separated vendors of the fleet: ftd, loginsight, sbc")
	duration := fs.Duration("fleet-duration", time.Second, "time every long operation of a fleet appliance takes "+
		"(an FTD join or break job, FTD negotiation plus sync, an FTD failover, a Log Insight node's start, an SBC switchover); 0: at once")
	return func(ca *mock.Authority) (started, error) {
		if *size < 0 {
			return started{}, fmt.Errorf("-fleet: %d is not a number of appliances", *size)
		}
		if *size == 0 {
			return started{}, nil
		}
		if *duration < 0 {
			return started{}, fmt.Errorf("-fleet-duration: %s is negative", *duration)
		}
		opts := fleet.Options{Durations: duration}
		for _, v := range splitAddrs(*vendorList) {
			switch v {
			case "ftd":
				opts.FTDPairs = *size
			case "loginsight":
				opts.LogInsightClusters = *size
			case "sbc":
				opts.SBCPairs = *size
			default:
				return started{}, fmt.Errorf("-fleet-vendors: %q is not one of %s", v, strings.Join(fleetVendorNames, ", "))
			}
		}
		f, err := fleet.Serve(ca, opts)
		if err != nil {
			return started{}, err
		}
		vars, err := json.MarshalIndent(f.Vars(), "", "  ")
		if err != nil {
			f.Close()
			return started{}, err
		}
		return fleetStarted(f, append(vars, '\n')), nil
	}
}

// fleetStarted reports the fleet's listeners under their device names.
func fleetStarted(f *fleet.Fleet, vars []byte) started {
	s := started{vendor: "FLT", files: []file{{name: fleetFile, data: vars}}}
	for _, p := range f.FTD {
		s.endpoints = append(s.endpoints, endpoint{server: p.Primary.Server, hostName: p.Primary.Device}, endpoint{server: p.Secondary.Server, hostName: p.Secondary.Device})
	}
	for _, c := range f.LogInsight {
		s.endpoints = append(s.endpoints, endpoint{server: c.Master.Server, hostName: c.Master.Device}, endpoint{server: c.Node, hostName: c.Master.Device + "-node"})
	}
	for _, p := range f.SBC {
		s.endpoints = append(s.endpoints, endpoint{server: p.A, hostName: p.Device + "-a"}, endpoint{server: p.B, hostName: p.Device + "-b"})
	}
	var sizes []string
	for _, c := range []struct {
		n    int
		what string
	}{{len(f.FTD), "FTD pairs"}, {len(f.LogInsight), "Log Insight clusters"}, {len(f.SBC), "SBC pairs"}} {
		if c.n > 0 {
			sizes = append(sizes, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	s.credentials = []string{strings.Join(sizes, ", ") + ", with each vendor's credentials above; their devices: " + fleetFile}
	return s
}
