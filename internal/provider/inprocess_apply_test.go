package provider

import (
	"context"
	"errors"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/zclconf/go-cty/cty"
)

// planApply is `terraform apply` without a refresh (its plan, then its apply).
func (r *inProcessRun) planApply() error {
	p, err := r.plan(false)
	if err != nil {
		return err
	}
	return r.apply(p)
}

// apply is `terraform apply` of a saved plan: the plan's refreshed state is kept; objects
// are destroyed first, dependents before what they depend on, then created, updated and
// read in dependency order, as Terraform walks its graph. A failed object stops what
// depends on it, not the rest.
func (r *inProcessRun) apply(p *inProcessPlan) error {
	ps, err := r.start(false)
	if err != nil {
		return err
	}
	r.state = p.prior
	var mu sync.Mutex
	failed := map[string]bool{}
	var d inProcessDiags
	byAddr := map[string]*inProcessChange{}
	var deletes, rest []string
	for _, ch := range p.changes {
		byAddr[ch.addr] = ch
		if ch.actions.Delete() || ch.actions.DestroyBeforeCreate() {
			deletes = append(deletes, ch.addr)
		}
		if ch.obj != nil && !ch.actions.NoOp() && !ch.actions.Delete() {
			rest = append(rest, ch.addr)
		}
	}
	ps.destroyAll(r.state, deletes, func(a string) []string { return byAddr[a].deps }, &mu, failed, &d)
	walkGraph(rest, func(a string) []string { return byAddr[a].deps }, func(addr string) {
		ch := byAddr[addr]
		mu.Lock()
		blocked := failed[addr]
		for _, dep := range ch.deps {
			blocked = blocked || failed[dep]
		}
		if blocked {
			failed[addr] = true
		}
		mu.Unlock()
		if blocked {
			return
		}
		if err := ps.applyChange(r.config, r.state, ch, &mu); err != nil {
			mu.Lock()
			d.addErr(err)
			failed[addr] = true
			mu.Unlock()
		}
	})
	return d.err()
}

// destroyAll destroys the objects at addrs, each once everything that depends on it is
// gone; an object whose dependent failed to go stays.
func (ps *inProcessProviders) destroyAll(state *inProcessState, addrs []string, deps func(string) []string, mu *sync.Mutex, failed map[string]bool, d *inProcessDiags) {
	waitFor := dependents(addrs, deps)
	walkGraph(addrs, func(a string) []string { return waitFor[a] }, func(addr string) {
		mu.Lock()
		blocked := false
		for _, dependent := range waitFor[addr] {
			blocked = blocked || failed[dependent]
		}
		cur := state.objects[addr]
		mu.Unlock()
		if blocked || cur == nil {
			return
		}
		err := ps.applyDelete(cur)
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			d.addErr(err)
			failed[addr] = true
			return
		}
		state.remove(addr)
	})
}

// applyDelete destroys an object (alone, or as the first half of a replacement).
func (ps *inProcessProviders) applyDelete(cur *inProcessStateObject) error {
	_, ty := ps.schema(cur.provider, cur.typ, false)
	null := cty.NullVal(ty)
	resp, err := ps.applyCall(cur.provider, cur.typ, ty, cur.value, null, null, cur.private, nil)
	must(ps.t, err)
	var d inProcessDiags
	d.add(cur.addr, resp.Diagnostics)
	return d.err()
}

// applyChange creates, updates or reads one object with its final configuration: the
// object is planned again, and Terraform's checks of the final plan and of the result are
// made. A create that fails after the object exists leaves it tainted.
func (ps *inProcessProviders) applyChange(c *inProcessConfig, state *inProcessState, ch *inProcessChange, mu *sync.Mutex) error {
	t := ps.t
	o := ch.obj
	block, ty := ps.schema(o.provider, o.typ, o.data)
	lookup := func(addr string) (cty.Value, bool) {
		if so := state.objects[addr]; so != nil {
			return so.value, true
		}
		return cty.NilVal, false
	}
	create := !ch.actions.Update()
	prior := cty.NullVal(ty)
	var private []byte
	var identity *tfprotov6.ResourceIdentityData
	mu.Lock()
	ctx := c.evalContext(o, lookup)
	if cur := state.objects[o.addr]; cur != nil && !create {
		prior, private, identity = cur.value, cur.private, cur.identity
	}
	mu.Unlock()
	cfg, err := decodeValue(o.addr, o.body, block, ctx)
	if err != nil {
		return err
	}
	if o.data {
		v, err := ps.readData(o, cfg, ty)
		if err != nil {
			return err
		}
		mu.Lock()
		state.set(&inProcessStateObject{data: true, addr: o.addr, typ: o.typ, name: o.name, provider: o.provider, value: v, deps: o.deps})
		mu.Unlock()
		return nil
	}
	planResp, final, err := ps.planCall(o.addr, o.provider, o.typ, block, ty, prior, cfg, private, identity)
	if err != nil {
		return err
	}
	if err := checkCompatible(cty.Path{}, ch.planned, final); err != nil {
		return terraformError(o.addr, "Provider produced inconsistent final plan", err)
	}
	resp, err := ps.applyCall(o.provider, o.typ, ty, prior, final, cfg, planResp.PlannedPrivate, planResp.PlannedIdentity)
	must(t, err)
	var d inProcessDiags
	d.add(o.addr, resp.Diagnostics)
	failed := d.err() != nil
	v, err := ctyValue(resp.NewState, ty)
	must(t, err)
	mu.Lock()
	defer mu.Unlock()
	switch {
	case !v.IsNull():
		if !v.IsWhollyKnown() {
			d.addErr(terraformError(o.addr, "Provider returned invalid result object after apply", errors.New("the object holds unknown values")))
			break
		}
		if !failed {
			if err := checkCompatible(cty.Path{}, final, v); err != nil {
				d.addErr(terraformError(o.addr, "Provider produced inconsistent result after apply", err))
			}
		}
		if err := checkWriteOnlyNull(block, v); err != nil {
			d.addErr(terraformError(o.addr, "Provider produced invalid object", err))
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
	ps, err := r.refresh()
	if err != nil {
		return err
	}
	state := r.state
	var d inProcessDiags
	var addrs []string
	deps := map[string][]string{}
	for _, so := range state.list() {
		if so.data {
			state.remove(so.addr)
			continue
		}
		if _, err := ps.planDelete(so); err != nil {
			d.addErr(err)
			continue
		}
		addrs = append(addrs, so.addr)
		deps[so.addr] = so.deps
	}
	if err := d.err(); err != nil {
		return err
	}
	var mu sync.Mutex
	ps.destroyAll(state, addrs, func(a string) []string { return deps[a] }, &mu, map[string]bool{}, &d)
	return d.err()
}
