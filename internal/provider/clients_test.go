package provider

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

// One provider instance holds one FDM token, shared by every caller, and revokes it at shutdown.
func TestFTDTokenSharedAndRevokedAtShutdown(t *testing.T) {
	pair := ftdmock.NewPair(ftdmock.Options{})
	p, s, err := pair.Serve(testAuthority(t), "", "")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	defer s.Close()
	drain, stop := context.WithTimeout(context.Background(), 100*time.Millisecond)
	_ = Shutdown(drain) // forget the clients of earlier tests, whose mocks are gone
	stop()

	var diags diag.Diagnostics
	clients := newClients(context.Background(), "t", providerModel{}, fakeEnv(map[string]string{
		"NETOPS_FTD_HOST": p.Host(), "NETOPS_FTD_USERNAME": ftdmock.Username, "NETOPS_FTD_PASSWORD": ftdmock.Password,
		"NETOPS_FTD_CA_CERT_PEM": string(testAuthority(t).CertPEM()),
	}), &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			client, d := clients.ftdClient()
			if d.HasError() {
				t.Error(d)
				return
			}
			if _, err := client.HAStatus(context.Background()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if tok := pair.Tokens(ftdmock.Primary); tok.PasswordGrants != 1 || tok.Live != 1 {
		t.Fatalf("after 20 concurrent calls: %+v, want 1 password grant and 1 live token", tok)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if tok := pair.Tokens(ftdmock.Primary); tok.Live != 0 || tok.LiveRefresh != 0 || tok.Revocations != 2 {
		t.Fatalf("after shutdown: %+v, want the access and refresh tokens revoked", tok)
	}
	if err := Shutdown(ctx); err != nil {
		t.Fatalf("a second shutdown: %v", err)
	}
}
