package fireflowmock

import (
	"slices"
	"strings"
	"testing"
)

// The three request examples of seed 002 (the second with the comma the page
// lacks before objectContainerLevel).
const (
	seedCreate = `{
  "template":"135: Object Change Multi Device Request",
  "subject":"Create object request",
  "due":"2019-10-10",
  "owner":"admin",
  "priority":"5",
  "customFields":[{"key":"cf1","values":["cf value1","cf value2"]},{"key":"cf2","values":["cf2 value1","cf2 value2"]}],
  "devices":["FW_101","FW_102"],
  "requestedActions":[
    {"action":"create","name":"networkObject1","type":"network","isGroup":"false","values":["1.1.1.1"]},
    {"action":"create","name":"serviceObject1","type":"service","isGroup":"false","values":["tcp/12"]}
  ],
  "objectContainerLevel":"Automatic"
}`
	seedAddToGroup = `{
  "template": "135: Object Change Multi Device Request",
  "subject": "Modify object request",
  "description": "adding objects to GR_Network_Devices",
  "externalId": "123a",
  "devices": ["FW_101", "FW_102"],
  "requestedActions": [{
    "action": "addObjectsToGroup", "name": "GR_Network_Devices", "type": "network", "isGroup": true,
    "values": ["Net_10.163.40.232_31", "HK_Cyberark_10.133.21.217"]
  }],
  "objectContainerLevel": "Automatic"
}`
	seedReplace = `{
  "template": "135: Object Change Multi Device Request",
  "subject": "several actions",
  "devices": ["FW_101"],
  "requestedActions": [
    {"action": "replaceContent", "name": "object2", "type": "network", "isGroup": false, "values": ["object2"]},
    {"action": "removeObjectsFromGroup", "name": "GP_Captical", "type": "network", "isGroup": true, "values": ["Net_211.72.241.0", "Net_61.219.22.0"]},
    {"action": "delete", "name": "Net_203.69.50.0", "type": "network", "isGroup": false}
  ],
  "objectContainerLevel": "Automatic"
}`
)

func TestSeedCreateMakesParentAndChildren(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	id := f.create(t, ObjectCreatePath, seedCreate, s)
	if id != 1001 || f.ff.TicketCount() != 3 {
		t.Fatalf("id %d, %d tickets", id, f.ff.TicketCount())
	}

	parent := f.read(t, KindObject, id, s)
	if !slices.Equal(parent.SubChangeRequests, []int{1002, 1003}) {
		t.Fatalf("subChangeRequests %v", parent.SubChangeRequests)
	}
	want := map[string][]string{
		"status":               {"open"},
		"Devices":              {"FW_101", "FW_102"},
		"Ticket Template Name": {"135: Object Change Multi Device Request"},
		"Subject":              {"Create object request"},
		"Owner":                {"admin"},
		"Priority":             {"5"},
		"Due":                  {"2019-10-10 00:00:00"},
		"cf1":                  {"cf value1", "cf value2"},
		"cf2":                  {"cf2 value1", "cf2 value2"},
		"Creator":              {Username},
		"LastUpdated":          {"2024-05-01 08:00:00"},
	}
	for name, values := range want {
		if got := parent.field(name); !slices.Equal(got, values) {
			t.Errorf("field %s = %v, want %v", name, got, values)
		}
	}
	if len(parent.OriginalRequestedActions) != 2 {
		t.Fatalf("originalRequestedActions %v", parent.OriginalRequestedActions)
	}
	a := parent.OriginalRequestedActions[1]
	if a["objectName"] != "serviceObject1" || a["requestedAction"] != "create" || a["values"] != "tcp/12" || a["objectType"] != "Service" {
		t.Errorf("second action %v", a)
	}

	for i, child := range []int{1002, 1003} {
		cr := f.read(t, KindObject, child, s)
		if cr.ID != child || cr.SubChangeRequests != nil || !slices.Equal(cr.field("Devices"), []string{[]string{"FW_101", "FW_102"}[i]}) ||
			!slices.Equal(cr.field("status"), []string{"open"}) || len(cr.OriginalRequestedActions) != 2 {
			t.Errorf("child %d: %+v", child, cr)
		}
		if snap, _ := f.ff.Ticket(child); snap.Parent != id {
			t.Errorf("child %d has parent %d", child, snap.Parent)
		}
	}

	snap, ok := f.ff.Ticket(id)
	if !ok || snap.ObjectRequest == nil || snap.ObjectRequest.Subject != "Create object request" || snap.ObjectRequest.ObjectContainerLevel != "Automatic" ||
		*snap.ObjectRequest.RequestedActions[0].IsGroup || snap.ObjectRequest.CustomFields[1].Name != "cf2" || !strings.Contains(string(snap.Body), "networkObject1") {
		t.Fatalf("snapshot %+v", snap)
	}
}

func TestSeedAddToGroup(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	id := f.create(t, ObjectCreatePath, seedAddToGroup, s)
	cr := f.read(t, KindObject, id, s)
	if len(cr.SubChangeRequests) != 2 || !slices.Equal(cr.field("ExternalId"), []string{"123a"}) ||
		!slices.Equal(cr.field("Description"), []string{"adding objects to GR_Network_Devices"}) {
		t.Fatalf("read: %+v", cr)
	}
	a := cr.OriginalRequestedActions[0]
	if a["objectName"] != "GR_Network_Devices" || a["requestedAction"] != "addObjectsToGroup" || a["values"] != "Net_10.163.40.232_31,HK_Cyberark_10.133.21.217" || a["objectType"] != "Network" {
		t.Errorf("action %v", a)
	}
}

func TestSeedReplaceRemoveDeleteSingleDevice(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	id := f.create(t, ObjectCreatePath, seedReplace, s)
	cr := f.read(t, KindObject, id, s)
	if f.ff.TicketCount() != 1 || cr.SubChangeRequests != nil || !slices.Equal(cr.field("Devices"), []string{"FW_101"}) {
		t.Fatalf("single-device request: %d tickets, %+v", f.ff.TicketCount(), cr)
	}
	var got []string
	for _, a := range cr.OriginalRequestedActions {
		got = append(got, a["requestedAction"].(string)+" "+a["objectName"].(string))
	}
	if strings.Join(got, "; ") != "replaceContent object2; removeObjectsFromGroup GP_Captical; delete Net_203.69.50.0" {
		t.Errorf("actions %v", got)
	}
	if cr.OriginalRequestedActions[2]["values"] != "" {
		t.Errorf("delete values %v", cr.OriginalRequestedActions[2]["values"])
	}
}

func TestObjectNotFoundOneMessagePerAction(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	// On FW_102 only the add-to-group object exists: the other two fail there.
	body := strings.Replace(seedReplace, `"devices": ["FW_101"]`, `"devices": ["FW_101", "FW_102"]`, 1)
	expectFailure(t, f.post(t, ObjectCreatePath, body, s), 400, []string{"OBJECT_NOT_FOUND", "OBJECT_NOT_FOUND", "OBJECT_NOT_FOUND"},
		"On action: replaceContent the object: object2 doesnt exist on devices: [FW_102].",
		"On action: removeObjectsFromGroup the object: GP_Captical doesnt exist on devices: [FW_102].",
		"On action: delete the object: Net_203.69.50.0 doesnt exist on devices: [FW_102].")

	// The seed 002 failure example, word for word, once the objects are gone from both devices.
	for _, d := range []string{DeviceFW101, DeviceFW102} {
		f.ff.RemoveObject(d, "network", "GR_Network_Devices")
		f.ff.RemoveObject(d, "network", "GP_Captical")
		f.ff.RemoveObject(d, "network", "Net_203.69.50.0")
	}
	body = `{"template":"135: Object Change Multi Device Request","devices":["FW_101","FW_102"],"requestedActions":[
	  {"action":"addObjectsToGroup","name":"GR_Network_Devices","type":"network","values":["Net_10.163.40.232_31"]},
	  {"action":"removeObjectsFromGroup","name":"GP_Captical","type":"network","values":["Net_211.72.241.0"]},
	  {"action":"delete","name":"Net_203.69.50.0","type":"network","isGroup":"False"}]}`
	ans := f.post(t, ObjectCreatePath, body, s)
	want := []string{
		"On action: addObjectsToGroup the object: GR_Network_Devices doesnt exist on devices: [FW_101] ([FW_102]).",
		"On action: removeObjectsFromGroup the object: GP_Captical doesnt exist on devices: [FW_101] ([FW_102]).",
		"On action: delete the object: Net_203.69.50.0 doesnt exist on devices: [FW_101] ([FW_102]).",
	}
	expectFailure(t, ans, 400, []string{"OBJECT_NOT_FOUND", "OBJECT_NOT_FOUND", "OBJECT_NOT_FOUND"}, want...)
	for i, m := range ans.env.Messages {
		if m.Message != want[i] {
			t.Errorf("message %d: %q", i, m.Message)
		}
	}
	// A service object of the same name is another object.
	expectFailure(t, f.post(t, ObjectCreatePath, `{"template":"`+ObjectTemplate+`","devices":["FW_101"],"requestedActions":[{"action":"delete","name":"object2","type":"service"}]}`, s),
		400, []string{"OBJECT_NOT_FOUND"})
	if f.ff.TicketCount() != 0 {
		t.Fatal("a refused request created tickets")
	}
}

func TestZoneBasedDeviceRefusesCreate(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	body := strings.Replace(seedCreate, `"devices":["FW_101","FW_102"]`, `"devices":["FW_101","10_20_152_1"]`, 1)
	ans := f.post(t, ObjectCreatePath, body, s)
	expectFailure(t, ans, 400, []string{CodeZoneBasedGlobalObject, CodeZoneBasedGlobalObject},
		"Device 10_20_152_1 does not support global objects (requested action line 1).",
		"Device 10_20_152_1 does not support global objects (requested action line 2).")
	if ans.env.Messages[0].Message != "Device 10_20_152_1 does not support global objects (requested action line 1)." {
		t.Errorf("message %q", ans.env.Messages[0].Message)
	}
	// Error texts print the display name.
	f.ff.AddDevice(Device{Name: "10_20_152_1", DisplayName: "ZoneFW", ZoneBased: true})
	expectFailure(t, f.post(t, ObjectCreatePath, body, s), 400, []string{CodeZoneBasedGlobalObject, CodeZoneBasedGlobalObject}, "Device ZoneFW does not")
	if f.ff.TicketCount() != 0 {
		t.Fatal("tickets created")
	}
}

func TestObjectDevicesNotFound(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	body := strings.Replace(seedCreate, `"devices":["FW_101","FW_102"]`, `"devices":["FW_101","FW_9","FW_8"]`, 1)
	ans := f.post(t, ObjectCreatePath, body, s)
	expectFailure(t, ans, 400, []string{"DEVICES_NOT_FOUND"})
	if ans.env.Messages[0].Message != "Cannot find devices: FW_9, FW_8." {
		t.Errorf("message %q", ans.env.Messages[0].Message)
	}
}

func TestObjectValidation(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	const tmpl = `"template":"` + ObjectTemplate + `",`
	const dev = `"devices":["FW_101"],`
	const create = `{"action":"create","name":"n1","type":"network","isGroup":true,"values":["10.0.0.0/8"]}`
	cases := []struct {
		name, body string
		codes      []string
		text       string
	}{
		{"no template", `{` + dev + `"requestedActions":[` + create + `]}`, []string{CodeMandatoryFieldMissing}, "template"},
		{"unknown template", `{"template":"999: Nothing",` + dev + `"requestedActions":[` + create + `]}`, []string{CodeTemplateNotFound}, "999: Nothing"},
		{"rule removal template", `{"template":"` + RuleRemovalTemplate + `",` + dev + `"requestedActions":[` + create + `]}`, []string{CodeTemplateNotFound}, "not a template for object"},
		{"no actions", `{` + tmpl + dev + `"requestedActions":[]}`, []string{CodeMandatoryFieldMissing}, "requestedActions"},
		{"bad action", `{` + tmpl + dev + `"requestedActions":[{"action":"rename","name":"object2","type":"network","values":["x"]}]}`, []string{CodeInvalidFieldValue}, "rename"},
		{"bad type", `{` + tmpl + dev + `"requestedActions":[{"action":"create","name":"n","type":"host","isGroup":false,"values":["x"]}]}`, []string{CodeInvalidFieldValue}, "host"},
		{"create without isGroup or values", `{` + tmpl + dev + `"requestedActions":[{"action":"create","name":"n","type":"network"}]}`, []string{CodeMandatoryFieldMissing, CodeMandatoryFieldMissing}, "isGroup (requested action line 1)"},
		{"no devices", `{` + tmpl + `"requestedActions":[` + create + `]}`, []string{CodeMandatoryFieldMissing}, "devices"},
		{"bad due", `{` + tmpl + dev + `"due":"2019/10/10","requestedActions":[` + create + `]}`, []string{CodeInvalidDateFormat}, "2019/10/10"},
		{"bad expire", `{` + tmpl + dev + `"expire":"31-12-2025","requestedActions":[` + create + `]}`, []string{CodeInvalidDateFormat}, "expire"},
		{"bad level", `{` + tmpl + dev + `"objectContainerLevel":"middle","requestedActions":[` + create + `]}`, []string{CodeInvalidFieldValue}, "middle"},
		{"group conversion", `{` + tmpl + dev + `"requestedActions":[{"action":"replaceContent","name":"object2","type":"network","isGroup":true,"values":["a"]}]}`, []string{CodeInvalidFieldValue}, "group"},
		{"add to non-group", `{` + tmpl + dev + `"requestedActions":[{"action":"addObjectsToGroup","name":"object2","type":"network","values":["a"]}]}`, []string{CodeInvalidFieldValue}, "non-group"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectFailure(t, f.post(t, ObjectCreatePath, tc.body, s), 400, tc.codes, tc.text)
		})
	}
	if f.ff.TicketCount() != 0 {
		t.Fatal("a refused request created tickets")
	}
}

func TestObjectRequestVariants(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	// isGroup "True", the older "content", per-action devices, a mm-dd-yyyy date.
	body := `{"template":"` + ObjectTemplate + `","expire":"12-31-2025","requestedActions":[
	  {"action":"create","name":"g1","type":"network","isGroup":"True","content":["10.1.0.0/16"],"devices":["FW_102"]}]}`
	id := f.create(t, ObjectCreatePath, body, s)
	cr := f.read(t, KindObject, id, s)
	if !slices.Equal(cr.field("Devices"), []string{"FW_102"}) || !slices.Equal(cr.field("Expire"), []string{"2025-12-31 00:00:00"}) ||
		cr.OriginalRequestedActions[0]["values"] != "10.1.0.0/16" || cr.OriginalRequestedActions[0]["requestedAction"] != "create" {
		t.Fatalf("read %+v", cr)
	}
	if snap, _ := f.ff.Ticket(id); !*snap.ObjectActions[0].IsGroup {
		t.Error("isGroup True not read as true")
	}

	f.ff.SetDateDayBeforeMonth(true)
	expectFailure(t, f.post(t, ObjectCreatePath, body, s), 400, []string{CodeInvalidDateFormat})
	f.create(t, ObjectCreatePath, strings.Replace(body, "12-31-2025", "31-12-2025", 1), s)

	// objectContainers instead of devices.
	id = f.create(t, ObjectCreatePath, `{"template":"`+ObjectTemplate+`","objectContainers":[7,9],"requestedActions":[{"action":"delete","name":"x","type":"service"}]}`, s)
	if cr := f.read(t, KindObject, id, s); !slices.Equal(cr.field("Object Containers"), []string{"7", "9"}) || len(cr.field("Devices")) != 0 {
		t.Fatalf("containers %+v", cr)
	}
}

// The mock takes exactly the spellings seed 002 shows, and refuses the others.
func TestObjectEnumerationsAsSeedShows(t *testing.T) {
	f := newFixture(t)
	s := f.login(t)
	body := func(level, action, typ, isGroup string) string {
		lvl := ""
		if level != "" {
			lvl = `"objectContainerLevel":` + level + `,`
		}
		return `{"template":"` + ObjectTemplate + `","devices":["FW_101"],` + lvl + `"requestedActions":[{"action":` + action +
			`,"name":"fresh","type":` + typ + `,"isGroup":` + isGroup + `,"values":["10.9.0.0/16"]}]}`
	}
	accepted := []string{
		body(`"Automatic"`, `"create"`, `"network"`, `"false"`),
		body(`"automatic"`, `"create"`, `"network"`, `false`),
		body(`"highest"`, `"create"`, `"network"`, `true`),
		body(`"lowest"`, `"create"`, `"network"`, `"True"`),
		body(``, `"create"`, `"network"`, `"False"`),
	}
	for _, b := range accepted {
		f.create(t, ObjectCreatePath, b, s)
	}
	refused := map[string]string{
		body(`"AUTOMATIC"`, `"create"`, `"network"`, `false`):   "AUTOMATIC",
		body(`"Highest"`, `"create"`, `"network"`, `false`):     "Highest",
		body(`"Lowest"`, `"create"`, `"network"`, `false`):      "Lowest",
		body(`"Automatic"`, `"Create"`, `"network"`, `false`):   "Create",
		body(`"Automatic"`, `"create"`, `"Network"`, `false`):   "Network",
		body(`"Automatic"`, `"create"`, `"network"`, `"true"`):  `"true"`,
		body(`"Automatic"`, `"create"`, `"network"`, `"TRUE"`):  `"TRUE"`,
		body(`"Automatic"`, `"create"`, `"network"`, `"FALSE"`): `"FALSE"`,
	}
	for b, text := range refused {
		expectFailure(t, f.post(t, ObjectCreatePath, b, s), 400, []string{CodeInvalidFieldValue}, text)
	}
	if n := f.ff.TicketCount(); n != len(accepted) {
		t.Fatalf("%d tickets, want %d", n, len(accepted))
	}
}
