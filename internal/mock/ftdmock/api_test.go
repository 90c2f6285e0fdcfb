package ftdmock

import (
	"net/http"
	"testing"
)

func TestVersions(t *testing.T) {
	f := newFixture(t)
	var v struct {
		SupportedVersions []string `json:"supportedVersions"`
	}
	f.ok(t, Primary, "GET", "/api/versions", "", nil, &v)
	if len(v.SupportedVersions) != 3 || v.SupportedVersions[2] != "v6" {
		t.Fatalf("versions: %+v", v)
	}
	tok := f.login(t, Primary).AccessToken
	var st tStatus
	f.ok(t, Primary, "GET", "/api/fdm/latest/devices/default/operational/ha/status/default", tok, nil, &st)
	if st.Links.Self != f.srv[Primary].URL()+"/api/fdm/latest/devices/default/operational/ha/status/default" {
		t.Fatalf("links.self under latest: %q", st.Links.Self)
	}
	f.ok(t, Primary, "GET", "/api/fdm/v4/devices/default/interfaces", tok, nil, nil)
	expectError(t, f.do(t, Primary, "GET", "/api/fdm/v9/devices/default/interfaces", tok, nil), 404, keyGeneral, "not found")
	expectError(t, f.do(t, Primary, "GET", api("devices/default/nothing"), tok, nil), 404, keyGeneral, "not found")
	expectError(t, f.do(t, Primary, "GET", "/nothing", "", nil), 404, keyGeneral, "not found")
}

func TestContentNegotiation(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Primary).AccessToken
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, f.srv[Primary].URL()+api("devices/default/interfaces"), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Accept", "application/xml")
	resp, err := f.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusNotAcceptable {
		t.Fatalf("Accept: application/xml: %d", resp.StatusCode)
	}
	ans := f.do(t, Primary, "DELETE", api("devices/default/action/ha/join"), tok, nil)
	expectError(t, ans, 405, keyGeneral, "DELETE")
}

func TestInterfacesPaging(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Primary).AccessToken
	var page1, page2 tList[tInterface]
	f.ok(t, Primary, "GET", api("devices/default/interfaces"), tok, nil, &page1)
	if len(page1.Items) != 10 || page1.Paging.Count != 11 || page1.Paging.Pages != 2 || page1.Paging.Limit != 10 || len(page1.Paging.Next) != 1 || len(page1.Paging.Prev) != 0 {
		t.Fatalf("page 1: %+v", page1.Paging)
	}
	if page1.Items[0].HardwareName != "Management0/0" || !page1.Items[0].ManagementOnly || page1.Items[1].Name == nil || *page1.Items[1].Name != "outside" {
		t.Fatalf("first items: %+v", page1.Items[:2])
	}
	next := page1.Paging.Next[0]
	want := f.srv[Primary].URL() + api("devices/default/interfaces?limit=10&offset=10")
	if next != want {
		t.Fatalf("next = %q, want %q", next, want)
	}
	f.ok(t, Primary, "GET", next[len(f.srv[Primary].URL()):], tok, nil, &page2)
	if len(page2.Items) != 1 || page2.Items[0].HardwareName != "GigabitEthernet0/9" || page2.Items[0].Name != nil || !page2.Items[0].Enabled || len(page2.Paging.Prev) != 1 {
		t.Fatalf("page 2: %+v", page2)
	}
	var one tInterface
	f.ok(t, Primary, "GET", api("devices/default/interfaces/"+page2.Items[0].ID), tok, nil, &one)
	if one.HardwareName != "GigabitEthernet0/9" || one.Type != "physicalinterface" || one.Version == "" {
		t.Fatalf("interface: %+v", one)
	}
	expectError(t, f.do(t, Primary, "GET", api("devices/default/interfaces/nope"), tok, nil), 404, keyGeneral, "not found")

	var named tList[tInterface]
	f.ok(t, Primary, "GET", api("devices/default/interfaces?filter=name:inside"), tok, nil, &named)
	if len(named.Items) != 1 || named.Items[0].HardwareName != "GigabitEthernet0/1" {
		t.Fatalf("filter by name: %+v", named)
	}
	expectError(t, f.do(t, Primary, "GET", api("devices/default/interfaces?filter=mtu:1500"), tok, nil), 422, keyValidation, "Unsupported filter")
	expectError(t, f.do(t, Primary, "GET", api("devices/default/interfaces?limit=x"), tok, nil), 422, keyValidation, "limit")

	// The secondary has the same hardware under its own ids.
	a, _ := f.pair.InterfaceByHardwareName(Primary, "GigabitEthernet0/7")
	b, _ := f.pair.InterfaceByHardwareName(Secondary, "GigabitEthernet0/7")
	if a.ID == b.ID || a.ID == "" || len(f.pair.Interfaces(Secondary)) != 11 {
		t.Fatalf("interfaces: %+v %+v", a, b)
	}
}

func TestJobHistory(t *testing.T) {
	f := newFixture(t)
	tok := f.login(t, Primary).AccessToken
	f.configure(t, Primary, tok, RolePrimary)
	j := f.postJob(t, Primary, OpJoin, tok, nil)
	var hist tList[map[string]any]
	f.ok(t, Primary, "GET", api("jobs"), tok, nil, &hist)
	if len(hist.Items) != 1 || hist.Items[0]["id"] != j.ID || hist.Items[0]["status"] != "QUEUED" {
		t.Fatalf("history: %+v", hist)
	}
	f.clock.Advance(jobTime)
	if ans := f.do(t, Primary, "DELETE", api("jobs"), tok, nil); ans.status != 204 || ans.raw != "" {
		t.Fatalf("DELETE /jobs: %d %q", ans.status, ans.raw)
	}
	f.ok(t, Primary, "GET", api("jobs"), tok, nil, &hist)
	if len(hist.Items) != 0 {
		t.Fatalf("history after DELETE: %+v", hist)
	}
	f.job(t, Primary, OpJoin, tok, j.ID)
}
