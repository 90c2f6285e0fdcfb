package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// envAccCLI makes accTest run every case through the Terraform CLI (make testacc-cli
// sets it: the compatibility matrix runs the whole suite on each CLI).
const envAccCLI = "NETOPS_ACC_CLI"

// accTest runs an acceptance test case. By default it drives the provider's plugin server
// directly, the way Terraform does for each step (inProcessCase); with NETOPS_ACC_CLI set
// it runs the case through the Terraform CLI (resource.ParallelTest). Cases about what only
// a CLI shows (its version gates, write-only handling, identity, query, actions, its
// output) call resource.ParallelTest themselves.
func accTest(t *testing.T, tc resource.TestCase) {
	t.Helper()
	if os.Getenv(envAccCLI) != "" {
		cliTest(t, tc)
		return
	}
	t.Parallel()
	inProcessCase(t, tc)
}

// accTestInOrder is accTest for a case that must not run beside the test's other cases
// (resource.Test through the CLI).
func accTestInOrder(t *testing.T, tc resource.TestCase) {
	t.Helper()
	if os.Getenv(envAccCLI) != "" {
		skipForGates(t, tc.TerraformVersionChecks)
		resource.Test(t, tc)
		return
	}
	inProcessCase(t, tc)
}

// inProcessCase runs the steps of tc as terraform-plugin-testing does, with each Terraform
// command (plan, apply, refresh, import, destroy) replaced by its plugin-protocol calls.
// Every command starts fresh provider servers, as each Terraform command starts the plugin
// again. The features it does not replicate fail the test rather than pass unnoticed.
func inProcessCase(t *testing.T, tc resource.TestCase) {
	t.Helper()
	switch {
	case tc.ExternalProviders != nil, tc.ProtoV5ProviderFactories != nil, tc.ProviderFactories != nil,
		tc.IDRefreshName != "", tc.WorkingDir != "", tc.AdditionalCLIOptions != nil:
		t.Fatal("in-process case: external providers, other protocols, IDRefreshName, WorkingDir and CLI options need the CLI (resource.ParallelTest)")
	}
	// The in-process run has what the Terraform release it reports has.
	for _, c := range tc.TerraformVersionChecks {
		g, ok := c.(cliGate)
		if !ok || !g.feature.has(false, inProcessTerraformVersion) {
			t.Fatalf("in-process case: the version check %T needs the CLI (resource.ParallelTest)", c)
		}
	}
	// PreCheck checks what the CLI needs; the in-process run needs none of it, and runs
	// without TF_ACC too.
	r := &inProcessRun{t: t, factories: tc.ProtoV6ProviderFactories, state: newInProcessState()}
	defer func() {
		if len(r.state.objects) == 0 {
			return
		}
		pre := r.state.shim(t)
		if err := r.destroy(); err != nil {
			t.Fatalf("Error running post-test destroy, there may be dangling resources: %s", err)
		}
		if tc.CheckDestroy != nil {
			if err := tc.CheckDestroy(pre); err != nil {
				t.Fatal(err)
			}
		}
	}()
	var applied string
	for i, step := range tc.Steps {
		n := fmt.Sprintf("%d/%d", i+1, len(tc.Steps))
		if step.PreConfig != nil {
			step.PreConfig()
		}
		if step.SkipFunc != nil {
			skip, err := step.SkipFunc()
			if err != nil {
				t.Fatalf("Error calling TestStep SkipFunc: %s", err)
			}
			if skip {
				continue
			}
		}
		checkStepSupported(t, n, step)
		if step.ProtoV6ProviderFactories != nil {
			merged := map[string]func() (tfprotov6.ProviderServer, error){}
			for k, v := range tc.ProtoV6ProviderFactories {
				merged[k] = v
			}
			for k, v := range step.ProtoV6ProviderFactories {
				merged[k] = v
			}
			r.factories = merged
		}
		var err error
		switch {
		case step.ImportState:
			err = r.importStep(step, applied)
		case step.RefreshState:
			err = r.refreshStep(step)
		default:
			applied = step.Config
			err = r.configStep(step)
		}
		if step.ExpectError != nil {
			if err == nil {
				t.Fatalf("Step %s, expected an error but got none", n)
			}
			if !step.ExpectError.MatchString(err.Error()) {
				t.Fatalf("Step %s, expected an error with pattern, no match on: %s", n, err)
			}
			continue
		}
		if err != nil && tc.ErrorCheck != nil {
			err = tc.ErrorCheck(err)
		}
		if err != nil {
			t.Fatalf("Step %s error: %s", n, err)
		}
	}
}

func checkStepSupported(t *testing.T, n string, s resource.TestStep) {
	t.Helper()
	var what []string
	add := func(cond bool, name string) {
		if cond {
			what = append(what, name)
		}
	}
	add(s.ConfigDirectory != nil || s.ConfigFile != nil || s.ConfigVariables != nil, "configuration files and variables")
	add(s.Destroy, "Destroy")
	add(len(s.Taint) > 0, "Taint")
	add(s.Query, "Query")
	add(len(s.ConfigStateChecks) > 0, "ConfigStateChecks")
	add(s.ImportStateKind != resource.ImportCommandWithID, "ImportStateKind")
	add(s.ImportStateCheck != nil || s.ImportStateIdPrefix != "" || s.ImportStateVerifyIdentifierAttribute != "", "ImportStateCheck, ImportStateIdPrefix, ImportStateVerifyIdentifierAttribute")
	add(len(s.RefreshPlanChecks.PostRefresh) > 0 || len(s.ImportPlanChecks.PreApply) > 0, "refresh and import plan checks")
	add(s.ProtoV5ProviderFactories != nil || s.ProviderFactories != nil || s.ExternalProviders != nil, "other providers")
	if len(what) > 0 {
		t.Fatalf("Step %s: the in-process run does not replicate %s: use resource.ParallelTest", n, strings.Join(what, ", "))
	}
}

// configStep is testStepNewConfig: plan, apply, Check, then a plan without and one with
// refresh, each of which must be empty unless ExpectNonEmptyPlan.
func (r *inProcessRun) configStep(step resource.TestStep) error {
	if err := r.setConfig(step.Config); err != nil {
		return err
	}
	if !step.PlanOnly {
		p, err := r.plan(true)
		if err != nil {
			return fmt.Errorf("Error running pre-apply plan: %w", err)
		}
		if err := runPlanChecks(p, step.ConfigPlanChecks.PreApply); err != nil {
			return fmt.Errorf("Pre-apply plan check(s) failed:\n%w", err)
		}
		if err := r.apply(p); err != nil {
			return fmt.Errorf("Error running apply: %w", err)
		}
		if step.Check != nil {
			if err := step.Check(r.state.shim(r.t)); err != nil {
				return fmt.Errorf("Check failed: %w", err)
			}
		}
	}
	p, err := r.plan(false)
	if err != nil {
		return fmt.Errorf("Error running post-apply non-refresh plan: %w", err)
	}
	if err := runPlanChecks(p, step.ConfigPlanChecks.PostApplyPreRefresh); err != nil {
		return fmt.Errorf("Post-apply, pre-refresh plan check(s) failed:\n%w", err)
	}
	if !p.empty() && !step.ExpectNonEmptyPlan {
		return fmt.Errorf("After applying this test step, the non-refresh plan was not empty.\n%s", p)
	}
	p, err = r.plan(true)
	if err != nil {
		return fmt.Errorf("Error running post-apply refresh plan: %w", err)
	}
	if err := runPlanChecks(p, step.ConfigPlanChecks.PostApplyPostRefresh); err != nil {
		return fmt.Errorf("Post-apply refresh plan check(s) failed:\n%w", err)
	}
	switch {
	case !p.empty() && !step.ExpectNonEmptyPlan:
		return fmt.Errorf("After applying this test step, the refresh plan was not empty.\n%s", p)
	case step.ExpectNonEmptyPlan && p.empty():
		return errors.New("Expected a non-empty plan, but got an empty refresh plan")
	}
	return nil
}

// refreshStep is testStepNewRefreshState: refresh, Check, then a plan that must be empty.
func (r *inProcessRun) refreshStep(step resource.TestStep) error {
	if r.config == nil {
		r.t.Fatal("a refresh step needs an earlier configuration")
	}
	if _, err := r.refresh(); err != nil {
		return err
	}
	if step.Check != nil {
		if err := step.Check(r.state.shim(r.t)); err != nil {
			r.t.Fatal(err)
		}
	}
	p, err := r.plan(true)
	if err != nil {
		return fmt.Errorf("Error running post-refresh plan: %w", err)
	}
	if !p.empty() && !step.ExpectNonEmptyPlan {
		return fmt.Errorf("After refreshing state during this test step, a followup plan was not empty.\n%s", p)
	}
	return nil
}

func runPlanChecks(p *inProcessPlan, checks []plancheck.PlanCheck) error {
	if len(checks) == 0 {
		return nil
	}
	plan := p.json()
	var errs []error
	for _, c := range checks {
		resp := plancheck.CheckPlanResponse{}
		c.CheckPlan(context.Background(), plancheck.CheckPlanRequest{Plan: plan}, &resp)
		if resp.Error != nil {
			errs = append(errs, resp.Error)
		}
	}
	return errors.Join(errs...)
}
