package loginsight

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// Time references of TimeConfig.
const (
	TimeNTPServer = "NTP_SERVER"
	TimeESXHost   = "ESX_HOST"
)

// TimeConfig is the cluster's time source.
type TimeConfig struct {
	TimeReference string   `json:"timeReference"`
	NTPServers    []string `json:"ntpServers,omitempty"`
}

// SetTimeConfig sets the cluster's time source with PUT /time/config (Bearer), which
// takes the settings flat.
func (c *Client) SetTimeConfig(ctx context.Context, tc TimeConfig) error {
	return c.call(ctx, transport.Call{Method: http.MethodPut, Path: "/time/config", Body: tc})
}

// TimeConfig reads the cluster's time source with GET /time/config (Bearer), which
// answers it wrapped, {"ntpConfig": {...}} (loginsight.md section 3): an answer without
// ntpConfig.timeReference is reported, never read as "no settings".
func (c *Client) TimeConfig(ctx context.Context) (*TimeConfig, error) {
	var out struct {
		NTPConfig TimeConfig `json:"ntpConfig"`
	}
	if err := c.call(ctx, transport.Call{Method: http.MethodGet, Path: "/time/config", Out: &out}, "ntpConfig.timeReference"); err != nil {
		return nil, err
	}
	return &out.NTPConfig, nil
}

// NTPServerTest is one server of a POST /time/test answer.
type NTPServerTest struct {
	Server string `json:"server"`
	State  string `json:"state"` // pass or fail
}

// timeTestPerServer is how long the appliance may take to check one server ("up to 20
// seconds per server", loginsight.md section 3).
const timeTestPerServer = 20 * time.Second

// UnreachableNTPServersError lists the servers POST /time/test reported failing.
type UnreachableNTPServersError struct {
	Servers []string
}

func (e *UnreachableNTPServersError) Error() string {
	return fmt.Sprintf("Log Insight could not reach the NTP server(s) %s (POST /api/v2/time/test reported them failing)", strings.Join(e.Servers, ", "))
}

// TestNTPServers checks servers with POST /time/test (Bearer) before they are applied; it
// changes nothing. A server reported failing is an *UnreachableNTPServersError; an
// answer that does not report every server (compared without regard to case) is an
// unexpected answer, as is a state other than pass or fail.
func (c *Client) TestNTPServers(ctx context.Context, servers []string) error {
	var out struct {
		Tested []NTPServerTest `json:"testedNTPServers"`
	}
	timeout := time.Duration(len(servers))*timeTestPerServer + 30*time.Second
	k := transport.Call{Method: http.MethodPost, Path: "/time/test", Body: map[string][]string{"ntpServers": servers}, Out: &out, Timeout: timeout}
	resp, err := c.send(ctx, k, true)
	if err != nil {
		return err
	}
	states := map[string]string{}
	for _, t := range out.Tested {
		states[strings.ToLower(t.Server)] = t.State
	}
	var failed, unreported []string
	for _, s := range servers {
		switch state, ok := states[strings.ToLower(s)]; {
		case !ok:
			unreported = append(unreported, s)
		case state == "fail":
			failed = append(failed, s)
		case state != "pass":
			return c.t.Unexpected(http.MethodPost, apiPath+"/time/test", resp, fmt.Sprintf("it reports %s as %q, neither pass nor fail", s, state))
		}
	}
	if len(failed) > 0 {
		return &UnreachableNTPServersError{Servers: failed}
	}
	if len(unreported) > 0 {
		return c.t.Unexpected(http.MethodPost, apiPath+"/time/test", resp, "it does not report "+strings.Join(unreported, ", "))
	}
	return nil
}
