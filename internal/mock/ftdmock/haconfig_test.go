package ftdmock

import (
	"strings"
	"testing"
)

func TestHAConfigurationSingleton(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Primary).AccessToken
	var list tList[map[string]any]
	f.ok(t, Primary, "GET", api("devices/default/ha/configurations"), tok, nil, &list)
	if len(list.Items) != 1 || list.Paging.Count != 1 {
		t.Fatalf("list: %+v", list)
	}
	item := list.Items[0]
	id, _ := item["id"].(string)
	if item["type"] != "haconfiguration" || item["nodeRole"] != nil || item["failoverInterface"] != nil || item["sharedKey"] != nil || item["version"] == "" {
		t.Fatalf("initial configuration: %v", item)
	}
	var one map[string]any
	f.ok(t, Primary, "GET", api("devices/default/ha/configurations/"+id), tok, nil, &one)
	if self, _ := one["links"].(map[string]any)["self"].(string); self != f.srv[Primary].URL()+api("devices/default/ha/configurations/"+id) {
		t.Fatalf("links.self = %q", self)
	}
	expectError(t, f.do(t, Primary, "GET", api("devices/default/ha/configurations/nope"), tok, nil), 404, keyGeneral, "not found")
	expectError(t, f.do(t, Primary, "POST", api("devices/default/ha/configurations"), tok, map[string]any{}), 405, keyGeneral, "not supported")
}

func TestPutHAConfiguration(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Primary).AccessToken
	body := f.configBody(t, Primary, tok, RolePrimary)
	ans := f.putConfig(t, Primary, tok, body)
	if ans.status != 200 {
		t.Fatalf("PUT: %d %s", ans.status, ans.raw)
	}
	var got map[string]any
	ans.decode(t, &got)
	if got["version"] == body["version"] || got["sharedKey"] != "*********" || got["nodeRole"] != RolePrimary || got["failoverName"] != "fover" {
		t.Fatalf("PUT answer: %s", ans.raw)
	}
	stored := f.pair.HAConfiguration(Primary)
	itf, _ := f.pair.InterfaceByHardwareName(Primary, "GigabitEthernet0/7")
	if stored.SharedKey != "s3cret-key" || stored.FailoverInterface.ID != itf.ID || stored.Version != got["version"] || stored.SecondaryFailoverIPv4.Netmask != "255.255.255.0" {
		t.Fatalf("stored: %+v", stored)
	}

	// The version read before the PUT is stale now.
	expectError(t, f.putConfig(t, Primary, tok, body), 422, keyValidation, "Version mismatch")

	// Echoing the masked key keeps the stored one.
	body = f.configBody(t, Primary, tok, RolePrimary)
	body["sharedKey"] = "*********"
	body["failoverName"] = "renamed"
	body["statefulFailoverName"] = "renamed"
	if ans := f.putConfig(t, Primary, tok, body); ans.status != 200 {
		t.Fatalf("PUT with masked key: %d %s", ans.status, ans.raw)
	}
	if c := f.pair.HAConfiguration(Primary); c.SharedKey != "s3cret-key" || c.FailoverName != "renamed" {
		t.Fatalf("stored after masked PUT: %+v", c)
	}
}

// Cisco's HA sample (FTDAnsible samples/ftd_configuration/ha_join.yml) puts the stateful
// link on the failover link's interface under a name of its own, with the same addresses.
func TestPutHAConfiguration_ciscoSample(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Primary).AccessToken
	id, version := f.currentConfig(t, Primary, tok)
	link := f.interfaceRef(t, Primary, tok, "GigabitEthernet0/7") // the sample uses 0/6, which the mock seeds as a named data interface
	body := map[string]any{
		"id": id, "version": version, "name": "HA", "type": "haconfiguration", "nodeRole": RolePrimary,
		"failoverName": "failover-link", "statefulFailoverName": "stateful-failover-link",
		"primaryFailoverIPv4":           map[string]any{"netmask": "24", "ipAddress": "192.168.10.1", "type": "ipv4address"},
		"secondaryFailoverIPv4":         map[string]any{"netmask": "24", "ipAddress": "192.168.10.2", "type": "ipv4address"},
		"primaryStatefulFailoverIPv4":   map[string]any{"netmask": "24", "ipAddress": "192.168.10.1", "type": "ipv4address"},
		"secondaryStatefulFailoverIPv4": map[string]any{"netmask": "24", "ipAddress": "192.168.10.2", "type": "ipv4address"},
		"failoverInterface":             link, "statefulFailoverInterface": link,
	}
	if ans := f.putConfig(t, Primary, tok, body); ans.status != 200 {
		t.Fatalf("PUT of Cisco's sample: %d %s", ans.status, ans.raw)
	}
	if c := f.pair.HAConfiguration(Primary); c.FailoverName != "failover-link" || c.StatefulFailoverName != "stateful-failover-link" || c.StatefulFailoverInterface.ID != c.FailoverInterface.ID {
		t.Fatalf("stored: %+v", c)
	}
}

func TestPutHAConfigurationValidation(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Primary).AccessToken
	ref := func(hw string) map[string]any { return f.interfaceRef(t, Primary, tok, hw) }
	cases := []struct {
		name     string
		change   func(b map[string]any)
		location string
		text     string
	}{
		{"missing version", func(b map[string]any) { delete(b, "version") }, "version", "version is required"},
		{"missing name", func(b map[string]any) { delete(b, "name") }, "name", "name is required"},
		{"wrong type", func(b map[string]any) { b["type"] = "hastatus" }, "type", "type must be"},
		{"missing role", func(b map[string]any) { delete(b, "nodeRole") }, "nodeRole", "nodeRole is required"},
		{"bad role", func(b map[string]any) { b["nodeRole"] = "HA_ACTIVE" }, "nodeRole", "HA_PRIMARY or HA_SECONDARY"},
		{"missing failover link", func(b map[string]any) { delete(b, "failoverInterface") }, "failoverInterface", "is required"},
		{"unknown interface", func(b map[string]any) { b["failoverInterface"] = map[string]any{"id": "nope"} }, "failoverInterface.id", "invalid UUID"},
		{"named interface", func(b map[string]any) { b["failoverInterface"] = ref("GigabitEthernet0/0") }, "failoverInterface", "must be unnamed"},
		{"management interface", func(b map[string]any) { b["failoverInterface"] = ref("Management0/0") }, "failoverInterface", "management"},
		{"disabled interface", func(b map[string]any) { b["failoverInterface"] = ref("GigabitEthernet0/3") }, "failoverInterface", "disabled"},
		{"semicolon in link name", func(b map[string]any) { b["failoverName"] = "a;b"; b["statefulFailoverName"] = "a;b" }, "failoverName", "';'"},
		{"missing stateful name", func(b map[string]any) { delete(b, "statefulFailoverName") }, "statefulFailoverName", "is required"},
		{"own stateful link, same name", func(b map[string]any) {
			b["statefulFailoverInterface"] = ref("GigabitEthernet0/8")
			b["primaryStatefulFailoverIPv4"] = map[string]any{"ipAddress": "192.168.78.1", "netmask": "24", "type": "ipv4address"}
			b["secondaryStatefulFailoverIPv4"] = map[string]any{"ipAddress": "192.168.78.2", "netmask": "24", "type": "ipv4address"}
		}, "statefulFailoverName", "must differ from failoverName"},
		{"own stateful link without addresses", func(b map[string]any) {
			b["statefulFailoverInterface"] = ref("GigabitEthernet0/8")
			b["statefulFailoverName"] = "state"
		}, "primaryStatefulFailoverIPv4", "needs primary and secondary addresses"},
		{"no failover addresses", func(b map[string]any) { delete(b, "primaryFailoverIPv4"); delete(b, "secondaryFailoverIPv4") }, "primaryFailoverIPv4", "needs primary and secondary"},
		{"half an address pair", func(b map[string]any) { delete(b, "secondaryFailoverIPv4") }, "secondaryFailoverIPv4", "Both"},
		{"same addresses", func(b map[string]any) {
			b["secondaryFailoverIPv4"] = map[string]any{"ipAddress": "192.168.77.1", "netmask": "24"}
		}, "secondaryFailoverIPv4.ipAddress", "must differ"},
		{"other subnet", func(b map[string]any) {
			b["secondaryFailoverIPv4"] = map[string]any{"ipAddress": "192.168.78.2", "netmask": "24"}
		}, "secondaryFailoverIPv4.ipAddress", "same subnet"},
		{"bad netmask", func(b map[string]any) {
			b["primaryFailoverIPv4"] = map[string]any{"ipAddress": "192.168.77.1", "netmask": "255.0.255.0"}
		}, "primaryFailoverIPv4.netmask", "netmask must be"},
		{"v6 in a v4 field", func(b map[string]any) {
			b["primaryFailoverIPv4"] = map[string]any{"ipAddress": "fd00::1", "netmask": "64"}
		}, "primaryFailoverIPv4.ipAddress", "not an IPv4 address"},
		{"id mismatch", func(b map[string]any) { b["id"] = "other" }, "id", "does not match"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := f.configBody(t, Primary, tok, RolePrimary)
			id := body["id"].(string)
			tc.change(body)
			ans := f.do(t, Primary, "PUT", api("devices/default/ha/configurations/"+id), tok, body)
			e := expectError(t, ans, 422, keyValidation, tc.text)
			found := false
			for _, m := range e.Error.Messages {
				found = found || (m.Location == tc.location && strings.Contains(m.Description, tc.text) && m.Code != "")
			}
			if !found {
				t.Fatalf("no message at %s: %s", tc.location, ans.raw)
			}
		})
	}
	if c := f.pair.HAConfiguration(Primary); c.NodeRole != "" {
		t.Fatalf("a refused PUT was stored: %+v", c)
	}

	// Several problems are reported at once.
	body := f.configBody(t, Primary, tok, RolePrimary)
	delete(body, "name")
	delete(body, "nodeRole")
	var e tErrorWrapper
	f.putConfig(t, Primary, tok, body).decode(t, &e)
	if len(e.Error.Messages) != 2 {
		t.Fatalf("messages: %+v", e)
	}

	// IPv6 and a separate stateful link are fine.
	body = f.configBody(t, Primary, tok, RolePrimary)
	delete(body, "primaryFailoverIPv4")
	delete(body, "secondaryFailoverIPv4")
	body["primaryFailoverIPv6"] = map[string]any{"ipAddress": "fd00::1", "type": "ipv6address"}
	body["secondaryFailoverIPv6"] = map[string]any{"ipAddress": "fd00::2", "type": "ipv6address"}
	body["statefulFailoverInterface"] = ref("GigabitEthernet0/9")
	body["statefulFailoverName"] = "state"
	body["primaryStatefulFailoverIPv4"] = map[string]any{"ipAddress": "10.9.9.1", "netmask": "30"}
	body["secondaryStatefulFailoverIPv4"] = map[string]any{"ipAddress": "10.9.9.2", "netmask": "30"}
	if ans := f.putConfig(t, Primary, tok, body); ans.status != 200 {
		t.Fatalf("IPv6 configuration: %d %s", ans.status, ans.raw)
	}
}

func TestPutHAConfigurationRefusedInHA(t *testing.T) {
	f := newFixture(t)
	primary, secondary := f.formPair(t)
	expectError(t, f.putConfig(t, Secondary, secondary, f.configBody(t, Secondary, secondary, RoleSecondary)), 422, keyGeneral,
		"This API call is not allowed on the standby unit in an HA pair.")
	expectError(t, f.putConfig(t, Primary, primary, f.configBody(t, Primary, primary, RolePrimary)), 422, keyGeneral, "high availability mode")
}

func TestPutHAConfigurationRefusedDuringJoin(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Primary).AccessToken
	f.configure(t, Primary, tok, RolePrimary)
	f.postJob(t, Primary, OpJoin, tok, nil)
	expectError(t, f.putConfig(t, Primary, tok, f.configBody(t, Primary, tok, RolePrimary)), 422, keyGeneral, "in progress")
}
