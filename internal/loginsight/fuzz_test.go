package loginsight_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/fuzzcheck"
	"github.com/netops/terraform-provider-netops/internal/loginsight"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

func fuzzClient(baseURL string) *loginsight.Client {
	c, err := loginsight.New(loginsight.Config{BaseURL: baseURL, Username: "admin", Password: fuzzcheck.Password,
		Transport: transport.Config{Secrets: fuzzcheck.Secrets}})
	if err != nil {
		panic(err)
	}
	return c
}

var fuzzOps = []fuzzcheck.Op{
	{Method: http.MethodPost, Path: "/api/v2/sessions", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).Upgrades(ctx)
		return err
	}, Own: func(err error) bool {
		return strings.Contains(err.Error(), "refused the username, password or auth_provider (401)") ||
			strings.Contains(err.Error(), "is not bootstrapped (503)")
	}},
	{Method: http.MethodGet, Path: "/api/v2/upgrades", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).Upgrades(ctx)
		return err
	}},
	{Method: http.MethodGet, Path: "/api/v2/cluster/nodes", Call: func(ctx context.Context, u string) error {
		_, _, err := fuzzClient(u).ClusterNodes(ctx)
		return err
	}},
	{Method: http.MethodPost, Path: "/api/v2/deployment/join", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).Join(ctx, loginsight.JoinRequest{MasterFQDN: "li-master.example.net", AcceptCert: true})
		return err
	}},
	{Method: http.MethodPost, Path: "/api/v2/deployment/approve", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).Approve(ctx, &loginsight.JoinTicket{WorkerAddress: "192.0.2.20", WorkerPort: 16520, WorkerToken: fuzzcheck.SharedKey}, true)
		return err
	}},
	{Method: http.MethodPost, Path: "/api/v2/deployment/new", Call: func(ctx context.Context, u string) error {
		return fuzzClient(u).Bootstrap(ctx, loginsight.AdminUser{UserName: "admin", Password: fuzzcheck.SharedKey, Email: "ops@example.net"})
	}},
	{Method: http.MethodPut, Path: "/api/v2/time/config", Call: func(ctx context.Context, u string) error {
		return fuzzClient(u).SetTimeConfig(ctx, loginsight.TimeConfig{TimeReference: loginsight.TimeNTPServer, NTPServers: []string{"0.pool.ntp.org"}})
	}},
	{Method: http.MethodGet, Path: "/api/v2/sessions/current", Call: func(ctx context.Context, u string) error {
		return fuzzClient(u).CurrentSession(ctx)
	}},
	{Method: http.MethodGet, Path: "/api/v2/time/config", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).TimeConfig(ctx)
		return err
	}},
	{Method: http.MethodPost, Path: "/api/v2/time/test", Call: func(ctx context.Context, u string) error {
		return fuzzClient(u).TestNTPServers(ctx, []string{"0.pool.ntp.org", "10.20.0.5"})
	}},
	{Method: http.MethodGet, Path: "/api/v2/version", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).Version(ctx)
		return err
	}},
}

// ownAnswer reports the errors the client words itself for answers it understood: a 404
// to a documented call (the release is named, or why it could not be), and servers
// that POST /time/test reported failing. The op's own check comes after.
func ownAnswer(own func(error) bool) func(error) bool {
	return func(err error) bool {
		var re *loginsight.ReleaseError
		var un *loginsight.UnreachableNTPServersError
		return (errors.As(err, &re) && strings.Contains(re.Error(), "Log Insight answered 404")) || errors.As(err, &un) || (own != nil && own(err))
	}
}

// Any answer to any Log Insight call: no panic, an error that names the request, no
// secret shown (JSON errors, bare-string errors, sessions, join tickets, approvals,
// membership).
func FuzzLogInsightAnswer(f *testing.F) {
	const js = "application/json"
	fuzzcheck.AddSeeds(f,
		fuzzcheck.Seed(0, 200, js, `{"userId":"u1","sessionId":"SECRET","ttl":1800}`),
		fuzzcheck.Seed(0, 401, js, `"Authentication failed for SECRET"`),
		fuzzcheck.Seed(0, 440, "text/plain", `Login timeout`),
		fuzzcheck.Seed(1, 200, js, `{"version":"8.14.0","fullVersion":"8.14.0-24028106","stable":true,"nodes":{"SECRET":{"version":"8.14.0","fullVersion":"8.14.0-24028106"}}}`),
		fuzzcheck.Seed(1, 500, js, `{"errorMessage":"Internal error","errorCode":"RestServerError","errorDetails":{"reason":"SECRET"}}`),
		fuzzcheck.Seed(1, 400, js, `{"errorMessage":"refused","errorCode":"SECRET"}`),
		fuzzcheck.Seed(1, 503, "text/plain", strings.Repeat("é", 140)+"SECRET"),
		fuzzcheck.Seed(2, 200, js, `{"nodes":[{"id":"n1","token":"t1","ip":"192.0.2.10","hostname":"li-1","status":"Connected","isPrimary":true}]}`),
		fuzzcheck.Seed(2, 404, js, `{"errorMessage":"Not found","errorCode":"RestNotFound"}`),
		fuzzcheck.Seed(3, 200, js, `{"masterAddress":"li-master.example.net","masterUiPort":443,"workerAddress":"192.0.2.20","workerPort":16520,"workerToken":"SECRET"}`),
		fuzzcheck.Seed(3, 409, js, `{"errorMessage":"The node is already bootstrapped","errorCode":"RestConflict"}`),
		fuzzcheck.Seed(3, 495, js, `{"errorMessage":"Certificate not trusted","errorDetails":{"reason":"untrusted","certificate":"-----BEGIN CERTIFICATE-----"}}`),
		fuzzcheck.Seed(4, 200, js, `{"masterHostname":"li-master","clusterNode":{"token":"n2","hostname":"li-2","status":"Connected","fullVersion":"8.14.0"}}`),
		fuzzcheck.Seed(4, 400, js, `{"errorMessage":"Invalid worker token SECRET","errorCode":"RestBadRequest"}`),
		fuzzcheck.Seed(5, 200, js, `{"releaseName":"GA","version":"8.14.0"}`),
		fuzzcheck.Seed(5, 409, js, `{"errorMessage":"The node is already bootstrapped; SECRET","errorCode":"RestConflict"}`),
		fuzzcheck.Seed(6, 400, js, `{"errorMessage":"Invalid NTP server SECRET","errorCode":"RestBadRequest"}`),
		fuzzcheck.Seed(7, 200, js, `{"userId":"SECRET"}`),
		fuzzcheck.Seed(8, 200, js, `{"ntpConfig":{"timeReference":"NTP_SERVER","ntpServers":["SECRET"]}}`),
		fuzzcheck.Seed(8, 404, "text/plain", `Not Found`),
		fuzzcheck.Seed(9, 200, js, `{"testedNTPServers":[{"server":"0.pool.ntp.org","state":"pass"},{"server":"10.20.0.5","state":"fail"}]}`),
		fuzzcheck.Seed(9, 500, js, `{"errorMessage":"The operation failed due to an internal error.","errorDetails":{"reason":"SECRET"}}`),
		fuzzcheck.Seed(10, 200, js, `{"releaseName":"GA","version":"9.1.0.0.SECRET"}`),
	)
	ops := make([]fuzzcheck.Op, len(fuzzOps))
	for i, op := range fuzzOps {
		op.Own = ownAnswer(op.Own)
		ops[i] = op
	}
	session, _ := json.Marshal(map[string]any{"userId": "u1", "sessionId": fuzzcheck.Token, "ttl": 1800})
	srv := fuzzcheck.NewServer(f, map[string]fuzzcheck.Answer{
		"POST /api/v2/sessions": {Status: 200, ContentType: "application/json", Body: session},
		"GET /api/v2/upgrades":  {Status: 200, ContentType: "application/json", Body: []byte(`{"version":"8.14.0","nodes":{}}`)},
	})
	f.Fuzz(fuzzcheck.FuzzFunc(srv, "Log Insight", ops))
}
