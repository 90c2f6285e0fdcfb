package fireflowmock

import (
	"slices"
	"strings"
	"testing"
)

// twoRules is seed 003's "multiple rules" example.
const twoRules = `{
  "template": "140: Rule Removal Request",
  "fields": [
    {"key": "subject", "values": ["test55"]},
    {"key": "devices", "values": ["Orit_GW2"]}
  ],
  "requestActions": [
    {"action": "remove", "ruleId": "BC100ABA-446E-493B-9707-604C2A493676"},
    {"action": "remove", "ruleId": "88784DAF-C0A9-4B06-AE94-E8199A802EAC"}
  ]
}`

func ruleRequest(fields, actions string) string {
	return `{"template":"` + RuleRemovalTemplate + `","fields":[` + fields + `],"requestActions":[` + actions + `]}`
}

const oritDevice = `{"name":"devices","values":["Orit_GW2"]}`

func TestRuleRemovalTwoRules(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	id := f.create(t, RuleRemovalPath, twoRules, s)
	cr := f.read(t, KindRuleRemoval, id, s)
	if cr.ID != id || cr.SubChangeRequests != nil || !slices.Equal(cr.field("Devices"), []string{"Orit_GW2"}) ||
		!slices.Equal(cr.field("Subject"), []string{"test55"}) || !slices.Equal(cr.field("status"), []string{"open"}) ||
		!slices.Equal(cr.field("Ticket Template Name"), []string{RuleRemovalTemplate}) {
		t.Fatalf("read %+v", cr)
	}
	if len(cr.OriginalRequestedActions) != 2 || cr.OriginalRequestedActions[0]["ruleId"] != RuleA || cr.OriginalRequestedActions[1]["ruleId"] != RuleB ||
		cr.OriginalRequestedActions[1]["action"] != "remove" {
		t.Fatalf("actions %v", cr.OriginalRequestedActions)
	}
	snap, _ := f.ff.Ticket(id)
	if snap.RuleRemovalRequest == nil || len(snap.RuleRemovalRequest.RequestActions) != 2 || snap.RuleRemovalRequest.Fields[1].Name != "devices" {
		t.Fatalf("parsed request %+v", snap.RuleRemovalRequest)
	}
}

func TestRuleRemovalAutomaticAndVariants(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	// Orit_GW2 can disable rules: automatic becomes disable; action sent as a list.
	id := f.create(t, RuleRemovalPath, ruleRequest(oritDevice+`,{"name":"Owner","values":["sam@mycorp.com"]},{"name":"Due","values":["12-31-2025"]}`,
		`{"action":["automatic"],"ruleId":"`+RuleA+`"},{"action":"disable","ruleId":"`+RuleB+`"}`), s)
	cr := f.read(t, KindRuleRemoval, id, s)
	if cr.OriginalRequestedActions[0]["action"] != "disable" || !slices.Equal(cr.field("Owner"), []string{"sam@mycorp.com"}) ||
		!slices.Equal(cr.field("Due"), []string{"2025-12-31 00:00:00"}) {
		t.Fatalf("read %+v", cr)
	}
	// On a device that cannot disable rules automatic becomes remove.
	f.ff.AddDevice(Device{Name: "ASA_1"})
	if err := f.ff.AddRule("ASA_1", "17"); err != nil {
		t.Fatal(err)
	}
	id = f.create(t, RuleRemovalPath, ruleRequest(`{"name":"devices","values":["ASA_1"]}`, `{"action":"automatic","ruleId":"17"}`), s)
	if cr := f.read(t, KindRuleRemoval, id, s); cr.OriginalRequestedActions[0]["action"] != "remove" {
		t.Fatalf("automatic on ASA_1: %v", cr.OriginalRequestedActions)
	}
	// ...and mixing it with disable is mixing remove and disable.
	expectFailure(t, f.post(t, RuleRemovalPath, ruleRequest(`{"name":"devices","values":["ASA_1"]}`,
		`{"action":"automatic","ruleId":"17"},{"action":"disable","ruleId":"17"}`), s), 400, []string{CodeMixedRuleActions})
	// An attachment in the documented form.
	f.create(t, RuleRemovalPath, ruleRequest(oritDevice+`,{"name":"attachment","values":["filename=why.txt:content=aGVsbG8="]}`, `{"action":"remove","ruleId":"`+RuleA+`"}`), s)
}

func TestRuleRemovalDevicesNotFound(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	ans := f.post(t, RuleRemovalPath, strings.Replace(twoRules, "Orit_GW2", "FW_9", 1), s)
	expectFailure(t, ans, 400, []string{"DEVICES_NOT_FOUND"})
	if ans.env.Messages[0].Message != "Cannot find devices: FW_9." {
		t.Errorf("message %q", ans.env.Messages[0].Message)
	}
}

func TestRuleRemovalValidation(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	remove := `{"action":"remove","ruleId":"` + RuleA + `"}`
	cases := []struct {
		name, body string
		codes      []string
		text       string
	}{
		{"mixed remove and disable", ruleRequest(oritDevice, remove+`,{"action":"disable","ruleId":"`+RuleB+`"}`), []string{CodeMixedRuleActions}, "cannot be mixed"},
		{"no template", `{"fields":[` + oritDevice + `],"requestActions":[` + remove + `]}`, []string{CodeMandatoryFieldMissing}, "template"},
		{"object template", `{"template":"` + ObjectTemplate + `","fields":[` + oritDevice + `],"requestActions":[` + remove + `]}`, []string{CodeTemplateNotFound}, ObjectTemplate},
		{"no devices field", ruleRequest(`{"name":"subject","values":["s"]}`, remove), []string{CodeMandatoryFieldMissing}, "devices"},
		{"two devices", ruleRequest(`{"name":"devices","values":["Orit_GW2","FW_101"]}`, remove), []string{CodeInvalidFieldValue}, "one device only"},
		{"no actions", ruleRequest(oritDevice, ``), []string{CodeMandatoryFieldMissing}, "requestActions"},
		{"no rule id", ruleRequest(oritDevice, `{"action":"remove"}`), []string{CodeMandatoryFieldMissing}, "ruleId"},
		{"bad action", ruleRequest(oritDevice, `{"action":"delete","ruleId":"`+RuleA+`"}`), []string{CodeInvalidFieldValue}, "delete"},
		{"bad date", ruleRequest(oritDevice+`,{"name":"due","values":["2025-31-12"]}`, remove), []string{CodeInvalidDateFormat}, "2025-31-12"},
		{"unknown rule", ruleRequest(oritDevice, `{"action":"remove","ruleId":"NOPE"}`), []string{CodeRulesNotFound}, "Cannot find rules on device Orit_GW2: NOPE."},
		{"bad attachment", ruleRequest(oritDevice+`,{"name":"attachment","values":["filename=a/b:content=aGk="]}`, remove), []string{CodeInvalidAttachment}, "a/b"},
		{"attachment not base64", ruleRequest(oritDevice+`,{"name":"attachment","values":["filename=a.txt:content=***"]}`, remove), []string{CodeInvalidAttachment}, "base64"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectFailure(t, f.post(t, RuleRemovalPath, tc.body, s), 400, tc.codes, tc.text)
		})
	}
	if f.ff.TicketCount() != 0 {
		t.Fatal("a refused request created tickets")
	}
}

func TestRuleRemovalDateOrder(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	body := ruleRequest(oritDevice+`,{"name":"Due","values":["31-12-2025"]}`, `{"action":"remove","ruleId":"`+RuleA+`"}`)
	expectFailure(t, f.post(t, RuleRemovalPath, body, s), 400, []string{CodeInvalidDateFormat})
	f.ff.SetDateDayBeforeMonth(true)
	id := f.create(t, RuleRemovalPath, body, s)
	if cr := f.read(t, KindRuleRemoval, id, s); !slices.Equal(cr.field("Due"), []string{"2025-12-31 00:00:00"}) {
		t.Fatalf("Due %v", cr.field("Due"))
	}
}
