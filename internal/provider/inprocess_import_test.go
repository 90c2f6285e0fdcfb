package provider

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// importStep is testStepNewImportState with the import command: `terraform import` into
// a new working directory (or the case's own with ImportStatePersist), then
// ImportStateVerify against the case's state.
func (r *inProcessRun) importStep(step resource.TestStep, applied string) error {
	t := r.t
	if step.ResourceName == "" {
		t.Fatal("ResourceName is required for an import state test")
	}
	current := r.state.shim(t)
	var id string
	switch {
	case step.ImportStateIdFunc != nil:
		var err error
		if id, err = step.ImportStateIdFunc(current); err != nil {
			t.Fatal(err)
		}
	case step.ImportStateId != "":
		id = step.ImportStateId
	default:
		rs := current.RootModule().Resources[step.ResourceName]
		if rs == nil {
			t.Fatalf("Not found: %s in state", step.ResourceName)
		}
		id = rs.Primary.ID
	}
	src := step.Config
	if src == "" {
		src = applied
	}
	if src == "" {
		t.Fatal("Cannot import state with no specified config")
	}
	run := r
	if !step.ImportStatePersist {
		run = &inProcessRun{t: t, factories: r.factories, state: newInProcessState()}
	}
	if err := run.setConfig(src); err != nil {
		return err
	}
	if err := run.importID(step.ResourceName, id); err != nil {
		return err
	}
	if step.ImportStateVerify {
		return verifyImport(run.state.shim(t), current, step.ImportStateVerifyIgnore)
	}
	return nil
}

// importID is `terraform import addr id`.
func (r *inProcessRun) importID(addr, id string) error {
	o := r.config.byAddr[addr]
	if o == nil || o.data {
		return fmt.Errorf("Error: resource address %q does not exist in the configuration", addr)
	}
	if r.state.objects[addr] != nil {
		return terraformError(addr, "Resource already managed by Terraform", errors.New("Terraform is already managing a remote object for "+addr))
	}
	ps, err := r.start(true)
	if err != nil {
		return err
	}
	_, ty := ps.schema(o.provider, o.typ, false)
	resp, err := ps.servers[o.provider].ImportResourceState(context.Background(), &tfprotov6.ImportResourceStateRequest{
		TypeName: o.typ, ID: id, ClientCapabilities: &tfprotov6.ImportResourceStateClientCapabilities{},
	})
	must(r.t, err)
	var d inProcessDiags
	d.add(addr, resp.Diagnostics)
	if err := d.err(); err != nil {
		return err
	}
	if len(resp.ImportedResources) != 1 {
		return fmt.Errorf("in-process run: %d imported objects for %s, want 1", len(resp.ImportedResources), addr)
	}
	imp := resp.ImportedResources[0]
	v, err := ctyValue(imp.State, ty)
	must(r.t, err)
	state := newInProcessState()
	state.set(&inProcessStateObject{addr: addr, typ: o.typ, name: o.name, provider: o.provider, value: v, private: imp.Private, identity: imp.Identity, deps: o.deps})
	if err := ps.refresh(state); err != nil {
		return err
	}
	so := state.objects[addr]
	if so == nil {
		return terraformError(addr, "Cannot import non-existent remote object", errors.New("the provider detected that no object exists with the given id"))
	}
	r.state.set(so)
	return nil
}

// verifyImport is ImportStateVerify: each imported resource's attributes equal those of the
// resource of the same type and id in the case's state, but for the ignored prefixes and
// timeouts.
func verifyImport(imported, current *terraform.State, ignore []string) error {
	for _, r := range imported.RootModule().Resources {
		var old *terraform.ResourceState
		for _, r2 := range current.RootModule().Resources {
			if r2.Type == r.Type && r2.Provider == r.Provider && r2.Primary.Attributes["id"] == r.Primary.Attributes["id"] {
				old = r2
				break
			}
		}
		if old == nil {
			return fmt.Errorf("Failed state verification, resource with ID %s not found", r.Primary.Attributes["id"])
		}
		actual, expected := verifiable(r.Primary.Attributes, ignore), verifiable(old.Primary.Attributes, ignore)
		if !reflect.DeepEqual(actual, expected) {
			for k, v := range expected {
				if actual[k] == v {
					delete(expected, k)
					delete(actual, k)
				}
			}
			return fmt.Errorf("ImportStateVerify attributes not equivalent. Difference is shown below. The - symbol indicates attributes missing after import.\n\n%s", cmp.Diff(expected, actual))
		}
	}
	return nil
}

func verifiable(attrs map[string]string, ignore []string) map[string]string {
	out := map[string]string{}
	for k, v := range attrs {
		if (strings.HasSuffix(k, ".#") || strings.HasSuffix(k, ".%")) && v == "0" || k == "timeouts" || strings.HasPrefix(k, "timeouts.") {
			continue
		}
		skip := false
		for _, p := range ignore {
			skip = skip || strings.HasPrefix(k, p)
		}
		if !skip {
			out[k] = v
		}
	}
	return out
}
