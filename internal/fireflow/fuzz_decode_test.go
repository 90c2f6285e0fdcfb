package fireflow

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/fuzzcheck"
)

// FireFlow envelopes and what their data holds: no panic; error answers give no secret
// once masked; a change request or a created answer decodes to a positive id or fails.
func FuzzFireFlowEnvelope(f *testing.F) {
	for _, s := range []string{
		`{"status":"Failure","messages":[{"code":"DEVICES_NOT_FOUND","message":"Cannot find devices: SECRET"}],"data":["FW_9"]}`,
		`{"status":"Failure","messages":[{"code":"INVALID_SESSION_KEY","message":"SECRET"}],"data":{}}`,
		`{"status":"Success","messages":[],"data":{"id":"1001","fields":[{"name":"status","values":["open"]}],"subChangeRequests":[1002,"1003"]}}`,
		`{"status":"Success","data":{"changeRequestId":1001,"redirectUrl":"https://ff/Ticket/Display.html?id=1001"}}`,
		`<html>` + strings.Repeat("p", 280) + `SECRET</html>`,
		`{"messages":null}`,
	} {
		f.Add(uint16(400), []byte(s), uint8(0), uint8(0), uint8(0), uint16(0))
	}
	mask := fuzzcheck.TransportMask(f)
	f.Fuzz(func(t *testing.T, status uint16, body []byte, which, form, split uint8, at uint16) {
		p := fuzzcheck.Placement{Which: which, Form: form, Split: split, At: at}
		fuzzcheck.CheckDecoder(t, decodeError, mask, status, body, p)
		body, _ = fuzzcheck.Inject(body, p)
		env, err := decodeEnvelope(body)
		if err != nil {
			return
		}
		fuzzcheck.NoLeak(t, "the masked messages", strings.Join(env.masked(mask).messageTexts(), "; "))
		_ = env.shapeProblem()
		var cr ChangeRequest
		if json.Unmarshal(env.Data, &cr) == nil && cr.ID < 0 {
			t.Fatalf("change request id %d", cr.ID)
		}
		var c Created
		if json.Unmarshal(env.Data, &c) == nil && c.ID == 0 {
			t.Fatalf("a created answer without an id decoded: %s", env.Data)
		}
	})
}
