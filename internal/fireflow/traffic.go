package fireflow

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/netip"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// TrafficRequest is the body of POST /change-requests/traffic (fireflow.md section 8).
type TrafficRequest struct {
	Template string        `json:"template"`
	Fields   []Field       `json:"fields,omitempty"`
	Traffic  []TrafficLine `json:"traffic"`
}

// Traffic actions.
const (
	TrafficAllow = "Allow"
	TrafficDrop  = "Drop"
)

// TrafficLine is one "allow (or drop) this traffic" line. It goes out with the item keys
// of AlgoSec's Swagger (fireflow.md section 9, see MarshalJSON); a read takes an item's
// value under whichever key FireFlow used.
type TrafficLine struct {
	Source      Items       `json:"source"`
	Destination Items       `json:"destination"`
	Service     Items       `json:"service"`
	User        *Items      `json:"user,omitempty"`
	Application *Items      `json:"application,omitempty"`
	Action      string      `json:"action"`
	NAT         *NATDetails `json:"natDetails,omitempty"`
	Fields      []Field     `json:"fields,omitempty"`
}

// MarshalJSON sends each item under the key of AlgoSec's Swagger example (fireflow.md
// section 9): a literal address, CIDR or range (and the keywords any and all, which a
// lab client sent so) under "address", an object name under "name" (a literal under
// "name" is looked up as an object and refused), a service under "service", a user or
// an application under "name".
func (l TrafficLine) MarshalJSON() ([]byte, error) {
	side := func(is *Items, key func(string) string) *sentItems {
		if is == nil {
			return nil
		}
		out := &sentItems{Items: make([]sentItem, 0, len(is.Items))}
		for _, it := range is.Items {
			out.Items = append(out.Items, sentItem{key: key(it.Value), value: it.Value, fields: it.Fields})
		}
		return out
	}
	fixed := func(k string) func(string) string { return func(string) string { return k } }
	return json.Marshal(sentLine{
		Source:      side(&l.Source, AddressKey),
		Destination: side(&l.Destination, AddressKey),
		Service:     side(&l.Service, fixed("service")),
		User:        side(l.User, fixed("name")),
		Application: side(l.Application, fixed("name")),
		Action:      l.Action,
		NAT:         l.NAT,
		Fields:      l.Fields,
	})
}

// sentLine is a TrafficLine as sent.
type sentLine struct {
	Source      *sentItems  `json:"source"`
	Destination *sentItems  `json:"destination"`
	Service     *sentItems  `json:"service"`
	User        *sentItems  `json:"user,omitempty"`
	Application *sentItems  `json:"application,omitempty"`
	Action      string      `json:"action"`
	NAT         *NATDetails `json:"natDetails,omitempty"`
	Fields      []Field     `json:"fields,omitempty"`
}

type sentItems struct {
	Items []sentItem `json:"items"`
}

// sentItem is {"<key>": value} with the item's fields after it.
type sentItem struct {
	key, value string
	fields     []Field
}

func (it sentItem) MarshalJSON() ([]byte, error) {
	m := struct {
		Name    *string `json:"name,omitempty"`
		Address *string `json:"address,omitempty"`
		Service *string `json:"service,omitempty"`
		Fields  []Field `json:"fields,omitempty"`
	}{Fields: it.fields}
	switch it.key {
	case "address":
		m.Address = &it.value
	case "service":
		m.Service = &it.value
	default:
		m.Name = &it.value
	}
	return json.Marshal(m)
}

// AddressKey is the key a source or destination item goes under: "address" for an IP
// address, a CIDR, a range a-b or the keyword any or all; "name" for an object name.
func AddressKey(v string) string {
	if strings.EqualFold(v, "any") || strings.EqualFold(v, "all") {
		return "address"
	}
	if _, err := netip.ParseAddr(v); err == nil {
		return "address"
	}
	if _, err := netip.ParsePrefix(v); err == nil {
		return "address"
	}
	if lo, hi, ok := strings.Cut(v, "-"); ok {
		_, errA := netip.ParseAddr(lo)
		_, errB := netip.ParseAddr(hi)
		if errA == nil && errB == nil {
			return "address"
		}
	}
	return "name"
}

// Items is the {"items": [...]} wrapper of a traffic line's sides.
type Items struct {
	Items []Item `json:"items"`
}

// Item is one address, service, user or application of a traffic line.
type Item struct {
	Value  string
	Fields []Field
}

// UnmarshalJSON reads the item's value under "value" (real appliances' reads, fireflow.md
// section 9), "name", "address" or "service".
func (it *Item) UnmarshalJSON(b []byte) error {
	var raw struct {
		Value   string  `json:"value"`
		Name    string  `json:"name"`
		Address string  `json:"address"`
		Service string  `json:"service"`
		Fields  []Field `json:"fields"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	it.Value, it.Fields = "", raw.Fields
	for _, v := range []string{raw.Value, raw.Name, raw.Address, raw.Service} {
		if v != "" {
			it.Value = v
			break
		}
	}
	return nil
}

// Values lists the items' values.
func (is *Items) Values() []string {
	if is == nil {
		return nil
	}
	out := make([]string, 0, len(is.Items))
	for _, it := range is.Items {
		out = append(out, it.Value)
	}
	return out
}

// NATDetails is the optional NAT of a traffic line.
type NATDetails struct {
	Source      []string `json:"source,omitempty"`
	Destination []string `json:"destination,omitempty"`
	Port        []string `json:"port,omitempty"`
	Type        string   `json:"type,omitempty"`
}

// CreateTrafficRequest opens a traffic change request. The POST is never repeated unless
// FireFlow provably did not receive it.
func (c *Client) CreateTrafficRequest(ctx context.Context, r *TrafficRequest) (*Created, error) {
	var out Created
	if err := c.call(ctx, http.MethodPost, "/change-requests/traffic", r, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateTrafficFields sets custom fields of a traffic change request in place (PUT
// .../traffic/{id}/fields, the one documented edit of a request, fireflow.md section 9):
// each field named takes the values given. FireFlow's not-found is transport.IsNotFound.
func (c *Client) UpdateTrafficFields(ctx context.Context, id int64, fields []Field) error {
	body := make([]Field, 0, len(fields))
	for _, f := range fields {
		body = append(body, Field{Key: f.Label(), Values: f.Values})
	}
	err := c.call(ctx, http.MethodPut, fmt.Sprintf("/change-requests/traffic/%d/fields", id), body, nil)
	if transport.IsNotFound(err) {
		return fmt.Errorf("change request not found: traffic change request %d (%w)", id, err)
	}
	return err
}
