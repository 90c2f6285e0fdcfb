package ftd

import (
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/fuzzcheck"
)

// FDM error wrappers, token status answers and anything else an error answer holds:
// no panic, no secret in the code and messages once masked, however long the body.
func FuzzFDMErrorBody(f *testing.F) {
	for _, s := range []string{
		`{"error":{"severity":"ERROR","key":"Validation","messages":[{"description":"Shared key SECRET is invalid","code":"invalidSharedKey","location":"sharedKey"}]}}`,
		`{"status_code":401,"message":"Access token SECRET expired"}`,
		`{"error":{"key":"General","messages":[]}}`,
		`<html><body>Gateway Timeout SECRET</body></html>`,
		strings.Repeat("x", 290) + "SECRET" + strings.Repeat("y", 20),
		``,
	} {
		f.Add(uint16(400), []byte(s), uint8(0), uint8(0), uint8(0), uint16(0))
	}
	mask := fuzzcheck.TransportMask(f)
	f.Fuzz(func(t *testing.T, status uint16, body []byte, which, form, split uint8, at uint16) {
		fuzzcheck.CheckDecoder(t, decodeError, mask, status, body, fuzzcheck.Placement{Which: which, Form: form, Split: split, At: at})
	})
}

// The versions of GET /api/versions: the newest is one of them, and N of "vN" reads back.
func FuzzFDMVersionList(f *testing.F) {
	f.Add("v5,v6,latest")
	f.Add("v1")
	f.Add("latest,v-1,v007,v")
	f.Fuzz(func(t *testing.T, list string) {
		versions := strings.Split(list, ",")
		if n := newest(versions); !contains(versions, n) {
			t.Fatalf("newest of %q is %q, not one of them", versions, n)
		}
		for _, v := range versions {
			if n, ok := versionNumber(v); ok && !(&APIVersions{Effective: v}).BreakTakesInterfaceOption() && n >= interfaceOptionFrom {
				t.Fatalf("%s: %d >= %d but the break would take the query", v, n, interfaceOptionFrom)
			}
		}
	})
}
