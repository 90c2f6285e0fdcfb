package loginsight_test

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/loginsight"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

const timeConfigPath = "/api/v2/time/config"

// The PUT takes the settings flat; the GET answers them wrapped in ntpConfig.
func TestTimeConfig_readBack(t *testing.T) {
	f := newLICluster(t)
	c := f.masterClient(t)
	tc, err := c.TimeConfig(t.Context())
	if err != nil || tc.TimeReference != loginsight.TimeESXHost || tc.NTPServers != nil {
		t.Fatalf("before: %+v, %v", tc, err)
	}
	servers := []string{"0.pool.ntp.org", "10.20.0.5"}
	if err := c.SetTimeConfig(t.Context(), loginsight.TimeConfig{TimeReference: loginsight.TimeNTPServer, NTPServers: servers}); err != nil {
		t.Fatal(err)
	}
	for _, call := range f.master.Calls() {
		if call.Method == http.MethodPut && call.Body != `{"timeReference":"NTP_SERVER","ntpServers":["0.pool.ntp.org","10.20.0.5"]}` {
			t.Fatalf("PUT body %s", call.Body)
		}
	}
	tc, err = c.TimeConfig(t.Context())
	if err != nil || tc.TimeReference != loginsight.TimeNTPServer || !slices.Equal(tc.NTPServers, servers) {
		t.Fatalf("after: %+v, %v", tc, err)
	}

	// A flat answer holds no ntpConfig: reported, never read as empty settings.
	f.master.Inject(mock.Fault{Method: http.MethodGet, Path: timeConfigPath, Times: 1, Status: 200, ContentType: "application/json",
		Body: `{"timeReference":"NTP_SERVER","ntpServers":["10.20.0.5"]}`})
	_, err = c.TimeConfig(t.Context())
	var ue *transport.UnexpectedAnswerError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "ntpConfig.timeReference") {
		t.Fatalf("flat answer: %v", err)
	}
}

// POST /time/test names the servers it could not reach; nothing is changed.
func TestTestNTPServers(t *testing.T) {
	f := newLIClusterWith(t, loginsightmock.Options{UnreachableNTPServers: []string{"ntp.unreachable.test"}})
	c := f.masterClient(t)
	if err := c.TestNTPServers(t.Context(), []string{"10.20.0.5", "0.pool.ntp.org"}); err != nil {
		t.Fatal(err)
	}
	err := c.TestNTPServers(t.Context(), []string{"10.20.0.5", "NTP.Unreachable.test"})
	var un *loginsight.UnreachableNTPServersError
	if !errors.As(err, &un) || !slices.Equal(un.Servers, []string{"NTP.Unreachable.test"}) || !strings.Contains(err.Error(), "could not reach the NTP server(s) NTP.Unreachable.test") {
		t.Fatalf("err = %v", err)
	}
	if f.cluster.TimeConfigs() != 0 || f.cluster.TimeTests() != 2 {
		t.Fatalf("%d time configurations, %d tests", f.cluster.TimeConfigs(), f.cluster.TimeTests())
	}
	for _, call := range f.master.Calls() {
		if call.Path == "/api/v2/time/test" && !strings.HasPrefix(call.Body, `{"ntpServers":["10.20.0.5",`) {
			t.Fatalf("test body %s", call.Body)
		}
	}

	// An answer that leaves a server out, or reports another state, is unexpected.
	for _, body := range []string{
		`{"testedNTPServers":[{"server":"10.20.0.5","state":"pass"}]}`,
		`{"testedNTPServers":[{"server":"10.20.0.5","state":"pass"},{"server":"10.20.0.6","state":"unknown"}]}`,
		`{}`,
	} {
		f.master.Inject(mock.Fault{Method: http.MethodPost, Path: "/api/v2/time/test", Times: 1, Status: 200, ContentType: "application/json", Body: body})
		var ue *transport.UnexpectedAnswerError
		if err := c.TestNTPServers(t.Context(), []string{"10.20.0.5", "10.20.0.6"}); !errors.As(err, &ue) || !strings.Contains(err.Error(), "10.20.0.6") {
			t.Errorf("%s: %v", body, err)
		}
	}
}
