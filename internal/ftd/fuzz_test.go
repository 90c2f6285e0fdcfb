package ftd_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/fuzzcheck"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// The newest version the canned /api/versions lists: where the client logs in and calls.
const fuzzPrefix = "/api/fdm/v6"

// fuzzCanned are the answers of a unit that logs in and lists its API versions.
func fuzzCanned() map[string]fuzzcheck.Answer {
	token, _ := json.Marshal(map[string]any{"access_token": fuzzcheck.Token, "refresh_token": fuzzcheck.SharedKey, "expires_in": 1800, "refresh_expires_in": 2400})
	return map[string]fuzzcheck.Answer{
		"GET /api/versions":                 {Status: 200, ContentType: "application/json", Body: []byte(`{"supportedVersions":["v5","v6"]}`)},
		"POST " + fuzzPrefix + "/fdm/token": {Status: 200, ContentType: "application/json", Body: token},
		"GET " + fuzzPrefix + "/devices/default/operational/ha/status/default": {Status: 200, ContentType: "application/json",
			Body: []byte(`{"nodeState":"SINGLE_NODE","peerNodeState":"HA_UNKNOWN_NODE","configStatus":"UNKNOWN","haHealthStatus":"HEALTHY","type":"hastatus","id":"default"}`)},
	}
}

func fuzzClient(baseURL string) *ftd.Client {
	c, err := ftd.New(ftd.Config{BaseURL: baseURL, Username: "admin", Password: fuzzcheck.Password, Transport: transport.Config{Secrets: fuzzcheck.Secrets}})
	if err != nil {
		panic(err)
	}
	return c
}

// fuzzOps are the FDM calls whose answers the target replaces.
var fuzzOps = []fuzzcheck.Op{
	{Method: http.MethodPost, Path: fuzzPrefix + "/fdm/token", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).HAStatus(ctx)
		return err
	}, Own: func(err error) bool {
		return strings.Contains(err.Error(), "the FTD refused the username or password (400)")
	}},
	{Method: http.MethodGet, Path: "/api/versions", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).APIVersions(ctx)
		return err
	}},
	{Method: http.MethodGet, Path: fuzzPrefix + "/devices/default/operational/ha/status/default", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).HAStatus(ctx)
		return err
	}},
	{Method: http.MethodGet, Path: fuzzPrefix + "/devices/default/ha/configurations", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).HAConfiguration(ctx)
		return err
	}, Own: func(err error) bool { return err.Error() == "the FTD has no HA configuration object" }},
	{Method: http.MethodGet, Path: fuzzPrefix + "/devices/default/ha/configurations/default", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).HAConfigurationByID(ctx, "default")
		return err
	}},
	{Method: http.MethodPut, Path: fuzzPrefix + "/devices/default/ha/configurations/default", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).PutHAConfiguration(ctx, &ftd.HAConfiguration{ID: "default", Version: "v1", SharedKey: fuzzcheck.SharedKey})
		return err
	}},
	{Method: http.MethodPost, Path: fuzzPrefix + "/devices/default/action/ha/join", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).Join(ctx, "join-1")
		return err
	}},
	{Method: http.MethodGet, Path: fuzzPrefix + "/devices/default/action/ha/join/job-1", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).Job(ctx, ftd.JobJoin, "job-1")
		return err
	}},
	{Method: http.MethodGet, Path: fuzzPrefix + "/devices/default/action/ha/join", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).LatestDeployed(ctx, ftd.JobJoin)
		return err
	}},
	{Method: http.MethodGet, Path: fuzzPrefix + "/devices/default/interfaces", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).FindInterface(ctx, "GigabitEthernet0/7")
		return err
	}, Own: func(err error) bool {
		return strings.HasPrefix(err.Error(), `the FTD has no interface "GigabitEthernet0/7"`)
	}},
	{Method: http.MethodPost, Path: fuzzPrefix + "/devices/default/action/ha/failover", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).StartFailover(ctx)
		return err
	}},
	{Method: http.MethodPost, Path: fuzzPrefix + "/devices/default/action/ha/break", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).Break(ctx, ftd.DisableInterfaces)
		return err
	}},
	{Method: http.MethodGet, Path: fuzzPrefix + "/devices/default/ha/failoverconfigurations", Call: func(ctx context.Context, u string) error {
		cfg, err := fuzzClient(u).FailoverConfiguration(ctx)
		if err == nil {
			// The timers as the provider reads them back.
			for _, t := range []*ftd.Time{cfg.PeerPollTime, cfg.PeerHoldTime, cfg.InterfacePollTime, cfg.InterfaceHoldTime} {
				if t != nil {
					_, _ = t.Duration()
				}
			}
		}
		return err
	}, Own: func(err error) bool { return err.Error() == "the FTD has no HA failover configuration object" }},
	{Method: http.MethodPut, Path: fuzzPrefix + "/devices/default/ha/failoverconfigurations/fc-1", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).PutFailoverConfiguration(ctx, &ftd.FailoverConfiguration{ID: "fc-1", Version: "v1", InterfaceFailureThreshold: 1, InterfaceFailureUnit: "NUMBER"})
		return err
	}},
	{Method: http.MethodPost, Path: fuzzPrefix + "/devices/default/action/ha/suspend", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).StartHAAction(ctx, ftd.ActionSuspend)
		return err
	}},
}

// Any answer to any FDM call: no panic, an error that names the request, no secret
// shown (error wrappers, job records, HA status and configuration, paged lists, tokens,
// /api/versions).
func FuzzFDMAnswer(f *testing.F) {
	const js = "application/json"
	fuzzcheck.AddSeeds(f,
		fuzzcheck.Seed(0, 200, js, `{"access_token":"SECRET","expires_in":1800,"refresh_token":"def"}`),
		fuzzcheck.Seed(0, 400, js, `{"error":{"severity":"ERROR","key":"Invalid","messages":[{"description":"Invalid credentials for SECRET"}]}}`),
		fuzzcheck.Seed(0, 401, js, `{"status_code":401,"message":"Token expired"}`),
		fuzzcheck.Seed(1, 200, js, `{"supportedVersions":["v5","SECRET"]}`),
		fuzzcheck.Seed(1, 404, "text/html", `<html>Not Found</html>`),
		fuzzcheck.Seed(2, 200, js, `{"nodeState":"SECRET","peerNodeState":"HA_STANDBY_NODE","configStatus":"IN_SYNC","haHealthStatus":"HEALTHY","nodeRole":"HA_PRIMARY","type":"hastatus","id":"default"}`),
		fuzzcheck.Seed(2, 500, js, `{"error":{"severity":"ERROR","key":"General","messages":[{"description":"Internal error","code":"internalError","location":""}]}}`),
		fuzzcheck.Seed(2, 400, js, `{"error":{"severity":"ERROR","key":"SECRET","messages":[{"description":"refused"}]}}`),
		fuzzcheck.Seed(2, 502, "text/html", "<html><body>"+strings.Repeat("x", 285)+"SECRET</body></html>"),
		fuzzcheck.Seed(3, 200, js, `{"items":[{"id":"default","version":"v1","type":"haconfiguration","nodeRole":"HA_PRIMARY","sharedKey":"SECRET"}],"paging":{"offset":0,"limit":100,"count":1}}`),
		fuzzcheck.Seed(4, 200, js, `{"id":"default","version":"v1","type":"haconfiguration","failoverInterface":{"id":"i1","type":"physicalinterface","name":"","hardwareName":"GigabitEthernet0/7"}}`),
		fuzzcheck.Seed(5, 422, js, `{"error":{"severity":"ERROR","key":"Validation","messages":[{"description":"Shared key SECRET is invalid","code":"invalidSharedKey","location":"sharedKey"}]}}`),
		fuzzcheck.Seed(6, 200, js, `{"id":"job-1","name":"join-1","type":"joinhastatus","state":"QUEUED","queuedTime":1,"startTime":-1,"endTime":-1,"statusMessages":[]}`),
		fuzzcheck.Seed(7, 200, js, `{"id":"job-1","state":"DEPLOY_FAILED","queuedTime":1,"startTime":2,"endTime":3,"statusMessages":["failed"],"cliErrorMessage":"ERROR: failover key SECRET"}`),
		fuzzcheck.Seed(8, 200, js, `{"items":[{"id":"j2","state":"DEPLOYED","queuedTime":5,"endTime":6},{"id":"j1","state":"DEPLOYED","queuedTime":3,"endTime":4}],"paging":{"offset":0,"limit":100,"count":2}}`),
		fuzzcheck.Seed(9, 200, js, `{"items":[{"id":"i7","type":"physicalinterface","name":"","hardwareName":"GigabitEthernet0/7","version":"a"}],"paging":{"offset":0,"limit":100,"count":1}}`),
		// Found by fuzzing: a list whose pages ignore the offset was read forever.
		fuzzcheck.Seed(9, 200, js, `{"items":[{"id":"i1","hardwareName":"GigabitEthernet0/1"}],"paging":{"offset":0,"limit":100,"count":1000000000}}`),
		fuzzcheck.Seed(10, 422, js, `{"error":{"key":"Validation","messages":[{"description":"The pair is not healthy"}]}}`),
		fuzzcheck.Seed(11, 200, js, `{"id":"b1","type":"breakhastatus","state":"DEPLOYING","queuedTime":1,"endTime":-1}`),
		fuzzcheck.Seed(12, 200, js, `{"items":[{"id":"fc-1","version":"v1","type":"hafailoverconfiguration","peerPollTime":{"value":500,"timeUnit":"MILLISECONDS"},"peerHoldTime":{"value":15,"timeUnit":"SECONDS"},"interfacePollTime":{"value":5,"timeUnit":"SECONDS"},"interfaceHoldTime":{"value":25,"timeUnit":"SECONDS"},"interfaceFailureThreshold":1,"interfaceFailureUnit":"NUMBER"}],"paging":{"offset":0,"limit":100,"count":1}}`),
		fuzzcheck.Seed(13, 422, js, `{"error":{"severity":"ERROR","key":"Validation","messages":[{"description":"peerHoldTime SECRET must be at least three times peerPollTime","code":"invalidHoldTime","location":"peerHoldTime"}]}}`),
		// A refusal of the unit's state: the client reads the HA status to classify it.
		fuzzcheck.Seed(13, 422, js, `{"error":{"severity":"ERROR","key":"General","messages":[{"description":"This API call is not allowed on the standby unit SECRET","code":"notAllowedOnStandby"}]}}`),
		fuzzcheck.Seed(14, 200, js, `{"nodeState":"HA_SUSPENDED_NODE","peerNodeState":"HA_SUSPENDED_NODE","configStatus":"IN_SYNC","haHealthStatus":"HEALTHY","nodeRole":"HA_PRIMARY","type":"hastatus","id":"default"}`),
	)
	f.Fuzz(fuzzcheck.FuzzFunc(fuzzcheck.NewServer(f, fuzzCanned()), "FTD", fuzzOps))
}
