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
	newClusterAddrs := fs.String("loginsight-new-cluster-addrs", "127.0.0.1:19546,127.0.0.1:19547",
		"comma-separated listen addresses of two more unbootstrapped Log Insight nodes: the first to bootstrap as the master of a new cluster, the second to join it (empty: none)")
	delay := fs.Duration("loginsight-start-delay", 2*time.Second, "time a Log Insight node takes to start after its join is approved or its bootstrap")
	release := fs.String("loginsight-release", "", `release of every Log Insight node: "" (the v2 API of 8.x to 9.0) or "9.1" (VCF 9.1: the v2 API is gone, only GET /api/v2/version answers)`)
	specOnly := fs.Bool("loginsight-spec-only", false, "serve only what VMware's v2 spec declares: the undocumented GET /api/v2/cluster/nodes answers 404")
	objectAnswers := fs.Bool("loginsight-empty-object-answers", false, "answer deployment/new and waitUntilStarted with {} instead of an empty body")
	unreachable := fs.String("loginsight-unreachable-ntp", "", "comma-separated NTP servers POST /api/v2/time/test reports failing")
	return func(ca *mock.Authority) (started, error) {
		addrs := splitAddrs(*nodeAddrs)
		if len(addrs) == 0 {
			return started{}, fmt.Errorf("-loginsight-node-addrs: at least one node is needed")
		}
		fresh := splitAddrs(*newClusterAddrs)
		if len(fresh) != 0 && len(fresh) != 2 {
			return started{}, fmt.Errorf("-loginsight-new-cluster-addrs: two addresses (master, member) or none")
		}
		if *release != "" && *release != loginsightmock.Release91 {
			return started{}, fmt.Errorf("-loginsight-release: %q or empty, not %q", loginsightmock.Release91, *release)
		}
		cluster := loginsightmock.NewCluster(loginsightmock.Options{
			StartDelay: *delay, Release: *release, SpecOnly: *specOnly, EmptyObjectAnswers: *objectAnswers,
			UnreachableNTPServers: splitAddrs(*unreachable),
		})
		master, nodes, err := cluster.Serve(ca, *masterAddr, append(addrs, fresh...)...)
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
		if len(fresh) == 2 {
			// The unbootstrapped nodes netops_loginsight_cluster builds a second cluster from.
			newMaster, newMember := nodes[len(addrs)], nodes[len(addrs)+1]
			s.env = append(s.env,
				envVar{"TF_VAR_loginsight_new_master_host", newMaster.Host()},
				envVar{"TF_VAR_loginsight_new_member_host", newMember.Host()})
			s.credentials = append(s.credentials, "none on "+newMaster.Host()+" until netops_loginsight_cluster bootstraps it (a new master; "+newMember.Host()+" joins it)")
		}
		for _, srv := range append([]*mock.Server{master}, nodes...) {
			s.endpoints = append(s.endpoints, endpoint{server: srv, hostName: srv.Name()})
		}
		return s, nil
	}
}

// splitAddrs splits a comma-separated list of addresses, dropping empty entries.
func splitAddrs(list string) []string {
	var out []string
	for a := range strings.SplitSeq(list, ",") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}
