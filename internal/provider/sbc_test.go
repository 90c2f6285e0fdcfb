package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// sbcFixture is an SBC pair served by the mock, A active and B standby.
type sbcFixture struct {
	t    *testing.T
	pair *sbcmock.Pair
	a, b *mock.Server
}

func newSBCFixture(t *testing.T, opts sbcmock.Options) *sbcFixture {
	t.Helper()
	if opts.SwitchoverDelay == 0 {
		opts.SwitchoverDelay = 300 * time.Millisecond
	}
	pair := sbcmock.NewPair(opts)
	a, b, err := pair.Serve(testAuthority(t), "", "")
	if err != nil {
		t.Fatalf("starting the SBC mock: %v", err)
	}
	t.Cleanup(func() { a.Close(); b.Close() })
	return &sbcFixture{t: t, pair: pair, a: a, b: b}
}

// sbcBlock holds attributes of the provider's sbc block in a test configuration.
type sbcBlock struct {
	host, peerHost, username, password, apiVersion string
	noPeer                                         bool
}

// provider renders a provider block for the pair: host A and peer B unless overridden.
func (f *sbcFixture) provider(s sbcBlock) string { return providerWith(f.block(s)) }

// block is the provider's sbc block.
func (f *sbcFixture) block(s sbcBlock) string {
	if s.host == "" {
		s.host = f.a.Host()
	}
	if s.peerHost == "" && !s.noPeer {
		s.peerHost = f.b.Host()
	}
	if s.username == "" {
		s.username, s.password = sbcmock.AdminUser, sbcmock.AdminPassword
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  sbc {\n    host        = %q\n    username    = %q\n    password    = %q\n", s.host, s.username, s.password)
	if s.peerHost != "" {
		fmt.Fprintf(&b, "    peer_host   = %q\n", s.peerHost)
	}
	if s.apiVersion != "" {
		fmt.Fprintf(&b, "    api_version = %q\n", s.apiVersion)
	}
	fmt.Fprintf(&b, "    ca_cert_pem = %s\n  }\n", heredoc(string(testAuthority(f.t).CertPEM())))
	return b.String()
}

const (
	sbcSwitchoverPath = "/rest/v1.2/admin/switchover"
	sbcTokenPath      = "/rest/v1.2/auth/token"
)

// switchoverPosts counts the switchover requests both units received.
func (f *sbcFixture) switchoverPosts() int {
	return f.a.CountCalls(http.MethodPost, sbcSwitchoverPath) + f.b.CountCalls(http.MethodPost, sbcSwitchoverPath)
}

func (f *sbcFixture) requests() int {
	return len(f.a.Calls()) + len(f.b.Calls())
}
