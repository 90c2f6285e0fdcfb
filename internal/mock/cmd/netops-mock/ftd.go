package main

import (
	"flag"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

func ftdVendor(fs *flag.FlagSet) startFunc {
	primaryAddr := fs.String("ftd-primary-addr", "127.0.0.1:18453", "listen address of the FTD primary unit")
	secondaryAddr := fs.String("ftd-secondary-addr", "127.0.0.1:18454", "listen address of the FTD secondary unit")
	job := fs.Duration("ftd-job-duration", 3*time.Second, "time an FTD HA join or break job spends QUEUED plus DEPLOYING")
	sync := fs.Duration("ftd-sync-duration", 3*time.Second, "time FTD units spend negotiating plus synchronising configuration after a join")
	failover := fs.Duration("ftd-failover-delay", 2*time.Second, "time from an accepted FTD failover to the role swap")
	release := fs.String("ftd-release", ftdmock.DefaultRelease, "FDM release both FTD units run (6.3 serves API v1-v2 and breaks with clearIntfs; 6.6 serves v3-v5; 6.7 and later v4-v6)")
	latest63 := fs.Bool("ftd-latest-on-63", false, "make FTD 6.3 units serve /api/fdm/latest as well (by default a 6.3 unit answers it with 404)")
	spec := fs.Bool("ftd-spec", false, "hold every request to an FTD unit speaking API v2 (6.3) to Cisco's published v2 spec, answering 422 otherwise")
	return func(ca *mock.Authority) (started, error) {
		if _, err := ftdmock.ReleaseVersions(*release); err != nil {
			return started{}, err
		}
		pair := ftdmock.NewPair(ftdmock.Options{Release: *release, LatestOn63: *latest63, Spec: *spec})
		// Zero durations are allowed here, unlike in Options.
		pair.SetTimings(ftdmock.Timings{
			JobQueued:    *job / 3,
			JobDeploying: *job - *job/3,
			Negotiation:  *sync / 3,
			Sync:         *sync - *sync/3,
			Failover:     *failover,
		})
		primary, secondary, err := pair.Serve(ca, *primaryAddr, *secondaryAddr)
		if err != nil {
			return started{}, err
		}
		return started{
			vendor: "FTD",
			endpoints: []endpoint{
				{server: primary, hostName: pair.HostName(ftdmock.Primary)},
				{server: secondary, hostName: pair.HostName(ftdmock.Secondary)},
			},
			credentials: []string{ftdmock.Username + " / " + ftdmock.Password + " (both units)"},
			env: []envVar{
				{"NETOPS_FTD_HOST", primary.Host()},
				{"NETOPS_FTD_USERNAME", ftdmock.Username},
				{"NETOPS_FTD_PASSWORD", ftdmock.Password},
				{"NETOPS_FTD_CA_CERT_PEM", string(ca.CertPEM())},
				{"TF_VAR_ftd_secondary_host", secondary.Host()},
			},
		}, nil
	}
}
