package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/zclconf/go-cty/cty"
)

// inProcessChange is what a plan does to one object.
type inProcessChange struct {
	addr, typ, name, provider string
	data                      bool
	obj                       *inProcessObject // nil for an object only in state
	actions                   tfjson.Actions
	reason                    string
	prior                     cty.Value // the refreshed prior state; null for none
	planned                   cty.Value
	private                   []byte
	deps                      []string
}

// inProcessPlan is a saved plan: the refreshed prior state and the changes, in
// dependency order.
type inProcessPlan struct {
	prior   *inProcessState
	changes []*inProcessChange
}

func (p *inProcessPlan) empty() bool {
	for _, c := range p.changes {
		if !c.actions.NoOp() {
			return false
		}
	}
	return true
}

func (p *inProcessPlan) String() string {
	var b strings.Builder
	b.WriteString("plan:\n")
	for _, c := range p.changes {
		fmt.Fprintf(&b, "  %s: %v", c.addr, c.actions)
		if c.reason != "" {
			fmt.Fprintf(&b, " (%s)", c.reason)
		}
		if c.actions.Update() {
			fmt.Fprintf(&b, "\n    before: %s\n    after:  %s", c.prior.GoString(), c.planned.GoString())
		}
		b.WriteString("\n")
	}
	return b.String()
}

// plan is `terraform plan`, with or without refreshing the state first.
func (r *inProcessRun) plan(refresh bool) (*inProcessPlan, error) {
	ps, err := r.start(true)
	if err != nil {
		return nil, err
	}
	prior := r.state.clone()
	if refresh {
		if err := ps.refresh(prior); err != nil {
			return nil, err
		}
	}
	return ps.plan(r.config, prior)
}

// plan plans every object of c from prior, walking the dependency graph as Terraform
// does. A data source whose configuration is known and whose dependencies have nothing to
// do is read now; the others are read during the apply.
func (ps *inProcessProviders) plan(c *inProcessConfig, prior *inProcessState) (*inProcessPlan, error) {
	p := &inProcessPlan{prior: prior}
	var mu sync.Mutex
	values := map[string]cty.Value{}
	lookup := func(addr string) (cty.Value, bool) { v, ok := values[addr]; return v, ok }
	changed := map[string]bool{}
	byAddr := map[string]*inProcessChange{}
	var d inProcessDiags
	addrs := make([]string, len(c.objects))
	for i, o := range c.objects {
		addrs[i] = o.addr
	}
	walkGraph(addrs, func(a string) []string { return c.byAddr[a].deps }, func(addr string) {
		o := c.byAddr[addr]
		block, ty := ps.schema(o.provider, o.typ, o.data)
		mu.Lock()
		ctx := c.evalContext(o, lookup)
		depChanged := false
		for _, dep := range o.deps {
			depChanged = depChanged || changed[dep]
		}
		cur := prior.objects[o.addr]
		mu.Unlock()
		cfg, err := decodeValue(o.addr, o.body, block, ctx)
		if err != nil {
			mu.Lock()
			d.addErr(err)
			mu.Unlock()
			return
		}
		if o.data {
			if !cfg.IsWhollyKnown() || depChanged {
				mu.Lock()
				byAddr[addr] = &inProcessChange{addr: o.addr, typ: o.typ, name: o.name, provider: o.provider, data: true, obj: o,
					actions: tfjson.Actions{tfjson.ActionRead}, prior: cty.NullVal(ty), planned: cty.UnknownVal(ty), deps: o.deps}
				values[addr], changed[addr] = cty.UnknownVal(ty), true
				mu.Unlock()
				return
			}
			v, err := ps.readData(o, cfg, ty)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				d.addErr(err)
				return
			}
			prior.set(&inProcessStateObject{data: true, addr: o.addr, typ: o.typ, name: o.name, provider: o.provider, value: v, deps: o.deps})
			values[addr] = v
			return
		}
		ch, err := ps.planResource(o, block, ty, cur, cfg)
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			d.addErr(err)
			return
		}
		byAddr[addr] = ch
		values[addr], changed[addr] = ch.planned, !ch.actions.NoOp()
	})
	for _, a := range addrs {
		if ch := byAddr[a]; ch != nil {
			p.changes = append(p.changes, ch)
		}
	}
	// What the configuration no longer has is destroyed; data sources are forgotten.
	for _, so := range prior.list() {
		if c.byAddr[so.addr] != nil {
			continue
		}
		if so.data {
			prior.remove(so.addr)
			continue
		}
		ch, err := ps.planDelete(so)
		if err != nil {
			d.addErr(err)
			continue
		}
		p.changes = append(p.changes, ch)
	}
	return p, d.err()
}

func (ps *inProcessProviders) readData(o *inProcessObject, cfg cty.Value, ty cty.Type) (cty.Value, error) {
	dv, err := dynamicValue(cfg, ty)
	must(ps.t, err)
	resp, err := ps.servers[o.provider].ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
		TypeName: o.typ, Config: dv, ClientCapabilities: &tfprotov6.ReadDataSourceClientCapabilities{},
	})
	must(ps.t, err)
	var d inProcessDiags
	d.add(o.addr, resp.Diagnostics)
	if err := d.err(); err != nil {
		return cty.NilVal, err
	}
	v, err := ctyValue(resp.State, ty)
	must(ps.t, err)
	if !v.IsWhollyKnown() {
		return cty.NilVal, terraformError(o.addr, "Provider produced invalid object", errors.New("the data source's state holds unknown values"))
	}
	return v, nil
}

// planResource plans one resource from its state object (nil for none) as Terraform does:
// a tainted object, or a change to an attribute that requires it, is replaced, planned
// again as a create.
func (ps *inProcessProviders) planResource(o *inProcessObject, block *tfprotov6.SchemaBlock, ty cty.Type, cur *inProcessStateObject, cfg cty.Value) (*inProcessChange, error) {
	ch := &inProcessChange{addr: o.addr, typ: o.typ, name: o.name, provider: o.provider, obj: o, prior: cty.NullVal(ty), deps: o.deps}
	var private []byte
	var identity *tfprotov6.ResourceIdentityData
	if cur != nil {
		ch.prior, private, identity = cur.value, cur.private, cur.identity
	}
	planPrior := ch.prior
	if cur != nil && cur.tainted {
		planPrior, private, identity = cty.NullVal(ty), nil, nil
	}
	resp, planned, err := ps.planCall(o.addr, o.provider, o.typ, block, ty, planPrior, cfg, private, identity)
	if err != nil {
		return nil, err
	}
	ch.planned, ch.private = planned, resp.PlannedPrivate
	switch {
	case cur == nil:
		ch.actions = tfjson.Actions{tfjson.ActionCreate}
	case cur.tainted:
		ch.actions, ch.reason = tfjson.Actions{tfjson.ActionDelete, tfjson.ActionCreate}, "replace_because_tainted"
	default:
		if eq := planned.Equals(ch.prior); eq.IsKnown() && eq.True() {
			ch.actions = tfjson.Actions{tfjson.ActionNoop}
			break
		}
		if len(replacePaths(resp.RequiresReplace, ch.prior, planned)) == 0 {
			ch.actions = tfjson.Actions{tfjson.ActionUpdate}
			break
		}
		resp, planned, err := ps.planCall(o.addr, o.provider, o.typ, block, ty, cty.NullVal(ty), cfg, nil, nil)
		if err != nil {
			return nil, err
		}
		ch.planned, ch.private = planned, resp.PlannedPrivate
		ch.actions, ch.reason = tfjson.Actions{tfjson.ActionDelete, tfjson.ActionCreate}, "replace_because_cannot_update"
	}
	return ch, nil
}

// planCall is one PlanResourceChange, with the checks Terraform makes of its answer.
func (ps *inProcessProviders) planCall(addr, provider, typ string, block *tfprotov6.SchemaBlock, ty cty.Type, prior, cfg cty.Value, private []byte, identity *tfprotov6.ResourceIdentityData) (*tfprotov6.PlanResourceChangeResponse, cty.Value, error) {
	t := ps.t
	proposed := proposedNew(block, prior, cfg)
	priorDV, err := dynamicValue(prior, ty)
	must(t, err)
	proposedDV, err := dynamicValue(proposed, ty)
	must(t, err)
	cfgDV, err := dynamicValue(cfg, ty)
	must(t, err)
	resp, err := ps.servers[provider].PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: typ, PriorState: priorDV, ProposedNewState: proposedDV, Config: cfgDV,
		PriorPrivate: private, PriorIdentity: identity,
		ClientCapabilities: &tfprotov6.PlanResourceChangeClientCapabilities{},
	})
	must(t, err)
	var d inProcessDiags
	d.add(addr, resp.Diagnostics)
	if err := d.err(); err != nil {
		return nil, cty.NilVal, err
	}
	planned, err := ctyValue(resp.PlannedState, ty)
	must(t, err)
	if err := checkPlanValid(block, prior, cfg, planned); err != nil {
		return nil, cty.NilVal, terraformError(addr, "Provider produced invalid plan", err)
	}
	return resp, planned, nil
}

func (ps *inProcessProviders) planDelete(so *inProcessStateObject) (*inProcessChange, error) {
	block, ty := ps.schema(so.provider, so.typ, false)
	null := cty.NullVal(ty)
	resp, planned, err := ps.planCall(so.addr, so.provider, so.typ, block, ty, so.value, null, so.private, so.identity)
	if err != nil {
		return nil, err
	}
	if !planned.IsNull() {
		return nil, terraformError(so.addr, "Provider produced invalid plan", errors.New("the plan to destroy is not null"))
	}
	return &inProcessChange{addr: so.addr, typ: so.typ, name: so.name, provider: so.provider, actions: tfjson.Actions{tfjson.ActionDelete},
		prior: so.value, planned: null, private: resp.PlannedPrivate, deps: so.deps}, nil
}
