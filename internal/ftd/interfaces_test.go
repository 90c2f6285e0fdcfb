package ftd_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

const interfacesPath = "/devices/default/interfaces"

// interfaceQueries lists the offset and limit of every interface list call.
func interfaceQueries(t *testing.T, s *mock.Server) []url.Values {
	t.Helper()
	var out []url.Values
	for _, c := range s.Calls() {
		if c.Method == http.MethodGet && c.Path == apiPath(interfacesPath) {
			q, err := url.ParseQuery(c.RawQuery)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, q)
		}
	}
	return out
}

func TestFindInterface_byHardwareNameOnOnePage(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	c := f.client(t, ftdmock.Primary)
	want, _ := f.pair.InterfaceByHardwareName(ftdmock.Primary, "GigabitEthernet0/9")
	got, err := c.FindInterface(t.Context(), "GigabitEthernet0/9")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != want.ID || got.Version != want.Version || got.Name != "" || got.Type != "physicalinterface" {
		t.Errorf("found %+v, want id %s", got, want.ID)
	}
	// The client asks for pages of 100: the unit's 11 interfaces come in one.
	qs := interfaceQueries(t, f.srv[0])
	if len(qs) != 1 || qs[0].Get("offset") != "0" || qs[0].Get("limit") != "100" {
		t.Errorf("queries %v", qs)
	}
	if _, err := c.FindInterface(t.Context(), "GigabitEthernet0/42"); err == nil || !strings.Contains(err.Error(), "GigabitEthernet0/9") {
		t.Errorf("unknown interface: %v", err)
	}
}

// A unit that caps pages at its default of 10 puts GigabitEthernet0/9 on page
// two; the client follows paging.count to it.
func TestFindInterface_followsPaging(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	all := f.pair.Interfaces(ftdmock.Primary)
	type item struct {
		ID           string  `json:"id"`
		Type         string  `json:"type"`
		Name         *string `json:"name"`
		HardwareName string  `json:"hardwareName"`
		Version      string  `json:"version"`
	}
	var first []item
	for _, itf := range all[:10] {
		it := item{ID: itf.ID, Type: "physicalinterface", HardwareName: itf.HardwareName, Version: itf.Version}
		if itf.Name != "" {
			it.Name = &itf.Name
		}
		first = append(first, it)
	}
	body, err := json.Marshal(map[string]any{
		"items":  first,
		"paging": map[string]any{"prev": []string{}, "next": []string{"?offset=10&limit=10"}, "limit": 10, "offset": 0, "count": len(all), "pages": 2},
	})
	if err != nil {
		t.Fatal(err)
	}
	f.srv[0].Inject(mock.Fault{Method: http.MethodGet, Path: apiPath(interfacesPath), Status: http.StatusOK, ContentType: "application/json", Body: string(body)})

	got, err := f.client(t, ftdmock.Primary).FindInterface(t.Context(), "GigabitEthernet0/9")
	if err != nil {
		t.Fatal(err)
	}
	if want := all[10]; got.ID != want.ID || got.HardwareName != "GigabitEthernet0/9" {
		t.Errorf("found %+v, want %+v", got, want)
	}
	qs := interfaceQueries(t, f.srv[0])
	if len(qs) != 2 || qs[0].Get("offset") != "0" || qs[1].Get("offset") != "10" {
		t.Errorf("queries %v, want offsets 0 then 10", qs)
	}
}
