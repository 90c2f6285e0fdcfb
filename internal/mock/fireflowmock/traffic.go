package fireflowmock

import (
	"fmt"
	"net/http"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Traffic actions (fireflow.md section 8), compared exactly as the guide spells them.
const (
	TrafficAllow = "Allow"
	TrafficDrop  = "Drop"
)

// Codes of traffic refusals: the mock's own naming, no source gives one.
const (
	CodeIPv6NotSupported = "IPV6_NOT_SUPPORTED_BY_TEMPLATE"
	CodeMixedIPVersions  = "MIXED_IP_VERSIONS"
)

// serviceForm is protocol/port as the guide's examples write services (tcp/8080).
var serviceForm = regexp.MustCompile(`(?i)^(tcp|udp|sctp|icmp|icmp6|ip|gre|esp|ah)/(any|\*|\d{1,5}(-\d{1,5})?)$`)

func (f *FireFlow) createTrafficRequest(w http.ResponseWriter, r *http.Request) {
	var req TrafficRequest
	body, ok := decodeBody(w, r, &req)
	if !ok {
		return
	}
	f.finishCreate(w, r, func() (int, []Message) {
		fields, devices, msgs := f.checkTrafficRequest(&req)
		if len(msgs) > 0 {
			return 0, msgs
		}
		return f.storeTrafficRequest(&req, fields, devices, body), nil
	})
}

// checkTrafficRequest validates req in two rounds (the request itself, then its
// devices) and returns the fields to store and the devices the request is planned
// on. Callers hold f.mu.
func (f *FireFlow) checkTrafficRequest(req *TrafficRequest) ([]Field, []string, []Message) {
	msgs := f.templateProblem(req.Template, KindTraffic)
	fields, fieldMsgs := f.ruleRemovalFields(req.Fields)
	msgs = append(msgs, fieldMsgs...)
	if len(req.Traffic) == 0 {
		msgs = append(msgs, missing("traffic"))
	}
	ipv6Template := f.templates[req.Template].IPv6
	for i, l := range req.Traffic {
		msgs = append(msgs, f.checkTrafficLine(l, i+1, ipv6Template)...)
	}
	if len(msgs) > 0 {
		return nil, nil, msgs
	}
	devices := deviceField(req.Fields)
	if len(devices) == 0 {
		devices = slices.Clone(f.trafficPath)
	}
	if unknown := f.unknownDevices(devices); len(unknown) > 0 {
		return nil, nil, []Message{{CodeDevicesNotFound, "Cannot find devices: " + strings.Join(unknown, ", ") + "."}}
	}
	return fields, devices, nil
}

// checkTrafficLine checks one line; line is its 1-based position. Callers hold f.mu.
func (f *FireFlow) checkTrafficLine(l TrafficLine, line int, ipv6Template bool) []Message {
	var msgs []Message
	at := " (traffic line " + strconv.Itoa(line) + ")"
	switch l.Action {
	case TrafficAllow, TrafficDrop:
	case "":
		msgs = append(msgs, missing("action"+at))
	default:
		msgs = append(msgs, invalid("Invalid action %s%s: expected Allow or Drop", l.Action, at))
	}
	families := map[string]bool{}
	for _, side := range []struct {
		name     string
		items    *TrafficItems
		required bool
		address  bool
	}{
		{"source", l.Source, true, true},
		{"destination", l.Destination, true, true},
		{"service", l.Service, true, false},
		{"user", l.User, false, false},
		{"application", l.Application, false, false},
	} {
		if side.items == nil || len(side.items.Items) == 0 {
			if side.required {
				msgs = append(msgs, missing(side.name+at))
			}
			continue
		}
		for j, it := range side.items.Items {
			where := fmt.Sprintf("%s.items[%d]", side.name, j)
			value, m := f.itemValue(it, side.name, where+at)
			msgs = append(msgs, m...)
			switch {
			case value == "":
			case side.address:
				fam, ok := addressFamily(value)
				if !ok {
					msgs = append(msgs, invalid("Invalid address %s in %s%s", value, where, at))
				}
				if fam != "" {
					families[fam] = true
				}
			case side.name == "service" && strings.Contains(value, "/") && !serviceForm.MatchString(value):
				msgs = append(msgs, invalid("Invalid service %s in %s%s", value, where, at))
			}
		}
	}
	switch {
	case families["IPv4"] && families["IPv6"]:
		msgs = append(msgs, Message{CodeMixedIPVersions, "Traffic line " + strconv.Itoa(line) + " mixes IPv4 and IPv6 addresses"})
	case families["IPv6"] && !ipv6Template:
		msgs = append(msgs, Message{CodeIPv6NotSupported, "IPv6 addresses need an IPv6 template such as " + TrafficTemplateIPv6 + at})
	}
	return msgs
}

// itemValue reads an item under the keys the item key setting takes. side is source,
// destination, service, user or application. Callers hold f.mu.
func (f *FireFlow) itemValue(it TrafficItem, side, where string) (string, []Message) {
	if f.behaviour.TrafficItemKey != ItemKeySwagger {
		if v := it.Value(); v != "" {
			return v, nil
		}
		return "", []Message{missing("name of " + where)}
	}
	switch side {
	case "source", "destination":
		switch {
		case it.Address != "" && !literalAddress(it.Address) && !anyAddress(it.Address):
			return "", []Message{invalid("Invalid address %s in %s: an object goes under \"name\"", it.Address, where)}
		case it.Address != "":
			return it.Address, nil
		case it.Name == "":
			return "", []Message{missing("address of " + where)}
		case literalAddress(it.Name):
			// Under "name" a value is an object name: a literal is looked up and not found.
			return "", []Message{{CodeObjectNotFound, "Cannot find object " + it.Name + " in " + where}}
		}
		return it.Name, nil
	case "service":
		if it.Service != "" {
			return it.Service, nil
		}
		return "", []Message{missing("service of " + where)}
	}
	if it.Name != "" {
		return it.Name, nil
	}
	return "", []Message{missing("name of " + where)}
}

// anyAddress is the keyword any or all, which the captured create sent under "address".
func anyAddress(v string) bool { return strings.EqualFold(v, "any") || strings.EqualFold(v, "all") }

// literalAddress tells an address, CIDR or range (of either family) from an object name.
func literalAddress(v string) bool {
	fam, _ := addressFamily(v)
	return fam != ""
}

// addressFamily tells an address, CIDR or range a-b (IPv4 or IPv6, "" for an object
// name) and whether it is well formed.
func addressFamily(v string) (string, bool) {
	family := func(a netip.Addr) string {
		if a.Is4() {
			return "IPv4"
		}
		return "IPv6"
	}
	if a, err := netip.ParseAddr(v); err == nil {
		return family(a), true
	}
	if p, err := netip.ParsePrefix(v); err == nil {
		return family(p.Addr()), true
	}
	if lo, hi, ok := strings.Cut(v, "-"); ok {
		a, errA := netip.ParseAddr(lo)
		b, errB := netip.ParseAddr(hi)
		if errA == nil && errB == nil {
			return family(a), a.Is4() == b.Is4() && a.Compare(b) <= 0
		}
	}
	// An object name: anything that does not try to be an address.
	looksNumeric := strings.Trim(v, "0123456789./:-abcdefABCDEF") == "" && strings.ContainsAny(v, ".:")
	return "", !looksNumeric && strings.TrimSpace(v) == v
}

// storeTrafficRequest stores a parent and one child per device. Callers hold f.mu.
func (f *FireFlow) storeTrafficRequest(req *TrafficRequest, fields []Field, devices []string, body []byte) int {
	now := f.clock.Now()
	parent := &ticket{
		id:         f.allocateID(),
		kind:       KindTraffic,
		template:   req.Template,
		devices:    slices.Clone(devices),
		fields:     fields,
		body:       body,
		trafficReq: req,
	}
	f.store(parent, now)
	for _, d := range devices {
		child := &ticket{
			id:         f.allocateID(),
			kind:       KindTraffic,
			template:   req.Template,
			devices:    []string{d},
			parent:     parent.id,
			fields:     fields,
			body:       body,
			trafficReq: req,
		}
		f.store(child, now)
		parent.children = append(parent.children, child.id)
	}
	return parent.id
}
