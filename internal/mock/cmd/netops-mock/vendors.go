package main

import (
	"flag"
	"fmt"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// vendors lists every vendor mock the command starts. Each entry registers its
// flags and returns the function that starts it.
var vendors = []func(fs *flag.FlagSet) startFunc{
	sbcVendor,
	loginsightVendor,
	fireflowVendor,
	ftdVendor,
	fleetVendor,
}

type startFunc func(ca *mock.Authority) (started, error)

// started is what one vendor mock reports once it is listening.
type started struct {
	vendor      string
	endpoints   []endpoint
	credentials []string
	env         []envVar
	files       []file // written into -dir once every listener answers, removed at exit
}

// file is one file a vendor entry writes into -dir, such as the fleet's device maps.
type file struct {
	name string
	data []byte
}

// endpoint is one listener and the host name the vendor reports there.
type endpoint struct {
	server   *mock.Server
	hostName string
}

type envVar struct {
	name  string
	value string
}

func (s started) servers() []*mock.Server {
	out := make([]*mock.Server, 0, len(s.endpoints))
	for _, e := range s.endpoints {
		out = append(out, e.server)
	}
	return out
}

func (s started) print() {
	for _, e := range s.endpoints {
		fmt.Printf("%-4s %-10s %s\n", s.vendor, e.hostName, e.server.URL())
	}
	for _, c := range s.credentials {
		fmt.Printf("%-4s credentials: %s\n", s.vendor, c)
	}
}
