package sbc

import (
	"net/http"
	"reflect"
	"testing"
)

func TestDecodeData_uptimeSecondsAndLists(t *testing.T) {
	body := []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<response><data><hostName>sbc-a</hostName><uptimeSeconds>42</uptimeSeconds><role>Active</role>
<haPeerName>sbc-b</haPeerName><haPeerRole>Standby</haPeerRole><haSwitchOvers>2</haSwitchOvers>
<haSyncState><component><name>tCCD</name><state>disabled</state></component></haSyncState>
<switchOverLogs><switchOver><time>2018-09-05T08:41:55.0-0400</time><oldState>Active</oldState>
<newState>RelinquishingActive</newState><info>forced by command</info></switchOver></switchOverLogs></data>
<messages/><links/></response>`)
	var s SystemStatus
	if err := decodeData(body, &s); err != nil {
		t.Fatal(err)
	}
	if *s.Uptime() != 42 || !s.HasRole(RoleActive) || !s.PeerHasRole(RoleStandby) || s.Switchovers() != 2 {
		t.Errorf("status = %+v", s)
	}
	if len(s.HASyncState) != 1 || s.HASyncState[0] != (SyncComponent{"tCCD", "disabled"}) || len(s.SwitchOverLogs) != 1 || s.SwitchOverLogs[0].Info != "forced by command" {
		t.Errorf("lists = %+v %+v", s.HASyncState, s.SwitchOverLogs)
	}
}

func TestDecodeError(t *testing.T) {
	for name, tc := range map[string]struct {
		body string
		want []string
	}{
		"any element names": {
			`<response><data/><messages><item><errorMessage>Standby not synchronized</errorMessage><link>https://h/rest/v1.2/x</link></item></messages><links/></response>`,
			[]string{"Standby not synchronized"},
		},
		"several": {
			`<response><messages><m>one</m><m><text>two</text></m></messages></response>`,
			[]string{"one", "two"},
		},
		"not xml": {"<html>502 Bad Gateway</html", []string{"<html>502 Bad Gateway</html"}},
		"empty":   {"", nil},
	} {
		t.Run(name, func(t *testing.T) {
			_, got := decodeError(400, http.Header{}, []byte(tc.body))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("messages = %q, want %q", got, tc.want)
			}
		})
	}
}
