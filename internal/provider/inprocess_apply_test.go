package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/zclconf/go-cty/cty"
)

// apply is `terraform apply` of a saved plan: the plan's refreshed state is kept; objects
// are destroyed first, dependents before what they depend on, then created, updated and
// read in dependency order. A failed object stops what depends on it, not the rest.
func (r *inProcessRun) apply(p *inProcessPlan) error {
	ps, err := r.start(false)
	if err != nil {
		return err
	}
	r.state = p.prior
	failed := map[string]bool{}
	var d inProcessDiags
	var deletes []*inProcessChange
	for _, ch := range p.changes {
		if ch.actions.Delete() || ch.actions.DestroyBeforeCreate() {
			deletes = append(deletes, ch)
		}
	}
	for _, ch := range destroyOrder(deletes) {
		if err := ps.applyDelete(r.state, ch); err != nil {
			d.addErr(err)
			failed[ch.addr] = true
		}
	}
	for _, ch := range p.changes {
		if ch.obj == nil || ch.actions.NoOp() || ch.actions.Delete() {
			continue
		}
		blocked := failed[ch.addr]
		for _, dep := range ch.deps {
			blocked = blocked || failed[dep]
		}
		if blocked {
			failed[ch.addr] = true
			continue
		}
		if err := ps.applyChange(r.config, r.state, ch); err != nil {
			d.addErr(err)
			failed[ch.addr] = true
		}
	}
	return d.err()
}

// destroyOrder orders deletes so that an object goes before everything it depends on.
func destroyOrder(deletes []*inProcessChange) []*inProcessChange {
	remaining := append([]*inProcessChange(nil), deletes...)
	var out []*inProcessChange
	for len(remaining) > 0 {
		pick := len(remaining) - 1
		for i := len(remaining) - 1; i >= 0; i-- {
			needed := false
			for j, other := range remaining {
				if j == i {
					continue
				}
				for _, dep := range other.deps {
					needed = needed || dep == remaining[i].addr
				}
			}
			if !needed {
				pick = i
				break
			}
		}
		out = append(out, remaining[pick])
		remaining = append(remaining[:pick], remaining[pick+1:]...)
	}
	return out
}

// applyDelete destroys an object (alone, or as the first half of a replacement).
func (ps *inProcessProviders) applyDelete(state *inProcessState, ch *inProcessChange) error {
	cur := state.objects[ch.addr]
	if cur == nil {
		return nil
	}
	_, ty := ps.schema(cur.provider, cur.typ, false)
	null := cty.NullVal(ty)
	private := ch.private
	if !ch.actions.Delete() {
		private = cur.private
	}
	resp, err := ps.applyCall(cur.provider, cur.typ, ty, cur.value, null, null, private, nil)
	must(ps.t, err)
	var d inProcessDiags
	d.add(ch.addr, resp.Diagnostics)
	if err := d.err(); err != nil {
		return err
	}
	state.remove(ch.addr)
	return nil
}

// applyChange creates, updates or reads one object with its final configuration: the
// object is planned again, and Terraform's checks of the final plan and of the result are
// made. A create that fails after the object exists leaves it tainted.
func (ps *inProcessProviders) applyChange(c *inProcessConfig, state *inProcessState, ch *inProcessChange) error {
	t := ps.t
	o := ch.obj
	block, ty := ps.schema(o.provider, o.typ, o.data)
	lookup := func(addr string) (cty.Value, bool) {
		if so := state.objects[addr]; so != nil {
			return so.value, true
		}
		return cty.NilVal, false
	}
	cfg, err := decodeValue(o.body, block, c.evalContext(lookup))
	if err != nil {
		return err
	}
	if o.data {
		v, err := ps.readData(o, cfg, ty)
		if err != nil {
			return err
		}
		state.set(&inProcessStateObject{data: true, addr: o.addr, typ: o.typ, name: o.name, provider: o.provider, value: v, deps: o.deps})
		return nil
	}
	create := !ch.actions.Update()
	prior := cty.NullVal(ty)
	var private []byte
	var identity *tfprotov6.ResourceIdentityData
	if cur := state.objects[o.addr]; cur != nil && !create {
		prior, private, identity = cur.value, cur.private, cur.identity
	}
	planResp, final, err := ps.planCall(o.addr, o.provider, o.typ, block, ty, prior, cfg, private, identity)
	if err != nil {
		return err
	}
	if err := checkCompatible(cty.Path{}, ch.planned, final); err != nil {
		return fmt.Errorf("Error: Provider produced inconsistent final plan\n\n  with %s,\n\n%s\n", o.addr, err)
	}
	resp, err := ps.applyCall(o.provider, o.typ, ty, prior, final, cfg, planResp.PlannedPrivate, planResp.PlannedIdentity)
	must(t, err)
	var d inProcessDiags
	d.add(o.addr, resp.Diagnostics)
	failed := d.err() != nil
	v, err := ctyValue(resp.NewState, ty)
	must(t, err)
	switch {
	case !v.IsNull():
		if !v.IsWhollyKnown() {
			d.addErr(fmt.Errorf("Error: Provider returned invalid result object after apply\n\n  with %s,\n\nthe object holds unknown values\n", o.addr))
			break
		}
		if !failed {
			if err := checkCompatible(cty.Path{}, final, v); err != nil {
				d.addErr(fmt.Errorf("Error: Provider produced inconsistent result after apply\n\n  with %s,\n\n%s\n", o.addr, err))
			}
		}
		if err := checkWriteOnlyNull(block, v); err != nil {
			d.addErr(fmt.Errorf("Error: Provider produced invalid object\n\n  with %s,\n\n%s\n", o.addr, err))
		}
		state.set(&inProcessStateObject{addr: o.addr, typ: o.typ, name: o.name, provider: o.provider, value: v,
			private: resp.Private, identity: resp.NewIdentity, tainted: failed && create, deps: o.deps})
	case !failed:
		state.remove(o.addr)
	case create:
		state.remove(o.addr)
	}
	return d.err()
}

func (ps *inProcessProviders) applyCall(provider, typ string, ty cty.Type, prior, planned, cfg cty.Value, private []byte, identity *tfprotov6.ResourceIdentityData) (*tfprotov6.ApplyResourceChangeResponse, error) {
	t := ps.t
	priorDV, err := dynamicValue(prior, ty)
	must(t, err)
	plannedDV, err := dynamicValue(planned, ty)
	must(t, err)
	cfgDV, err := dynamicValue(cfg, ty)
	must(t, err)
	return ps.servers[provider].ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
		TypeName: typ, PriorState: priorDV, PlannedState: plannedDV, Config: cfgDV,
		PlannedPrivate: private, PlannedIdentity: identity,
	})
}

// destroy is `terraform destroy`: refresh, then destroy everything in state.
func (r *inProcessRun) destroy() error {
	ps, err := r.start(true)
	if err != nil {
		return err
	}
	state := r.state.clone()
	if err := ps.refresh(state); err != nil {
		return err
	}
	r.state = state
	var d inProcessDiags
	var deletes []*inProcessChange
	for _, so := range state.list() {
		if so.data {
			state.remove(so.addr)
			continue
		}
		ch, err := ps.planDelete(so)
		if err != nil {
			d.addErr(err)
			continue
		}
		deletes = append(deletes, ch)
	}
	if err := d.err(); err != nil {
		return err
	}
	failed := map[string]bool{}
	for _, ch := range destroyOrder(deletes) {
		blocked := false
		for _, other := range deletes {
			for _, dep := range other.deps {
				blocked = blocked || dep == ch.addr && failed[other.addr]
			}
		}
		if blocked {
			failed[ch.addr] = true
			continue
		}
		if err := ps.applyDelete(state, ch); err != nil {
			d.addErr(err)
			failed[ch.addr] = true
		}
	}
	return d.err()
}
