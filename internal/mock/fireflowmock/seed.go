package fireflowmock

import (
	"fmt"
	"slices"
	"strings"
)

// Seeded inventory: the templates, devices, objects and rules that the examples of
// seeds 002 and 003 name, plus the zone-based device of the seed 002 failure example.
const (
	ObjectTemplate      = "135: Object Change Multi Device Request"
	RuleRemovalTemplate = "140: Rule Removal Request"
	TrafficTemplate     = "Basic Change Traffic Request"
	TrafficTemplateIPv6 = "170: Traffic Change Request (IPv6)"

	DeviceFW101     = "FW_101"
	DeviceFW102     = "FW_102"
	DeviceZoneBased = "10_20_152_1" // does not support global objects
	DeviceOritGW2   = "Orit_GW2"    // holds RuleA and RuleB; can disable rules

	RuleA = "BC100ABA-446E-493B-9707-604C2A493676"
	RuleB = "88784DAF-C0A9-4B06-AE94-E8199A802EAC"
)

// Kind is the family of a change request, as its read path names it.
type Kind string

// Kinds of change request.
const (
	KindObject      Kind = "object"
	KindRuleRemoval Kind = "rule-removal"
	KindTraffic     Kind = "traffic"
)

// Template is a change request template; a create names it, and it must be of
// the kind of the create.
type Template struct {
	Name string `json:"name"`
	Kind Kind   `json:"kind"`
	IPv6 bool   `json:"ipv6,omitempty"` // a traffic template for IPv6 traffic
	// Disabled: listed with enabled false, and refused by creates.
	Disabled bool `json:"disabled,omitempty"`
	// ID is the id GET /templates shows; 0 takes the next free one.
	ID int `json:"id,omitempty"`
}

// Device is an AFA device. Requests name it by Name (the device database name);
// error messages print DisplayName.
type Device struct {
	Name            string `json:"name"`
	DisplayName     string `json:"display_name"`
	ZoneBased       bool   `json:"zone_based"`
	CanDisableRules bool   `json:"can_disable_rules"`
}

// Object is a network or service object on a device.
type Object struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"` // "network" or "service"
	IsGroup bool     `json:"is_group"`
	Values  []string `json:"values"`
}

type objectKey struct{ typ, name string }

type device struct {
	Device
	objects map[objectKey]Object
	rules   []string
}

func (f *FireFlow) seed() {
	for _, t := range []Template{
		{Name: ObjectTemplate, Kind: KindObject},
		{Name: RuleRemovalTemplate, Kind: KindRuleRemoval},
		{Name: TrafficTemplate, Kind: KindTraffic},
		{Name: TrafficTemplateIPv6, Kind: KindTraffic, IPv6: true},
	} {
		f.addTemplate(t)
	}
	f.addDevice(Device{Name: DeviceFW101})
	f.addDevice(Device{Name: DeviceFW102})
	f.addDevice(Device{Name: DeviceZoneBased, ZoneBased: true})
	f.addDevice(Device{Name: DeviceOritGW2, CanDisableRules: true})

	// Seed 002, "add objects to group", on both devices it names.
	for _, d := range []string{DeviceFW101, DeviceFW102} {
		f.mustAddObject(d, Object{Name: "GR_Network_Devices", Type: "network", IsGroup: true, Values: []string{}})
		f.mustAddObject(d, Object{Name: "Net_10.163.40.232_31", Type: "network", Values: []string{"10.163.40.232/31"}})
		f.mustAddObject(d, Object{Name: "HK_Cyberark_10.133.21.217", Type: "network", Values: []string{"10.133.21.217"}})
	}
	// Seed 002, "replace content, remove objects from group, and delete", on FW_101 only.
	f.mustAddObject(DeviceFW101, Object{Name: "object2", Type: "network", Values: []string{"10.20.30.2"}})
	f.mustAddObject(DeviceFW101, Object{Name: "Net_211.72.241.0", Type: "network", Values: []string{"211.72.241.0/24"}})
	f.mustAddObject(DeviceFW101, Object{Name: "Net_61.219.22.0", Type: "network", Values: []string{"61.219.22.0/24"}})
	f.mustAddObject(DeviceFW101, Object{Name: "GP_Captical", Type: "network", IsGroup: true, Values: []string{"Net_211.72.241.0", "Net_61.219.22.0"}})
	f.mustAddObject(DeviceFW101, Object{Name: "Net_203.69.50.0", Type: "network", Values: []string{"203.69.50.0/24"}})

	// Seed 003, "multiple rules".
	f.devices[DeviceOritGW2].rules = []string{RuleA, RuleB}
}

func (f *FireFlow) mustAddObject(dev string, o Object) {
	if err := f.addObject(dev, o); err != nil {
		panic(err)
	}
}

// AddTemplate adds or replaces a template.
func (f *FireFlow) AddTemplate(t Template) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.addTemplate(t)
}

func (f *FireFlow) addTemplate(t Template) {
	if t.ID == 0 {
		t.ID = 550 + len(f.templates) // the captured list shows ids such as 550
		if old, ok := f.templates[t.Name]; ok {
			t.ID = old.ID
		}
	}
	f.templates[t.Name] = t
}

// AddDevice adds or replaces a device (dropping its objects and rules).
// DisplayName defaults to Name.
func (f *FireFlow) AddDevice(d Device) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.addDevice(d)
}

func (f *FireFlow) addDevice(d Device) {
	if d.DisplayName == "" {
		d.DisplayName = d.Name
	}
	f.devices[d.Name] = &device{Device: d, objects: map[objectKey]Object{}}
}

// AddObject adds or replaces an object on a known device.
func (f *FireFlow) AddObject(dev string, o Object) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.addObject(dev, o)
}

func (f *FireFlow) addObject(dev string, o Object) error {
	d, ok := f.devices[dev]
	if !ok {
		return fmt.Errorf("no device %q", dev)
	}
	o.Type = strings.ToLower(o.Type)
	if o.Type != "network" && o.Type != "service" {
		return fmt.Errorf("object type must be network or service, not %q", o.Type)
	}
	o.Values = slices.Clone(o.Values)
	d.objects[objectKey{o.Type, o.Name}] = o
	return nil
}

// RemoveObject removes an object from a device, as if deleted on the device;
// it reports whether the object existed.
func (f *FireFlow) RemoveObject(dev, typ, name string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.devices[dev]
	if !ok {
		return false
	}
	k := objectKey{strings.ToLower(typ), name}
	_, ok = d.objects[k]
	delete(d.objects, k)
	return ok
}

// AddRule adds a rule id to a known device.
func (f *FireFlow) AddRule(dev, ruleID string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.devices[dev]
	if !ok {
		return fmt.Errorf("no device %q", dev)
	}
	if !slices.Contains(d.rules, ruleID) {
		d.rules = append(d.rules, ruleID)
	}
	return nil
}

// Object returns an object of a device.
func (f *FireFlow) Object(dev, typ, name string) (Object, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.devices[dev]
	if !ok {
		return Object{}, false
	}
	o, ok := d.objects[objectKey{strings.ToLower(typ), name}]
	o.Values = slices.Clone(o.Values)
	return o, ok
}
