package fuzzcheck

import (
	"testing"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// TransportMask is the masking of a transport client that knows every secret.
func TransportMask(tb testing.TB) Masker {
	tb.Helper()
	c, err := transport.New(transport.Config{Vendor: "fuzz", BaseURL: "https://127.0.0.1:1", Secrets: Secrets})
	if err != nil {
		tb.Fatal(err)
	}
	return c.Mask
}
