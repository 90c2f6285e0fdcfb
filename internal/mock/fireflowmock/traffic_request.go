package fireflowmock

import "fmt"

// TrafficRequest is the body of POST /change-requests/traffic as the mock parsed
// it (fireflow.md section 8).
type TrafficRequest struct {
	Template string        `json:"template"`
	Fields   []Field       `json:"fields"`
	Traffic  []TrafficLine `json:"traffic"`
}

// TrafficLine is one entry of traffic.
type TrafficLine struct {
	Source      *TrafficItems `json:"source,omitempty"`
	Destination *TrafficItems `json:"destination,omitempty"`
	Service     *TrafficItems `json:"service,omitempty"`
	User        *TrafficItems `json:"user,omitempty"`
	Application *TrafficItems `json:"application,omitempty"`
	Action      string        `json:"action"`
	NATDetails  *NATDetails   `json:"natDetails,omitempty"`
	Fields      []Field       `json:"fields,omitempty"`
}

// TrafficItems is the {"items": [...]} of one side of a line.
type TrafficItems struct {
	Items []TrafficItem `json:"items"`
}

// TrafficItem is one item as sent: its value under "name" (every example of the
// guide) or "address" (the guide's type tables, for source and destination).
type TrafficItem struct {
	Name    string  `json:"name,omitempty"`
	Address string  `json:"address,omitempty"`
	Fields  []Field `json:"fields,omitempty"`
}

// Value is the item's value under whichever key it came.
func (it TrafficItem) Value() string {
	if it.Name != "" {
		return it.Name
	}
	return it.Address
}

// NATDetails is natDetails of a line.
type NATDetails struct {
	Source      []string `json:"source,omitempty"`
	Destination []string `json:"destination,omitempty"`
	Port        []string `json:"port,omitempty"`
	Type        string   `json:"type,omitempty"`
}

// ItemKey is the key under which the mock takes and serves the value of source and
// destination items. The guide's examples send "name" everywhere; its type tables name
// the key of address items "address". Which one a release accepts is not stated.
type ItemKey string

// Item key settings.
const (
	ItemKeyEither  ItemKey = ""        // take "name" or "address"; serve "name" (the default)
	ItemKeyName    ItemKey = "name"    // take and serve "name" only
	ItemKeyAddress ItemKey = "address" // take and serve "address" for source and destination
)

func parseItemKey(s string) (ItemKey, error) {
	switch k := ItemKey(s); k {
	case ItemKeyEither, ItemKeyName, ItemKeyAddress:
		return k, nil
	}
	return "", fmt.Errorf("traffic_item_key must be \"\", \"name\" or \"address\", not %q", s)
}

// SetTrafficItemKey sets the key of address items (see ItemKey).
func (f *FireFlow) SetTrafficItemKey(k ItemKey) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.itemKey = k
}

// servedItems is a side of a line as reads show it, under the item key. Callers hold f.mu.
func (f *FireFlow) servedItems(in *TrafficItems, address bool) *TrafficItems {
	if in == nil {
		return nil
	}
	out := &TrafficItems{Items: make([]TrafficItem, 0, len(in.Items))}
	for _, it := range in.Items {
		served := TrafficItem{Name: it.Value(), Fields: it.Fields}
		if address && f.itemKey == ItemKeyAddress {
			served = TrafficItem{Address: it.Value(), Fields: it.Fields}
		}
		out.Items = append(out.Items, served)
	}
	return out
}

// servedTraffic is the lines of a traffic request as reads show them (the guide shows
// no read of them; the mock serves them as they were sent). Callers hold f.mu.
func (f *FireFlow) servedTraffic(lines []TrafficLine) []TrafficLine {
	out := make([]TrafficLine, 0, len(lines))
	for _, l := range lines {
		l.Source = f.servedItems(l.Source, true)
		l.Destination = f.servedItems(l.Destination, true)
		l.Service = f.servedItems(l.Service, false)
		l.User = f.servedItems(l.User, false)
		l.Application = f.servedItems(l.Application, false)
		out = append(out, l)
	}
	return out
}

// GuideTrafficExample is the traffic request of the guide's example (fireflow.md
// section 8) on the seeded devices FW_101 and FW_102, with a subject and a description.
const GuideTrafficExample = `{"template": "Basic Change Traffic Request",
 "fields": [{"key": "subject", "values": ["open https"]},
            {"key": "Change Request Description", "values": ["web tier"]},
            {"name": "devices", "values": ["FW_101", "FW_102"]}],
 "traffic": [{
   "source":      {"items": [{"name": "1.1.1.0/24"}, {"name": "host_object"}]},
   "destination": {"items": [{"name": "2.2.2.2-2.2.2.150", "fields": [{"key": "CFPTI", "values": ["d1"]}]}]},
   "service":     {"items": [{"name": "https"}, {"name": "tcp/8080"}]},
   "user":        {"items": [{"name": "user1"}]},
   "application": {"items": [{"name": "any"}]},
   "action": "Allow",
   "natDetails": {"source": ["9.9.9.9"], "destination": ["8.8.8.8"], "port": ["tcp/8080"], "type": "Static"},
   "fields": [{"key": "Requested Source Group Name", "values": ["sourceGroup100"]}]}]}`
