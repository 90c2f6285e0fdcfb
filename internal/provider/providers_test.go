package provider

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// testPolling makes the providers' waits check long operations every few tens of
// milliseconds: the mocks finish them in well under a second, so a real second per
// check would only slow the tests down.
var testPolling = transport.Polling{Min: 20 * time.Millisecond, Max: 200 * time.Millisecond}

// testProvider is the provider every test runs, with fast polling.
func testProvider() func() provider.Provider { return New("test", WithPolling(testPolling)) }

// testProviderServer serves one provider instance, as protocol factories want it.
func testProviderServer() (tfprotov6.ProviderServer, error) {
	return providerserver.NewProtocol6WithError(testProvider()())()
}

// protoV6ProviderFactories runs the provider in-process for the acceptance tests.
var protoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"netops": testProviderServer,
}

var (
	authorityOnce sync.Once
	authority     *mock.Authority
	authorityErr  error
)

// testAuthority is the CA of every mock listener in this package's tests.
func testAuthority(t *testing.T) *mock.Authority { return testAuthorityB(t) }

func testAuthorityB(t testing.TB) *mock.Authority {
	t.Helper()
	authorityOnce.Do(func() { authority, authorityErr = mock.NewAuthority() })
	if authorityErr != nil {
		t.Fatalf("mock authority: %v", authorityErr)
	}
	return authority
}

// testAccPreCheck fails clearly when the acceptance tests cannot run.
func testAccPreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC_TERRAFORM_PATH") != "" {
		return
	}
	if _, err := exec.LookPath("terraform"); err != nil {
		t.Fatal("terraform is not on PATH: install it or set TF_ACC_TERRAFORM_PATH (the acceptance tests run it against the in-process mocks)")
	}
}

// errorLike matches a diagnostic containing the parts in order, whatever the line wrapping.
func errorLike(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}

// providerWith renders the provider block holding the given vendor blocks, with fast retries.
func providerWith(blocks ...string) string {
	return "provider \"netops\" {\n  retry {\n    min_backoff = \"50ms\"\n    max_backoff = \"200ms\"\n  }\n" + strings.Join(blocks, "") + "}\n"
}

// heredoc quotes s as an HCL heredoc.
func heredoc(s string) string {
	return fmt.Sprintf("<<-EOT\n%s\nEOT", strings.TrimSpace(s))
}
