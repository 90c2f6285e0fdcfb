package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// Plan-time validation: bad provider input fails before any request.
func TestProvider_planTimeValidation(t *testing.T) {
	t.Parallel()
	f := newSBCFixture(t, sbcmock.Options{})
	good := f.provider(sbcBlock{})
	// The parallel rows run inside this group, so the check below follows them.
	t.Run("rows", func(t *testing.T) {
		for name, tc := range map[string]struct {
			config string
			want   []string
		}{
			"bad api_version": {
				config: strings.Replace(good, "  sbc {\n", "  sbc {\n    api_version = \"v2.0\"\n", 1),
				want:   []string{`Attribute sbc.api_version value must be one of`, `"v1.0"`, `"v1.2"`},
			},
			"http host": {
				config: strings.Replace(good, `host        = "`+f.a.Host()+`"`, `host        = "http://`+f.a.Host()+`"`, 1),
				want:   []string{`Invalid appliance address`, `uses plain http; the appliance APIs are https only`},
			},
			"bad peer_host": {
				config: strings.Replace(good, `peer_host   = "`+f.b.Host()+`"`, `peer_host   = "sbc-b:99999"`, 1),
				want:   []string{`Invalid appliance address`, `invalid port "99999"`},
			},
			"bad request_timeout": {
				config: strings.Replace(good, "provider \"netops\" {\n", "provider \"netops\" {\n  request_timeout = \"soon\"\n", 1),
				want:   []string{`Invalid duration`, `"soon" is not a positive duration`},
			},
			"bad ca_cert_pem": {
				config: strings.Replace(good, "ca_cert_pem = <<-EOT", "ca_cert_pem = \"not a pem\"\n    # <<-EOT", 1),
				want:   []string{`Invalid CA certificate`},
			},
			"empty expected_active": {
				config: good + `resource "netops_sbc_switchover" "test" { expected_active = "" }`,
				want:   []string{`expected_active string length must be at least 1`},
			},
		} {
			t.Run(name, func(t *testing.T) {
				if name == "bad ca_cert_pem" {
					tc.config = cutHeredoc(tc.config)
				}
				t.Parallel()
				expectPlanError(t, tc.config+"\n"+`resource "netops_sbc_switchover" "x" {}`, errorLike(tc.want...))
			})
		}
	})
	if n := f.requests(); n != 0 {
		t.Fatalf("the mock received %d requests; validation must fail before any", n)
	}
}

// cutHeredoc removes the commented-out heredoc left by the ca_cert_pem case.
func cutHeredoc(s string) string {
	start := strings.Index(s, "# <<-EOT")
	end := strings.Index(s[start:], "\nEOT")
	return s[:start] + s[start+end+len("\nEOT"):]
}

func TestProvider_missingVendorBlock(t *testing.T) {
	for _, k := range []string{"NETOPS_SBC_HOST", "NETOPS_SBC_USERNAME", "NETOPS_SBC_PASSWORD"} {
		t.Setenv(k, "")
	}
	expectApplyError(t, "provider \"netops\" {}\n"+`resource "netops_sbc_switchover" "x" {}`, errorLike(`Missing sbc provider configuration`, `provider's "sbc" block, or the environment variables NETOPS_SBC_HOST, NETOPS_SBC_USERNAME and NETOPS_SBC_PASSWORD`))
}

func TestProvider_untrustedCertificate(t *testing.T) {
	t.Parallel()
	f := newSBCFixture(t, sbcmock.Options{})
	config := cutHeredoc(strings.Replace(f.provider(sbcBlock{}), "ca_cert_pem = <<-EOT", "# <<-EOT", 1))
	expectApplyError(t, config+`data "netops_sbc_ha_status" "a" {}`,
		errorLike(`is not trusted`, `Set ca_cert_pem (or NETOPS_SBC_CA_CERT_PEM)`, `insecure = true`))
	applyAndCheck(t, strings.Replace(config, "  sbc {\n", "  sbc {\n    insecure = true\n", 1)+`data "netops_sbc_ha_status" "a" {}`,
		resource.TestCheckResourceAttr("data.netops_sbc_ha_status.a", "role", "active"))
}
