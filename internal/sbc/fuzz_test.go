package sbc_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/fuzzcheck"
	"github.com/netops/terraform-provider-netops/internal/sbc"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

func fuzzClient(baseURL string) *sbc.Client {
	c, err := sbc.New(sbc.Config{BaseURL: baseURL, Username: "admin", Password: fuzzcheck.Password, APIVersion: sbc.AutoVersion,
		Transport: transport.Config{Secrets: fuzzcheck.Secrets}})
	if err != nil {
		panic(err)
	}
	return c
}

var fuzzOps = []fuzzcheck.Op{
	{Method: http.MethodGet, Path: "/rest/api/supportedversions", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).Version(ctx)
		return err
	}, Own: func(err error) bool {
		var ve *sbc.VersionError
		return errors.As(err, &ve) && ve.Err == nil // versions listed, none known
	}},
	{Method: http.MethodPost, Path: "/rest/v1.2/auth/token", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).Status(ctx)
		return err
	}, Own: func(err error) bool {
		return strings.Contains(err.Error(), "the SBC refused the username or password (401)")
	}},
	{Method: http.MethodGet, Path: "/rest/v1.2/system/status", Call: func(ctx context.Context, u string) error {
		_, err := fuzzClient(u).Status(ctx)
		return err
	}},
	{Method: http.MethodPost, Path: "/rest/v1.2/admin/switchover", Call: func(ctx context.Context, u string) error {
		return fuzzClient(u).Switchover(ctx)
	}},
}

// Any answer to any SBC call: no panic, an error that names the request, no secret
// shown (the XML envelope, its messages, supported versions, tokens, system status).
func FuzzSBCAnswer(f *testing.F) {
	const x = "application/xml"
	fuzzcheck.AddSeeds(f,
		fuzzcheck.Seed(0, 200, x, `<response><data><supportedVersions><latestVersion>v1.2</latestVersion><otherVersions><version>v1.1</version><version>v1.0</version></otherVersions></supportedVersions></data><messages/><links/></response>`),
		fuzzcheck.Seed(0, 200, x, `<response><data><supportedVersions><latestVersion>SECRET</latestVersion></supportedVersions></data></response>`),
		// A unit that wants a token on the version list: the client logs in (v1.1) and asks again.
		fuzzcheck.Seed(0, 401, x, `<response><data/><messages><message><errorMessage>Unauthorized SECRET</errorMessage></message></messages><links/></response>`),
		fuzzcheck.Seed(1, 200, x, `<?xml version="1.0" encoding="UTF-8"?><response><data><accessToken>SECRET</accessToken></data><messages></messages><links></links></response>`),
		fuzzcheck.Seed(1, 401, x, `<response><data/><messages><error><reason>Unauthorized SECRET</reason></error></messages></response>`),
		fuzzcheck.Seed(2, 200, x, `<response><data><hostName>sbc-a</hostName><upTime>12345</upTime><systemState>online</systemState><role>active</role><haPeerName>sbc-b</haPeerName><haPeerRole>standby</haPeerRole><haSwitchOvers>3</haSwitchOvers><haSyncState><component><name>config</name><state>SECRET</state></component></haSyncState><switchOverLogs><switchOver><time>2026-01-01 10:00:00</time><oldState>standby</oldState><newState>active</newState><info>x</info></switchOver></switchOverLogs></data></response>`),
		fuzzcheck.Seed(2, 404, "text/html", `<html><body>Not Found SECRET</body></html>`),
		fuzzcheck.Seed(3, 204, "", ``),
		fuzzcheck.Seed(3, 403, x, `<response><messages><message><code>403</code><text>Forbidden for SECRET</text><link>https://docs.example.net/x</link></message></messages></response>`),
		fuzzcheck.Seed(3, 502, "text/html", "<html><body>"+strings.Repeat("q", 285)+"SECRET</body></html>"),
		fuzzcheck.Seed(3, 409, x, `<response><messages><error>Standby is not ready</error></messages></response>`),
	)
	srv := fuzzcheck.NewServer(f, map[string]fuzzcheck.Answer{
		"GET /rest/api/supportedversions": {Status: 200, ContentType: "application/xml",
			Body: []byte(`<response><data><supportedVersions><latestVersion>v1.2</latestVersion></supportedVersions></data></response>`)},
		"POST /rest/v1.2/auth/token": {Status: 200, ContentType: "application/xml",
			Body: []byte(`<response><data><accessToken>` + fuzzcheck.Token + `</accessToken></data></response>`)},
		"POST /rest/v1.1/auth/token": {Status: 200, ContentType: "application/xml",
			Body: []byte(`<response><data><accessToken>` + fuzzcheck.Token + `</accessToken></data></response>`)},
		"GET /rest/v1.2/system/status": {Status: 200, ContentType: "application/xml",
			Body: []byte(`<response><data><hostName>sbc-a</hostName><role>active</role></data></response>`)},
	})
	f.Fuzz(fuzzcheck.FuzzFunc(srv, "SBC", fuzzOps))
}
