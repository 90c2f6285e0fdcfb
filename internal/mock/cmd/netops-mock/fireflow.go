package main

import (
	"flag"
	"fmt"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/fireflowmock"
)

func fireflowVendor(fs *flag.FlagSet) startFunc {
	addr := fs.String("fireflow-addr", "127.0.0.1:18463", "listen address of the FireFlow mock")
	activeChange := fs.Duration("fireflow-active-change-duration", 3*time.Second, "how long a triggered FireFlow ActiveChange runs")
	behaviour := fs.String("fireflow-behaviour", "guide", `how the FireFlow mock answers where AlgoSec's pages and real appliances differ: "guide" (the per-endpoint pages) `+
		`or "real" (what appliances showed: Swagger item keys, originalTraffic reads, no status right after a create, 500 for unknown ids, the work-order ActiveChange routes)`)
	return func(ca *mock.Authority) (started, error) {
		opts := fireflowmock.Options{ActiveChangeDuration: *activeChange}
		switch *behaviour {
		case "guide":
		case "real":
			opts.Behaviour = fireflowmock.RealAppliance
		default:
			return started{}, fmt.Errorf("-fireflow-behaviour must be guide or real, not %q", *behaviour)
		}
		ff := fireflowmock.New(opts)
		s, err := ff.Serve(ca, *addr)
		if err != nil {
			return started{}, err
		}
		return started{
			vendor:      "FF",
			endpoints:   []endpoint{{server: s, hostName: "fireflow"}},
			credentials: []string{fireflowmock.Username + " / " + fireflowmock.Password},
			env: []envVar{
				{"NETOPS_FIREFLOW_HOST", s.Host()},
				{"NETOPS_FIREFLOW_USERNAME", fireflowmock.Username},
				{"NETOPS_FIREFLOW_PASSWORD", fireflowmock.Password},
				{"NETOPS_FIREFLOW_CA_CERT_PEM", string(ca.CertPEM())},
			},
		}, nil
	}
}
