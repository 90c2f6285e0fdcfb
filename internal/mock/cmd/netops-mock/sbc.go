package main

import (
	"flag"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

func sbcVendor(fs *flag.FlagSet) startFunc {
	addrA := fs.String("sbc-a-addr", "127.0.0.1:18443", "listen address of SBC unit A (starts active)")
	addrB := fs.String("sbc-b-addr", "127.0.0.1:18444", "listen address of SBC unit B (starts standby)")
	delay := fs.Duration("switchover-delay", 2*time.Second, "time from an accepted SBC switchover to the role swap")
	releaseA := fs.String("sbc-a-release", sbcmock.DefaultRelease, "release SBC unit A runs (8.3 serves REST API v1.0-v1.1; 8.4 and later v1.0-v1.2)")
	releaseB := fs.String("sbc-b-release", sbcmock.DefaultRelease, "release SBC unit B runs")
	return func(ca *mock.Authority) (started, error) {
		for _, r := range []string{*releaseA, *releaseB} {
			if _, err := sbcmock.ReleaseVersions(r); err != nil {
				return started{}, err
			}
		}
		pair := sbcmock.NewPair(sbcmock.Options{Releases: [2]string{*releaseA, *releaseB}})
		pair.SetSwitchoverDelay(*delay)
		a, b, err := pair.Serve(ca, *addrA, *addrB)
		if err != nil {
			return started{}, err
		}
		return started{
			vendor: "SBC",
			endpoints: []endpoint{
				{server: a, hostName: pair.HostName(sbcmock.UnitA)},
				{server: b, hostName: pair.HostName(sbcmock.UnitB)},
			},
			credentials: []string{
				sbcmock.AdminUser + " / " + sbcmock.AdminPassword + " (administrator)",
				sbcmock.ReadOnlyUser + " / " + sbcmock.ReadOnlyPassword + " (read-only)",
			},
			env: []envVar{
				{"NETOPS_SBC_HOST", a.Host()},
				{"NETOPS_SBC_PEER_HOST", b.Host()},
				{"NETOPS_SBC_USERNAME", sbcmock.AdminUser},
				{"NETOPS_SBC_PASSWORD", sbcmock.AdminPassword},
				{"NETOPS_SBC_CA_CERT_PEM", string(ca.CertPEM())},
			},
		}, nil
	}
}
