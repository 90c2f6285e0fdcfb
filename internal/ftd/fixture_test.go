package ftd_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// unitPair is an FTD pair mock on two loopback TLS listeners, on real time with
// short phases.
type unitPair struct {
	pair *ftdmock.Pair
	srv  [2]*mock.Server
	ca   *mock.Authority
}

// newUnitPair serves a pair made with opts; zero timings become 50 ms phases.
func newUnitPair(t *testing.T, opts ftdmock.Options) *unitPair {
	t.Helper()
	if opts.Timings == (ftdmock.Timings{}) {
		opts.Timings = ftdmock.QuickTimings(50 * time.Millisecond)
	}
	ca, err := mock.NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	pair := ftdmock.NewPair(opts)
	a, b, err := pair.Serve(ca, "", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close(); b.Close() })
	return &unitPair{pair: pair, srv: [2]*mock.Server{a, b}, ca: ca}
}

// client builds a client of unit u with fast retries and polling.
func (f *unitPair) client(t *testing.T, u ftdmock.Unit) *ftd.Client {
	t.Helper()
	return f.clientPolling(t, u, transport.Polling{Min: 10 * time.Millisecond, Max: 50 * time.Millisecond})
}

// clientPolling builds a client of unit u with fast retries that waits under p.
func (f *unitPair) clientPolling(t *testing.T, u ftdmock.Unit, p transport.Polling) *ftd.Client {
	t.Helper()
	c, err := ftd.New(ftd.Config{
		BaseURL: f.srv[u].URL(), Username: ftdmock.Username, Password: ftdmock.Password,
		CACertPEM: string(f.ca.CertPEM()),
		Transport: transport.Config{Retry: transport.Retry{Attempts: 2, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}},
		Polling:   p,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// apiPath is a path under the API root the client speaks by default: the newest
// version the default release offers.
func apiPath(p string) string { return "/api/fdm/v6" + p }

const (
	tokenPath  = "/fdm/token"
	statusPath = "/devices/default/operational/ha/status/default"
	joinPath   = "/devices/default/action/ha/join"
)

// haConfig fills cfg as the HA configuration of role, failover and stateful link
// on GigabitEthernet0/7 of the client's unit, matching on both units.
func haConfig(t *testing.T, c *ftd.Client, cfg *ftd.HAConfiguration, role string) {
	t.Helper()
	link, err := c.FindInterface(t.Context(), "GigabitEthernet0/7")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Name, cfg.NodeRole = "HA", role
	cfg.FailoverInterface, cfg.FailoverName = link.Reference(), "fover"
	cfg.StatefulFailoverInterface, cfg.StatefulFailoverName = link.Reference(), "fover"
	cfg.PrimaryFailoverIPv4 = ftd.NewIPv4("192.168.77.1", "24")
	cfg.SecondaryFailoverIPv4 = ftd.NewIPv4("192.168.77.2", "24")
	cfg.SharedKey = "s3cret-key"
}

// configure puts a valid HA configuration for role on the client's unit.
func configure(t *testing.T, c *ftd.Client, role string) *ftd.HAConfiguration {
	t.Helper()
	cfg, err := c.HAConfiguration(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	haConfig(t, c, cfg, role)
	out, err := c.PutHAConfiguration(t.Context(), cfg)
	if err != nil {
		t.Fatalf("configure as %s: %v", role, err)
	}
	return out
}

// grantTypes lists the grant_type of every token call a unit received, in order.
func grantTypes(t *testing.T, s *mock.Server) []string {
	t.Helper()
	var out []string
	for _, c := range s.Calls() {
		if c.Method != http.MethodPost || c.Path != apiPath(tokenPath) {
			continue
		}
		var body map[string]any
		if err := json.Unmarshal([]byte(c.Body), &body); err != nil {
			t.Fatalf("token call body %q: %v", c.Body, err)
		}
		gt, _ := body["grant_type"].(string)
		out = append(out, gt)
	}
	return out
}

// vendorError requires err to carry an FDM error answer of status whose
// messages mention text.
func vendorError(t *testing.T, err error, status int, key, text string) *transport.Error {
	t.Helper()
	var te *transport.Error
	if !transport.As(err, &te) {
		t.Fatalf("err = %v, want a *transport.Error", err)
	}
	if te.Status != status || te.Code != key {
		t.Fatalf("status %d key %q, want %d %q (%v)", te.Status, te.Code, status, key, err)
	}
	for _, m := range te.Messages {
		if strings.Contains(m, text) {
			return te
		}
	}
	t.Fatalf("no message of %q contains %q", te.Messages, text)
	return nil
}
