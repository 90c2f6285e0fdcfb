package loginsight_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/loginsight"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
)

// Each refusal of a join surfaces as a *loginsight.Error with the vendor's
// status, message, code and reason; none is retried.
func TestJoin_refusals(t *testing.T) {
	f := newLICluster(t)
	node := f.nodes[0]
	if err := f.cluster.SetTrustsMaster(node.Host(), false); err != nil {
		t.Fatal(err)
	}
	bad := f.joinMaster(t)
	bad.MasterPort = 70000
	unknown := f.joinMaster(t)
	unknown.MasterFQDN = "li-nowhere.example"
	for _, tc := range []struct {
		name   string
		on     string // "node" or "master"
		req    loginsight.JoinRequest
		status int
		want   []string
	}{
		{"400 bad body", "node", bad, http.StatusBadRequest,
			[]string{"JSON_FORMAT_ERROR", "Invalid request body.", "masterPort must be between 1 and 65535"}},
		{"403 unknown master", "node", unknown, http.StatusForbidden,
			[]string{"DEPLOYMENT_ERROR", "Error joining deployment", "Cannot connect to the master node at li-nowhere.example"}},
		{"409 bootstrapped", "master", f.joinMaster(t), http.StatusConflict,
			[]string{"This call isn't allowed after the Operations for Logs server is bootstrapped"}},
		{"495 untrusted certificate", "node", f.joinMaster(t), loginsight.StatusCertificateError,
			[]string{"SSL_CERTIFICATE_ERROR", "Error certificate", "Primary node certificate is not trusted"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := node
			if tc.on == "master" {
				srv = f.master
			}
			srv.ResetCalls()
			_, err := f.nodeClient(t, srv).Join(t.Context(), tc.req)
			le := refusal(t, err, tc.status, tc.want...)
			if !strings.Contains(string(le.Body), tc.want[len(tc.want)-1]) {
				t.Errorf("body %s", le.Body)
			}
			if n := srv.CountCalls("POST", joinPath); n != 1 {
				t.Errorf("%d join POSTs", n)
			}
		})
	}
	if n, _ := f.cluster.Node(node.Host()); n.State != loginsightmock.StateUnbootstrapped {
		t.Errorf("node after refusals: %+v", n)
	}
	f.specRefusalsSent = 1 // the 400: a masterPort outside the spec's range

	// acceptCert gets past the certificate check.
	tk, err := f.nodeClient(t, node).Join(t.Context(), loginsight.JoinRequest{MasterFQDN: "127.0.0.1", MasterPort: f.joinMaster(t).MasterPort, AcceptCert: true})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := f.cluster.Node(node.Host()); n.State != loginsightmock.StateJoinRequested || n.WorkerToken != tk.WorkerToken {
		t.Errorf("node after join: %+v, ticket %+v", n, tk)
	}
}
