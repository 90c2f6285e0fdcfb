package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// cutHeredoc removes a heredoc a test commented out ("# <<-EOT" to "EOT").
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
