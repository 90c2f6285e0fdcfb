package fireflow

import (
	"context"
	"encoding/json"
	"net/http"
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

// TrafficLine is one "allow (or drop) this traffic" line.
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

// Items is the {"items": [...]} wrapper of a traffic line's sides.
type Items struct {
	Items []Item `json:"items"`
}

// Item is one address, service, user or application of a traffic line. It goes out as
// {"name": ...}, the form of every example of the guide; its type tables name the key of
// source and destination items "address", so a read accepts either.
type Item struct {
	Name   string  `json:"name"`
	Fields []Field `json:"fields,omitempty"`
}

// UnmarshalJSON reads the item's value under "name" or "address".
func (it *Item) UnmarshalJSON(b []byte) error {
	var raw struct {
		Name    string  `json:"name"`
		Address string  `json:"address"`
		Fields  []Field `json:"fields"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	it.Name, it.Fields = raw.Name, raw.Fields
	if it.Name == "" {
		it.Name = raw.Address
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
		out = append(out, it.Name)
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
