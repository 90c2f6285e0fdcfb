package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// probe checks that every listener answers over TLS with the authority's
// certificate, using a control endpoint that is not logged.
func probe(ctx context.Context, ca *mock.Authority, servers []*mock.Server) error {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca.CertPEM())
	transport := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: 5 * time.Second}
	for _, s := range servers {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL()+"/_mock/calls", nil)
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err != nil {
			return fmt.Errorf("%s does not answer: %w", s.Name(), err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("%s answered the probe with %s", s.Name(), resp.Status)
		}
	}
	return nil
}
