package fireflowmock

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

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
// guide), "address" (source and destination items in AlgoSec's Swagger) or "service"
// (service items in the Swagger).
type TrafficItem struct {
	Name    string  `json:"name,omitempty"`
	Address string  `json:"address,omitempty"`
	Service string  `json:"service,omitempty"`
	Fields  []Field `json:"fields,omitempty"`
}

// Value is the item's value under whichever key it came.
func (it TrafficItem) Value() string {
	for _, v := range []string{it.Name, it.Address, it.Service} {
		if v != "" {
			return v
		}
	}
	return ""
}

// NATDetails is natDetails of a line.
type NATDetails struct {
	Source      []string `json:"source,omitempty"`
	Destination []string `json:"destination,omitempty"`
	Port        []string `json:"port,omitempty"`
	Type        string   `json:"type,omitempty"`
}

// ItemKey is the key under which the mock takes the values of traffic items.
type ItemKey string

// Item key settings.
const (
	// ItemKeyEither takes an item under "name", "address" or "service" (the default): the
	// guide's examples send "name" everywhere, its type tables name "address".
	ItemKeyEither ItemKey = ""
	// ItemKeySwagger takes the keys of AlgoSec's Swagger example (fireflow.md section 9):
	// literal addresses, CIDRs and ranges (and the keywords any and all) under "address",
	// object names under "name", services under "service", users and applications under
	// "name". A literal address under "name" is looked up as an object and refused.
	ItemKeySwagger ItemKey = "swagger"
)

func parseItemKey(s string) (ItemKey, error) {
	switch k := ItemKey(s); k {
	case ItemKeyEither, ItemKeySwagger:
		return k, nil
	}
	return "", fmt.Errorf("traffic_item_key must be \"\" or \"swagger\", not %q", s)
}

// SetTrafficItemKey sets the key under which traffic items are taken (see ItemKey).
func (f *FireFlow) SetTrafficItemKey(k ItemKey) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.behaviour.TrafficItemKey = k
}

// servedItems is a side of a line as the traffic read shape shows it: items under
// "name", as sent.
func servedItems(in *TrafficItems) *TrafficItems {
	if in == nil {
		return nil
	}
	out := &TrafficItems{Items: make([]TrafficItem, 0, len(in.Items))}
	for _, it := range in.Items {
		out.Items = append(out.Items, TrafficItem{Name: it.Value(), Fields: it.Fields})
	}
	return out
}

// servedTraffic is the lines of a traffic request as the traffic read shape shows them.
func servedTraffic(lines []TrafficLine) []TrafficLine {
	out := make([]TrafficLine, 0, len(lines))
	for _, l := range lines {
		l.Source = servedItems(l.Source)
		l.Destination = servedItems(l.Destination)
		l.Service = servedItems(l.Service)
		l.User = servedItems(l.User)
		l.Application = servedItems(l.Application)
		out = append(out, l)
	}
	return out
}

// valueLine is a line as a real appliance reads it back (fireflow.md section 9): items
// keyed "value", no fields or NAT.
type valueLine struct {
	Source      valueItems `json:"source"`
	Destination valueItems `json:"destination"`
	Service     valueItems `json:"service"`
	Application valueItems `json:"application"`
	User        valueItems `json:"user"`
	Action      string     `json:"action"`
}

type valueItems struct {
	Items []valueItem `json:"items"`
}

type valueItem struct {
	Value string `json:"value"`
}

// originalTraffic is the lines as requested; a side without items reads "any", as the
// captured read shows for a request sent with empty user and application.
func originalTraffic(lines []TrafficLine) []valueLine {
	return valueLines(lines, func(_, v string) []string { return []string{v} })
}

// plannedTraffic is the lines after the mock's imitation of FireFlow's normalisation:
// any or all becomes the whole IPv4 range, a CIDR a range, a service name its
// protocol/port, ALL every protocol (the captured read shows these rewrites).
func plannedTraffic(lines []TrafficLine) []valueLine {
	return valueLines(lines, normalise)
}

func valueLines(lines []TrafficLine, rewrite func(side, v string) []string) []valueLine {
	side := func(name string, in *TrafficItems) valueItems {
		var out valueItems
		if in == nil || len(in.Items) == 0 {
			in = &TrafficItems{Items: []TrafficItem{{Name: "any"}}}
		}
		for _, it := range in.Items {
			for _, v := range rewrite(name, it.Value()) {
				out.Items = append(out.Items, valueItem{Value: v})
			}
		}
		return out
	}
	out := make([]valueLine, 0, len(lines))
	for _, l := range lines {
		out = append(out, valueLine{
			Source:      side("source", l.Source),
			Destination: side("destination", l.Destination),
			Service:     side("service", l.Service),
			Application: side("application", l.Application),
			User:        side("user", l.User),
			Action:      l.Action,
		})
	}
	return out
}

// wellKnownServices are the service names the mock's normalisation rewrites.
var wellKnownServices = map[string]string{"http": "tcp/80", "https": "tcp/443", "ssh": "tcp/22", "dns": "udp/53", "smtp": "tcp/25"}

// allServices is what the captured read planned for the service ALL.
var allServices = []string{"tcp/*", "udp/*", "ospf", "icmp/*", "gre", "ipsec_50", "ipsec_51"}

func normalise(side, v string) []string {
	lower := strings.ToLower(v)
	switch side {
	case "source", "destination":
		if lower == "any" || lower == "all" {
			return []string{"0.0.0.0-255.255.255.255"}
		}
		if p, err := netip.ParsePrefix(v); err == nil && p.Addr().Is4() {
			p = p.Masked()
			first := p.Addr().As4()
			last := first
			for i := p.Bits(); i < 32; i++ {
				last[i/8] |= 0x80 >> (i % 8)
			}
			return []string{p.Addr().String() + "-" + netip.AddrFrom4(last).String()}
		}
	case "service":
		if lower == "any" || lower == "all" {
			return slices.Clone(allServices)
		}
		if s, ok := wellKnownServices[lower]; ok {
			return []string{s}
		}
	}
	return []string{v}
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

// SwaggerTrafficExample is GuideTrafficExample with the item keys of AlgoSec's Swagger
// example (fireflow.md section 9): literal addresses under "address", the object name
// under "name", services under "service".
const SwaggerTrafficExample = `{"template": "Basic Change Traffic Request",
 "fields": [{"key": "subject", "values": ["open https"]},
            {"key": "Change Request Description", "values": ["web tier"]},
            {"name": "devices", "values": ["FW_101", "FW_102"]}],
 "traffic": [{
   "source":      {"items": [{"address": "1.1.1.0/24"}, {"name": "host_object"}]},
   "destination": {"items": [{"address": "2.2.2.2-2.2.2.150", "fields": [{"key": "CFPTI", "values": ["d1"]}]}]},
   "service":     {"items": [{"service": "https"}, {"service": "tcp/8080"}]},
   "user":        {"items": [{"name": "user1"}]},
   "application": {"items": [{"name": "any"}]},
   "action": "Allow",
   "natDetails": {"source": ["9.9.9.9"], "destination": ["8.8.8.8"], "port": ["tcp/8080"], "type": "Static"},
   "fields": [{"key": "Requested Source Group Name", "values": ["sourceGroup100"]}]}]}`
