package ftdmock

import (
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// v2 is a path under the v2 API root.
func v2(path string) string { return "/api/fdm/v2/" + path }

// newSpecFixture serves two 6.3 units holding v2 requests to the published spec.
func newSpecFixture(t *testing.T, spec bool) (*fixture, string) {
	t.Helper()
	clock := mock.NewFakeClock(epoch)
	f := newFixtureWith(t, Options{Release: Release63, Spec: spec, Clock: clock})
	f.clock = clock
	ans := f.do(t, Primary, "POST", v2("fdm/token"), "", map[string]any{"grant_type": "password", "username": Username, "password": Password})
	var tok tTokens
	ans.decode(t, &tok)
	if ans.status != http.StatusOK || tok.AccessToken == "" {
		t.Fatalf("login on v2: %d %s", ans.status, ans.raw)
	}
	return f, tok.AccessToken
}

// v2ConfigBody is a valid HA configuration for role, read and written over v2.
func (f *fixture) v2ConfigBody(t *testing.T, token, role string) map[string]any {
	t.Helper()
	var configs tList[map[string]any]
	f.ok(t, Primary, "GET", v2("devices/default/ha/configurations"), token, nil, &configs)
	var ifaces tList[tInterface]
	f.ok(t, Primary, "GET", v2("devices/default/interfaces?filter=hardwareName:GigabitEthernet0/7"), token, nil, &ifaces)
	if len(configs.Items) != 1 || len(ifaces.Items) != 1 {
		t.Fatalf("configurations %+v, interfaces %+v", configs, ifaces)
	}
	itf := ifaces.Items[0]
	link := map[string]any{"id": itf.ID, "type": itf.Type, "version": itf.Version}
	return map[string]any{
		"id": configs.Items[0]["id"], "version": configs.Items[0]["version"], "name": "HA", "type": "haconfiguration", "nodeRole": role,
		"failoverInterface": link, "failoverName": "fover",
		"statefulFailoverInterface": link, "statefulFailoverName": "fover",
		"primaryFailoverIPv4":   map[string]any{"ipAddress": "192.168.77.1", "netmask": "24", "type": "ipv4address"},
		"secondaryFailoverIPv4": map[string]any{"ipAddress": "192.168.77.2", "netmask": "24", "type": "ipv4address"},
		"sharedKey":             "s3cret-key",
	}
}

func TestSpec_loads(t *testing.T) {
	api, err := v2API()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ method, path string }{
		{"POST", "/fdm/token"}, {"PUT", "/devices/default/ha/configurations/abc"}, {"POST", "/devices/default/action/ha/join"},
		{"GET", "/devices/default/action/ha/join/abc"}, {"POST", "/devices/default/action/ha/break"}, {"GET", "/devices/default/interfaces"},
		{"GET", "/devices/default/operational/ha/status/default"}, {"POST", "/devices/default/action/ha/failover"},
	} {
		if _, ok := api.operation(c.method, c.path); !ok {
			t.Errorf("the v2 spec declares no %s %s", c.method, c.path)
		}
	}
	if hc := api.definitions["HAConfiguration"]; hc == nil || len(hc.Required) != 6 {
		t.Fatalf("HAConfiguration: %+v", hc)
	}
}

// Each kind of departure from the v2 spec is answered 422 in the ErrorWrapper, naming
// the field; a conforming request passes.
func TestSpec_refusesUndeclared(t *testing.T) {
	f, tok := newSpecFixture(t, true)
	valid := f.v2ConfigBody(t, tok, RolePrimary)
	with := func(change func(map[string]any)) map[string]any {
		b := map[string]any{}
		for k, v := range valid {
			b[k] = v
		}
		change(b)
		return b
	}
	cfgPath := v2("devices/default/ha/configurations/" + valid["id"].(string))
	for _, tc := range []struct {
		name, method, path string
		body               any
		code, location     string
	}{
		{"unknown property", "PUT", cfgPath, with(func(b map[string]any) { b["interfaceOption"] = "x" }), "unrecognizedField", "interfaceOption"},
		{"unknown nested property", "PUT", cfgPath, with(func(b map[string]any) {
			b["failoverInterface"] = map[string]any{"id": "x", "type": "physicalinterface", "hardwareName": "GigabitEthernet0/7"}
		}), "unrecognizedField", "failoverInterface.hardwareName"},
		{"missing required property", "PUT", cfgPath, with(func(b map[string]any) { delete(b, "statefulFailoverName") }), "requiredField", "statefulFailoverName"},
		{"required property null", "PUT", cfgPath, with(func(b map[string]any) { b["statefulFailoverInterface"] = nil }), "requiredField", "statefulFailoverInterface"},
		{"missing nested required property", "PUT", cfgPath, with(func(b map[string]any) {
			b["primaryFailoverIPv4"] = map[string]any{"ipAddress": "192.168.77.1", "netmask": "24"}
		}), "requiredField", "primaryFailoverIPv4.type"},
		{"wrong enum", "PUT", cfgPath, with(func(b map[string]any) { b["nodeRole"] = "HA_TERTIARY" }), "invalidValue", "nodeRole"},
		{"wrong JSON type", "PUT", cfgPath, with(func(b map[string]any) { b["failoverName"] = 7 }), "invalidType", "failoverName"},
		{"body not an object", "PUT", cfgPath, `["HA"]`, "invalidType", ""},
		{"no body where one is required", "PUT", cfgPath, nil, "requiredField", "body"},
		{"body on join", "POST", v2("devices/default/action/ha/join"), map[string]any{"type": "joinhastatus"}, "bodyNotAllowed", "body"},
		{"empty object on join", "POST", v2("devices/default/action/ha/join"), `{}`, "bodyNotAllowed", "body"},
		{"body on break", "POST", v2("devices/default/action/ha/break?clearIntfs=true"), map[string]any{"type": "breakhastatus"}, "bodyNotAllowed", "body"},
		{"body on failover", "POST", v2("devices/default/action/ha/failover"), `{}`, "bodyNotAllowed", "body"},
		{"undeclared query parameter", "GET", v2("devices/default/interfaces?offset=0&expanded=true"), nil, "unrecognizedParameter", "expanded"},
		{"query parameter of the wrong type", "POST", v2("devices/default/action/ha/break?clearIntfs=yes"), nil, "invalidType", "clearIntfs"},
		{"query parameter on an operation without any", "GET", v2("devices/default/operational/ha/status/default?detail=1"), nil, "unrecognizedParameter", "detail"},
		{"token grant outside the enum", "POST", v2("fdm/token"), map[string]any{"grant_type": "magic"}, "invalidValue", "grant_type"},
		{"token body with an unknown field", "POST", v2("fdm/token"), map[string]any{"grant_type": "password", "username": Username, "password": Password, "scope": "all"}, "unrecognizedField", "scope"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			token := tok
			if strings.HasSuffix(tc.path, "fdm/token") {
				token = ""
			}
			ans := f.do(t, Primary, tc.method, tc.path, token, tc.body)
			e := expectError(t, ans, http.StatusUnprocessableEntity, keyValidation, "")
			for _, m := range e.Error.Messages {
				if m.Code == tc.code && m.Location == tc.location {
					return
				}
			}
			t.Fatalf("no message with code %s at %q: %s", tc.code, tc.location, ans.raw)
		})
	}
	if ans := f.do(t, Primary, "PUT", cfgPath, tok, valid); ans.status != http.StatusOK {
		t.Fatalf("a conforming PUT: %d %s", ans.status, ans.raw)
	}
	if ans := f.do(t, Primary, "POST", v2("devices/default/action/ha/join"), tok, nil); ans.status != http.StatusOK {
		t.Fatalf("a join without a body: %d %s", ans.status, ans.raw)
	}
	if f.pair.HAConfiguration(Primary).NodeRole != RolePrimary {
		t.Fatal("the conforming configuration was not stored")
	}
}

// Without the setting, and on versions other than v2, the spec is not applied.
func TestSpec_onlyWhenSetAndOnV2(t *testing.T) {
	f, tok := newSpecFixture(t, false)
	if ans := f.do(t, Primary, "GET", v2("devices/default/interfaces?expanded=true"), tok, nil); ans.status != http.StatusOK {
		t.Fatalf("spec off: %d %s", ans.status, ans.raw)
	}
	f, tok = newSpecFixture(t, true)
	if ans := f.do(t, Primary, "GET", "/api/fdm/v1/devices/default/interfaces?expanded=true", tok, nil); ans.status != http.StatusOK {
		t.Fatalf("spec on, v1: %d %s", ans.status, ans.raw)
	}
}

// A 6.3 unit answers the latest path with 404 unless LatestOn63 says it serves it; later
// releases always serve it. /api/versions lists numbered versions only.
func TestLatest_on63(t *testing.T) {
	for _, tc := range []struct {
		opts   Options
		status int
	}{
		{Options{Release: Release63}, http.StatusNotFound},
		{Options{Release: Release63, LatestOn63: true}, http.StatusOK},
		{Options{Release: Release66}, http.StatusOK},
		{Options{}, http.StatusOK},
	} {
		f := newFixtureWith(t, tc.opts)
		var v struct {
			SupportedVersions []string `json:"supportedVersions"`
		}
		f.ok(t, Primary, "GET", "/api/versions", "", nil, &v)
		for _, s := range v.SupportedVersions {
			if s == "latest" {
				t.Fatalf("%+v lists latest: %v", tc.opts, v.SupportedVersions)
			}
		}
		body := map[string]any{"grant_type": "password", "username": Username, "password": Password}
		if ans := f.do(t, Primary, "POST", "/api/fdm/latest/fdm/token", "", body); ans.status != tc.status {
			t.Fatalf("%+v: login on latest answered %d %s, want %d", tc.opts, ans.status, ans.raw, tc.status)
		}
	}
}
