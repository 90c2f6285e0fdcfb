package loginsight_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/loginsight"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// Answers of another shape are reported in Log Insight's words: vendor, method, path,
// status and the answer quoted, secrets masked.
func TestUnexpectedAnswers(t *testing.T) {
	ok := func(method, path, body, contentType string) mock.Fault {
		return mock.Fault{Method: method, Path: path, Times: 1, Status: http.StatusOK, Body: body, ContentType: contentType}
	}
	const post, get = http.MethodPost, http.MethodGet
	cases := []struct {
		name  string
		on    func(f *liCluster) *mock.Server
		fault mock.Fault
		call  func(t *testing.T, f *liCluster) error
		want  []string
	}{
		{
			name:  "session without sessionId",
			on:    func(f *liCluster) *mock.Server { return f.master },
			fault: ok(post, sessionsPath, `{"userId":"u-1","ttl":1800,"note":"`+loginsightmock.AdminPassword+`"}`, "application/json"),
			call: func(t *testing.T, f *liCluster) error {
				_, err := f.masterClient(t).Upgrades(t.Context())
				return err
			},
			want: []string{"POST /api/v2/sessions", `it holds no "sessionId"`, "200 OK", `"userId":"u-1"`},
		},
		{
			name:  "session answered by a login page",
			on:    func(f *liCluster) *mock.Server { return f.master },
			fault: ok(post, sessionsPath, `<html><title>Sign in</title></html>`, "text/html"),
			call: func(t *testing.T, f *liCluster) error {
				_, err := f.masterClient(t).Upgrades(t.Context())
				return err
			},
			want: []string{"POST /api/v2/sessions", "it is text/html, not JSON", "<html><title>Sign in"},
		},
		{
			name:  "join ticket without workerToken",
			on:    func(f *liCluster) *mock.Server { return f.nodes[0] },
			fault: ok(post, joinPath, `{"masterAddress":"10.0.0.123","masterUiPort":80,"workerAddress":"10.0.0.124","workerPort":16520}`, "application/json"),
			call: func(t *testing.T, f *liCluster) error {
				_, err := f.nodeClient(t, f.nodes[0]).Join(t.Context(), f.joinMaster(t))
				return err
			},
			want: []string{"POST /api/v2/deployment/join", `it holds no "workerToken"`, "10.0.0.124"},
		},
		{
			name:  "upgrades without nodes",
			on:    func(f *liCluster) *mock.Server { return f.master },
			fault: ok(get, upgradesPath, `{"version":"8.18.0","fullVersion":"8.18.0-1","stable":true}`, "application/json"),
			call: func(t *testing.T, f *liCluster) error {
				_, err := f.masterClient(t).Upgrades(t.Context())
				return err
			},
			want: []string{"GET /api/v2/upgrades", `it holds no "nodes"`},
		},
		{
			name:  "upgrades that do not decode",
			on:    func(f *liCluster) *mock.Server { return f.master },
			fault: ok(get, upgradesPath, `{"version":"8.18.0","nodes":["a","b"]}`, "application/json"),
			call: func(t *testing.T, f *liCluster) error {
				_, err := f.masterClient(t).Upgrades(t.Context())
				return err
			},
			want: []string{"GET /api/v2/upgrades", "does not decode", `["a","b"]`},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newLICluster(t)
			tc.on(f).Inject(tc.fault)
			err := tc.call(t, f)
			var ue *transport.UnexpectedAnswerError
			if !errors.As(err, &ue) || ue.Vendor != "Log Insight" || ue.Status != http.StatusOK {
				t.Fatalf("err = %v, want an UnexpectedAnswerError from Log Insight", err)
			}
			msg := err.Error()
			for _, w := range append(tc.want, "Log Insight gave an answer the provider does not understand") {
				if !strings.Contains(msg, w) {
					t.Errorf("%q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, loginsightmock.AdminPassword) {
				t.Errorf("the password shows: %s", msg)
			}
			var le *loginsight.Error
			if errors.As(err, &le) {
				t.Errorf("an unexpected answer is not a refusal: %v", le)
			}
		})
	}
}
