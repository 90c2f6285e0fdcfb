package sbc

import (
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/fuzzcheck"
)

// SBC XML: error answers (every text under response/messages) give no secret once
// masked; response/data decodes into the status or fails, without a panic.
func FuzzSBCXML(f *testing.F) {
	for _, s := range []string{
		`<response><data/><messages><error><reason>Unauthorized SECRET</reason></error></messages><links/></response>`,
		`<response><messages><message><code>403</code><text>SECRET</text><link>https://docs/x</link></message></messages></response>`,
		`<response><data><hostName>sbc-a</hostName><role>active</role><haSwitchOvers>3</haSwitchOvers><haSyncState><component><name>config</name><state>SECRET</state></component></haSyncState></data></response>`,
		`<html><body>` + strings.Repeat("q", 280) + `SECRET</body></html>`,
		`<?xml version="1.0"?><response><data><supportedVersions><latestVersion>v1.2</latestVersion></supportedVersions></data></response>`,
		`<response><messages><![CDATA[SECRET]]></messages></response>`,
	} {
		f.Add(uint16(400), []byte(s), uint8(0), uint8(0), uint8(0), uint16(0))
	}
	mask := fuzzcheck.TransportMask(f)
	f.Fuzz(func(t *testing.T, status uint16, body []byte, which, form, split uint8, at uint16) {
		p := fuzzcheck.Placement{Which: which, Form: form, Split: split, At: at}
		fuzzcheck.CheckDecoder(t, decodeError, mask, status, body, p)
		body, _ = fuzzcheck.Inject(body, p)
		var s SystemStatus
		if err := decodeData(body, &s); err == nil {
			_ = s.HAConfigured()
			_ = s.Switchovers()
		}
	})
}
