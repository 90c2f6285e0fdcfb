package loginsight

import (
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/fuzzcheck"
)

// Log Insight error answers, JSON ({errorMessage, errorCode, errorDetails}) or a bare
// string (401, 440), or anything else: no panic, no secret once masked.
func FuzzLogInsightErrorBody(f *testing.F) {
	for _, s := range []string{
		`{"errorMessage":"Invalid worker token SECRET","errorCode":"RestBadRequest","errorDetails":{"reason":"token"}}`,
		`"Authentication failed for SECRET"`,
		`{"errorMessage":"x","errorDetails":{"reason":"SECRET"}}`,
		`Login Timeout`,
		strings.Repeat("é", 145) + "SECRET" + strings.Repeat("z", 30),
		`""`,
	} {
		f.Add(uint16(401), []byte(s), uint8(0), uint8(0), uint8(0), uint16(0))
	}
	mask := fuzzcheck.TransportMask(f)
	f.Fuzz(func(t *testing.T, status uint16, body []byte, which, form, split uint8, at uint16) {
		fuzzcheck.CheckDecoder(t, decodeError, mask, status, body, fuzzcheck.Placement{Which: which, Form: form, Split: split, At: at})
	})
}
