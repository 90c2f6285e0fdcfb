package sbc_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// A 404 from the token call or from supportedversions is not the status call's own
// answer: it must not pass for a missing object, and the error names the step.
func TestStatus_setupNotFoundIsNotObjectNotFound(t *testing.T) {
	for _, tc := range []struct {
		path, want string
	}{
		{"/rest/v1.2/auth/token", "SBC login failed"},
		{"/rest/api/supportedversions", "could not learn the REST API versions"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			f := newFixture(t)
			f.a.Inject(mock.Fault{Method: "", Path: tc.path, Times: 1, Status: http.StatusNotFound, ContentType: "application/xml",
				Body: `<response><data/><messages><message><code>404</code><text>not found</text></message></messages><links/></response>`})
			_, err := f.client(t, f.a, sbcmock.AdminUser, sbcmock.AdminPassword).Status(context.Background())
			if err == nil || transport.IsNotFound(err) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v (IsNotFound %v), want an error naming %q that is not a not-found", err, transport.IsNotFound(err), tc.want)
			}
		})
	}
}
