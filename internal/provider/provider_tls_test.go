package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// insecure = true beside ca_cert_pem fails at plan time, before any request.
func TestProvider_insecureWithCACertPEM(t *testing.T) {
	f := newSBCFixture(t, sbcmock.Options{})
	config := strings.Replace(f.provider(sbcBlock{}), "  sbc {\n", "  sbc {\n    insecure = true\n", 1)
	if !strings.Contains(config, "ca_cert_pem") {
		t.Fatal("the fixture's provider block has no ca_cert_pem: the test would prove nothing")
	}
	t.Parallel()
	expectPlanError(t, config+`resource "netops_sbc_switchover" "x" {}`, errorLike(`Conflicting TLS settings`, `ca_cert_pem`))
	if n := f.requests(); n != 0 {
		t.Fatalf("the mock received %d requests; the conflict must fail before any", n)
	}
}

// The same conflict when either value comes from the environment fails at Configure.
func TestClients_insecureWithCACertPEMFromEnvironment(t *testing.T) {
	pemText := string(testAuthority(t).CertPEM())
	base := map[string]string{"NETOPS_FTD_HOST": "ftd.example.net", "NETOPS_FTD_USERNAME": "admin", "NETOPS_FTD_PASSWORD": "pw"}
	for name, tc := range map[string]struct {
		cfg   providerModel
		extra map[string]string
	}{
		"both from env":               {extra: map[string]string{"NETOPS_FTD_INSECURE": "true", "NETOPS_FTD_CA_CERT_PEM": pemText}},
		"insecure configured, CA env": {cfg: ftdInsecure(types.BoolValue(true), types.StringNull()), extra: map[string]string{"NETOPS_FTD_CA_CERT_PEM": pemText}},
		"CA configured, insecure env": {cfg: ftdInsecure(types.BoolNull(), types.StringValue(pemText)), extra: map[string]string{"NETOPS_FTD_INSECURE": "true"}},
	} {
		t.Run(name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range base {
				env[k] = v
			}
			for k, v := range tc.extra {
				env[k] = v
			}
			var diags diag.Diagnostics
			newClients(context.Background(), "test", tc.cfg, fakeEnv(env), &diags)
			if !hasDiag(diags, diag.SeverityError, "Conflicting TLS settings", "NETOPS_FTD_INSECURE") {
				t.Errorf("diagnostics %v, want an error naming the conflict and NETOPS_FTD_INSECURE", diags)
			}
		})
	}
}

func ftdInsecure(insecure types.Bool, ca types.String) providerModel {
	return providerModel{FTD: &ftdModel{endpointModel: endpointModel{
		Host: types.StringNull(), Username: types.StringNull(), Password: types.StringNull(), Insecure: insecure, CACertPEM: ca,
	}, APIVersion: types.StringNull()}}
}

// insecure = true alone is accepted with a warning diagnostic, not only a log line.
func TestClients_insecureWarns(t *testing.T) {
	var diags diag.Diagnostics
	c := newClients(context.Background(), "test", providerModel{}, fakeEnv(map[string]string{
		"NETOPS_SBC_HOST": "sbc.example.net", "NETOPS_SBC_USERNAME": "admin", "NETOPS_SBC_PASSWORD": "pw", "NETOPS_SBC_INSECURE": "true",
	}), &diags)
	if diags.HasError() {
		t.Fatalf("diagnostics: %v", diags)
	}
	if !hasDiag(diags, diag.SeverityWarning, "TLS certificate verification is off for SBC", "ca_cert_pem") {
		t.Errorf("diagnostics %v, want a warning that verification is off", diags)
	}
	if ep := c.sbc; ep == nil || !ep.insecure {
		t.Errorf("sbc endpoint %+v, want insecure", ep)
	}

	diags = nil
	newClients(context.Background(), "test", providerModel{}, fakeEnv(map[string]string{
		"NETOPS_SBC_HOST": "sbc.example.net", "NETOPS_SBC_USERNAME": "admin", "NETOPS_SBC_PASSWORD": "pw",
	}), &diags)
	if len(diags) != 0 {
		t.Errorf("verification on: diagnostics %v, want none", diags)
	}
}

// hasDiag reports a diagnostic of severity whose summary holds summary and whose
// summary or detail holds every one of detail.
func hasDiag(diags diag.Diagnostics, severity diag.Severity, summary string, detail ...string) bool {
	for _, d := range diags {
		if d.Severity() != severity || !strings.Contains(d.Summary(), summary) {
			continue
		}
		all := true
		for _, w := range detail {
			all = all && strings.Contains(d.Summary()+" "+d.Detail(), w)
		}
		if all {
			return true
		}
	}
	return false
}
