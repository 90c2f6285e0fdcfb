package sbc_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
	"github.com/netops/terraform-provider-netops/internal/sbc"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

func newVersionsFixture(t *testing.T, opts sbcmock.Options) *fixture {
	t.Helper()
	ca, err := mock.NewAuthority()
	if err != nil {
		t.Fatal(err)
	}
	pair := sbcmock.NewPair(opts)
	a, b, err := pair.Serve(ca, "", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close(); b.Close() })
	return &fixture{pair: pair, a: a, b: b, ca: ca}
}

// callLine is "METHOD path auth|- status" for each call.
func callLine(calls []mock.Call) string {
	parts := make([]string, len(calls))
	for i, c := range calls {
		auth := "-" // the call log masks the Authorization value: only its presence shows
		if c.Header.Get("Authorization") != "" {
			auth = "auth"
		}
		parts[i] = fmt.Sprintf("%s %s %s %d", c.Method, c.Path, auth, c.Status)
	}
	return strings.Join(parts, ", ")
}

// /rest/api/supportedversions is asked without a token; a unit that answers 401 is asked
// again with one, the token requested in v1.1 (served from S-Cz8.3 on) before anything is
// negotiated. Either way the negotiation happens once and the unit is then spoken to in
// the newest version both know.
func TestVersion_supportedVersionsWithOrWithoutToken(t *testing.T) {
	for _, tc := range []struct {
		name      string
		release   string
		wantToken bool
		version   string
		calls     string
	}{
		{"no token wanted, 10.0", sbcmock.Release100, false, "v1.2",
			"GET /rest/api/supportedversions - 200, POST /rest/v1.2/auth/token auth 200, GET /rest/v1.2/system/status auth 200, GET /rest/v1.2/system/status auth 200"},
		{"token wanted, 10.0", sbcmock.Release100, true, "v1.2",
			"GET /rest/api/supportedversions - 401, POST /rest/v1.1/auth/token auth 200, GET /rest/api/supportedversions auth 200, GET /rest/v1.2/system/status auth 200, GET /rest/v1.2/system/status auth 200"},
		{"token wanted, 8.3", sbcmock.Release83, true, "v1.1",
			"GET /rest/api/supportedversions - 401, POST /rest/v1.1/auth/token auth 200, GET /rest/api/supportedversions auth 200, GET /rest/v1.1/system/status auth 200, GET /rest/v1.1/system/status auth 200"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newVersionsFixture(t, sbcmock.Options{Releases: [2]string{tc.release, tc.release}, VersionsNeedToken: tc.wantToken})
			c := f.client(t, f.a, sbcmock.ReadOnlyUser, sbcmock.ReadOnlyPassword)
			for range 2 {
				if _, err := c.Status(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			if v, _ := c.Version(context.Background()); v != tc.version {
				t.Errorf("version %s, want %s", v, tc.version)
			}
			if got := callLine(f.a.Calls()); got != tc.calls {
				t.Errorf("calls:\n got %s\nwant %s", got, tc.calls)
			}
			if c.Logins() != 1 {
				t.Errorf("%d logins, want 1", c.Logins())
			}
		})
	}
}

// A unit that wants the token: an explicit version's 404 still lists the versions the unit
// serves (asked with the session the client holds), and a login's 404 is explained without
// logging in again.
func TestVersion_tokenWantedExplicitVersion(t *testing.T) {
	f := newVersionsFixture(t, sbcmock.Options{Releases: [2]string{sbcmock.Release83, sbcmock.Release83}, VersionsNeedToken: true})
	c, err := sbc.New(sbc.Config{BaseURL: f.a.URL(), Username: sbcmock.AdminUser, Password: sbcmock.AdminPassword, CACertPEM: string(f.ca.CertPEM()), APIVersion: "v1.2"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err = c.Status(ctx)
	if err == nil || ctx.Err() != nil || transport.IsNotFound(err) || !strings.Contains(err.Error(), "SBC login failed") ||
		!strings.Contains(err.Error(), "does not serve REST API version v1.2; set sbc.api_version (NETOPS_SBC_API_VERSION) to auto, or to v1.1 on SBC 8.3") {
		t.Fatalf("err = %v (context %v)", err, ctx.Err())
	}
	if got, want := callLine(f.a.Calls()), "POST /rest/v1.2/auth/token auth 404, GET /rest/api/supportedversions - 401"; got != want {
		t.Errorf("calls:\n got %s\nwant %s", got, want)
	}

	// A session held: a 404 on a call is explained with the list, asked with the token.
	if err := f.pair.SetRelease(sbcmock.UnitB, sbcmock.Release100); err != nil {
		t.Fatal(err)
	}
	c, err = sbc.New(sbc.Config{BaseURL: f.b.URL(), Username: sbcmock.AdminUser, Password: sbcmock.AdminPassword, CACertPEM: string(f.ca.CertPEM()), APIVersion: "v1.2"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Status(ctx); err != nil {
		t.Fatal(err)
	}
	if err := f.pair.SetRelease(sbcmock.UnitB, sbcmock.Release83); err != nil {
		t.Fatal(err)
	}
	_, err = c.Status(ctx)
	if err == nil || !strings.Contains(err.Error(), "it supports [v1.1 v1.0]") {
		t.Fatalf("err = %v", err)
	}
	if n := f.b.CountCalls(http.MethodGet, "/rest/api/supportedversions"); n != 2 {
		t.Errorf("supportedversions asked %d times, want 2 (without, then with the token)", n)
	}
}

// A failed step on the way to the version list is an error naming it, never a not-found.
func TestVersion_tokenWantedFailures(t *testing.T) {
	for _, tc := range []struct {
		name     string
		password string
		fault    *mock.Fault
		want     []string
	}{
		{"wrong password", "nope", nil, []string{"could not learn the REST API versions", "refused the username or password"}},
		{"bootstrap login answered 404", sbcmock.ReadOnlyPassword,
			&mock.Fault{Method: http.MethodPost, Path: "/rest/v1.1/auth/token", Times: 1, Status: http.StatusNotFound, ContentType: "application/xml",
				Body: `<response><data/><messages><message><errorMessage>Unsupported versionId in URI</errorMessage></message></messages><links/></response>`},
			[]string{"could not learn the REST API versions", "SBC login failed", "does not serve REST API version v1.1", "the unit wants a token on /rest/api/supportedversions", "sbc.api_version"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newVersionsFixture(t, sbcmock.Options{VersionsNeedToken: true})
			if tc.fault != nil {
				f.a.Inject(*tc.fault)
			}
			_, err := f.client(t, f.a, sbcmock.ReadOnlyUser, tc.password).Status(context.Background())
			var ve *sbc.VersionError
			if err == nil || transport.IsNotFound(err) || !errors.As(err, &ve) {
				t.Fatalf("err = %v, want a VersionError that is not a not-found", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err = %v\nwant it to contain %q", err, w)
				}
			}
			if n := f.a.CountCalls(http.MethodGet, "/rest/v1.2/system/status"); n != 0 {
				t.Errorf("%d status reads sent after a failed negotiation", n)
			}
		})
	}
}
