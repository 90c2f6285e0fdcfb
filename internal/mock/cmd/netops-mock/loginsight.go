package main

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
)

func loginsightVendor(fs *flag.FlagSet) startFunc {
	masterAddr := fs.String("loginsight-master-addr", "127.0.0.1:19543", "listen address of the bootstrapped Log Insight master")
	nodeAddrs := fs.String("loginsight-node-addrs", "127.0.0.1:19544,127.0.0.1:19545", "comma-separated listen addresses of the unbootstrapped Log Insight nodes")
	delay := fs.Duration("loginsight-start-delay", 2*time.Second, "time a Log Insight node takes to start after its join is approved")
	return func(ca *mock.Authority) (started, error) {
		var addrs []string
		for a := range strings.SplitSeq(*nodeAddrs, ",") {
			if a = strings.TrimSpace(a); a != "" {
				addrs = append(addrs, a)
			}
		}
		if len(addrs) == 0 {
			return started{}, fmt.Errorf("-loginsight-node-addrs: at least one node is needed")
		}
		cluster := loginsightmock.NewCluster(loginsightmock.Options{StartDelay: *delay})
		master, nodes, err := cluster.Serve(ca, *masterAddr, addrs...)
		if err != nil {
			return started{}, err
		}
		s := started{
			vendor: "LI",
			credentials: []string{
				loginsightmock.AdminUser + " / " + loginsightmock.AdminPassword + " (provider " + loginsightmock.AuthProvider + "; on the master)",
			},
			env: []envVar{
				{"NETOPS_LOGINSIGHT_HOST", master.Host()},
				{"NETOPS_LOGINSIGHT_USERNAME", loginsightmock.AdminUser},
				{"NETOPS_LOGINSIGHT_PASSWORD", loginsightmock.AdminPassword},
				{"NETOPS_LOGINSIGHT_CA_CERT_PEM", string(ca.CertPEM())},
				{"TF_VAR_loginsight_node_host", nodes[0].Host()},
			},
		}
		for _, srv := range append([]*mock.Server{master}, nodes...) {
			s.endpoints = append(s.endpoints, endpoint{server: srv, hostName: srv.Name()})
		}
		return s, nil
	}
}
