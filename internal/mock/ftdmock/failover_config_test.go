package ftdmock

import (
	"encoding/json"
	"net/http"
	"os"
	"testing"
)

const failoverConfigs = "devices/default/ha/failoverconfigurations"

type tTime struct {
	Value    int64  `json:"value"`
	TimeUnit string `json:"timeUnit"`
	Type     string `json:"type"`
}

type tFailoverConfig struct {
	ID                        string `json:"id"`
	Version                   string `json:"version"`
	Type                      string `json:"type"`
	PeerPollTime              tTime  `json:"peerPollTime"`
	PeerHoldTime              tTime  `json:"peerHoldTime"`
	InterfacePollTime         tTime  `json:"interfacePollTime"`
	InterfaceHoldTime         tTime  `json:"interfaceHoldTime"`
	InterfaceFailureThreshold int64  `json:"interfaceFailureThreshold"`
	InterfaceFailureUnit      string `json:"interfaceFailureUnit"`
	Links                     struct {
		Self string `json:"self"`
	} `json:"links"`
}

// specRequired lists the required fields of a definition of Cisco's v2 spec.
func specRequired(t *testing.T, def string) []string {
	t.Helper()
	raw, err := os.ReadFile("../../ftd/testdata/fdm-v2-ha-spec.json")
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Definitions map[string]struct {
			Required []string `json:"required"`
		} `json:"definitions"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	return spec.Definitions[def].Required
}

func (f *fixture) failoverConfig(t *testing.T, u Unit, token string) (tFailoverConfig, map[string]any) {
	t.Helper()
	var list struct {
		Items []json.RawMessage `json:"items"`
	}
	f.ok(t, u, "GET", api(failoverConfigs), token, nil, &list)
	if len(list.Items) != 1 {
		t.Fatalf("%d failover configurations", len(list.Items))
	}
	var c tFailoverConfig
	var m map[string]any
	_ = json.Unmarshal(list.Items[0], &c)
	_ = json.Unmarshal(list.Items[0], &m)
	return c, m
}

func seconds(v int64) map[string]any {
	return map[string]any{"value": v, "timeUnit": "SECONDS", "type": "time"}
}

func criteria(version string, poll, hold map[string]any) map[string]any {
	return map[string]any{"version": version, "type": "hafailoverconfiguration", "peerPollTime": poll, "peerHoldTime": hold,
		"interfacePollTime": seconds(5), "interfaceHoldTime": seconds(25), "interfaceFailureThreshold": 1, "interfaceFailureUnit": "NUMBER"}
}

func TestFailoverConfiguration_wire(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Primary).AccessToken
	c, m := f.failoverConfig(t, Primary, tok)
	for _, field := range append(specRequired(t, "HAFailoverConfiguration"), "id", "version", "links") {
		if _, ok := m[field]; !ok {
			t.Errorf("the answer lacks %s: %v", field, m)
		}
	}
	if c.Type != "hafailoverconfiguration" || c.PeerPollTime.Type != "time" || c.Links.Self == "" {
		t.Errorf("answer %+v", c)
	}
	var byID tFailoverConfig
	f.ok(t, Primary, "GET", api(failoverConfigs+"/"+c.ID), tok, nil, &byID)
	if byID.Version != c.Version {
		t.Errorf("by id %+v, list %+v", byID, c)
	}
	expectError(t, f.do(t, Primary, "GET", api(failoverConfigs+"/nope"), tok, nil), http.StatusNotFound, "General", "was not found")

	body := criteria(c.Version, map[string]any{"value": 500, "timeUnit": "MILLISECONDS", "type": "time"}, seconds(2))
	var out tFailoverConfig
	f.ok(t, Primary, "PUT", api(failoverConfigs+"/"+c.ID), tok, body, &out)
	if out.PeerPollTime.Value != 500 || out.PeerPollTime.TimeUnit != "MILLISECONDS" || out.Version == c.Version {
		t.Errorf("after PUT %+v", out)
	}
	expectError(t, f.do(t, Primary, "PUT", api(failoverConfigs+"/"+c.ID), tok, body), http.StatusUnprocessableEntity, "Validation", "Version mismatch")
}

func TestFailoverConfiguration_validation(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Primary).AccessToken
	c, _ := f.failoverConfig(t, Primary, tok)
	put := func(body map[string]any) answer {
		return f.do(t, Primary, "PUT", api(failoverConfigs+"/"+c.ID), tok, body)
	}
	for text, body := range map[string]map[string]any{
		"between 200 and 999 milliseconds or between 1 and 15 seconds": criteria(c.Version, seconds(16), seconds(45)),
		"between 800 and 999 milliseconds or between 1 and 45 seconds": criteria(c.Version, seconds(1), seconds(46)),
		"must be at least three times the peer poll time":              criteria(c.Version, seconds(2), seconds(5)),
	} {
		expectError(t, put(body), http.StatusUnprocessableEntity, "Validation", text)
	}
	missing := criteria(c.Version, seconds(1), seconds(3))
	delete(missing, "interfaceFailureUnit")
	expectError(t, put(missing), http.StatusUnprocessableEntity, "Validation", "interfaceFailureUnit is required")
	badUnit := criteria(c.Version, map[string]any{"value": 1, "timeUnit": "FORTNIGHTS", "type": "time"}, seconds(3))
	expectError(t, put(badUnit), http.StatusUnprocessableEntity, "Validation", "timeUnit \"FORTNIGHTS\" is none of")
	if got := f.pair.FailoverConfiguration(Primary); got.Version != c.Version {
		t.Errorf("a refused PUT changed the object: %+v", got)
	}
}

// The standby refuses the change; a change on the active reaches it.
func TestFailoverConfiguration_pair(t *testing.T) {
	f := newFixture(t)
	primary, secondary := f.formPair(t)
	sb, _ := f.failoverConfig(t, Secondary, secondary)
	expectError(t, f.do(t, Secondary, "PUT", api(failoverConfigs+"/"+sb.ID), secondary, criteria(sb.Version, seconds(1), seconds(3))),
		http.StatusUnprocessableEntity, "General", "This API call is not allowed on the standby unit in an HA pair.")
	act, _ := f.failoverConfig(t, Primary, primary)
	f.ok(t, Primary, "PUT", api(failoverConfigs+"/"+act.ID), primary, criteria(act.Version, seconds(2), seconds(9)), nil)
	if got, _ := f.failoverConfig(t, Secondary, secondary); got.PeerHoldTime.Value != 9 || got.ID != sb.ID {
		t.Errorf("the standby reads %+v", got)
	}
}
