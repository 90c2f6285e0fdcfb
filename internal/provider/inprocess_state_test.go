package provider

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
	ctymsgpack "github.com/zclconf/go-cty/cty/msgpack"
)

// providerSource is the provider's address in state, as the test framework reports it.
const providerSource = `registry.terraform.io/hashicorp/netops`

// inProcessState is the state of an in-process run.
type inProcessState struct {
	objects map[string]*inProcessStateObject
	order   []string // first-written first
}

// inProcessStateObject is one resource instance or data source in state.
type inProcessStateObject struct {
	data                      bool
	addr, typ, name, provider string
	value                     cty.Value
	private                   []byte
	identity                  *tfprotov6.ResourceIdentityData
	tainted                   bool
	deps                      []string
}

func newInProcessState() *inProcessState {
	return &inProcessState{objects: map[string]*inProcessStateObject{}}
}

func (s *inProcessState) set(o *inProcessStateObject) {
	if _, ok := s.objects[o.addr]; !ok {
		s.order = append(s.order, o.addr)
	}
	s.objects[o.addr] = o
}

func (s *inProcessState) remove(addr string) {
	delete(s.objects, addr)
	for i, a := range s.order {
		if a == addr {
			s.order = append(s.order[:i:i], s.order[i+1:]...)
			return
		}
	}
}

// list is the objects in the order they were first written.
func (s *inProcessState) list() []*inProcessStateObject {
	out := make([]*inProcessStateObject, 0, len(s.order))
	for _, a := range s.order {
		out = append(out, s.objects[a])
	}
	return out
}

func (s *inProcessState) clone() *inProcessState {
	c := newInProcessState()
	for _, o := range s.list() {
		cp := *o
		c.set(&cp)
	}
	return c
}

// shim is the state as check functions see it: attributes flattened as the test framework
// flattens Terraform's JSON state ("a.#", "a.0", "m.%", "m.key").
func (s *inProcessState) shim(t *testing.T) *terraform.State {
	t.Helper()
	state := &terraform.State{Modules: []*terraform.ModuleState{{Path: []string{"root"}, Resources: map[string]*terraform.ResourceState{}}}}
	for _, o := range s.list() {
		attrs := flatValue(t, o.addr, o.value)
		id, ok := attrs["id"]
		if !ok {
			id = "id-attribute-not-set"
		}
		state.RootModule().Resources[o.addr] = &terraform.ResourceState{
			Type:         o.typ,
			Provider:     providerSource,
			Dependencies: o.deps,
			Primary:      &terraform.InstanceState{ID: id, Attributes: attrs, Tainted: o.tainted},
		}
	}
	return state
}

// flatValue flattens a wholly known value into the framework's flatmap.
func flatValue(t *testing.T, addr string, v cty.Value) map[string]string {
	t.Helper()
	attrs := map[string]string{}
	if v.IsNull() {
		return attrs
	}
	b, err := ctyjson.Marshal(v, v.Type())
	if err != nil {
		t.Fatalf("%s: %v", addr, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var plain any
	if err := dec.Decode(&plain); err != nil {
		t.Fatalf("%s: %v", addr, err)
	}
	flatten(attrs, "", plain)
	delete(attrs, "%")
	return attrs
}

// dynamicValue encodes v of type ty for the plugin protocol.
func dynamicValue(v cty.Value, ty cty.Type) (*tfprotov6.DynamicValue, error) {
	b, err := ctymsgpack.Marshal(v, ty)
	if err != nil {
		return nil, err
	}
	return &tfprotov6.DynamicValue{MsgPack: b}, nil
}

// ctyValue decodes a provider's answer; a missing value is null.
func ctyValue(dv *tfprotov6.DynamicValue, ty cty.Type) (cty.Value, error) {
	switch {
	case dv == nil:
		return cty.NullVal(ty), nil
	case len(dv.MsgPack) > 0:
		return ctymsgpack.Unmarshal(dv.MsgPack, ty)
	case len(dv.JSON) > 0:
		return ctyjson.Unmarshal(dv.JSON, ty)
	}
	return cty.NullVal(ty), nil
}
