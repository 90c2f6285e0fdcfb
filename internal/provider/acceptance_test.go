package provider

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// The one-step acceptance cases below run through Terraform (resource.Test); the caller
// decides whether its test runs in parallel. Each is a whole terraform-plugin-testing
// case: init, the step, and a destroy of whatever the step left in the state.

// factoriesFor serves every provider local name config uses: FTD pair configurations name
// the secondary unit's provider netopsb.
func factoriesFor(config string) map[string]func() (tfprotov6.ProviderServer, error) {
	if strings.Contains(config, "netopsb") {
		return ftdProviderFactories
	}
	return protoV6ProviderFactories
}

// oneStep runs config as a single test step through Terraform.
func oneStep(t *testing.T, step resource.TestStep) {
	t.Helper()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: factoriesFor(step.Config),
		Steps:                    []resource.TestStep{step},
	})
}

// expectPlanError asserts that terraform plan of config fails with an error matching want.
func expectPlanError(t *testing.T, config string, want *regexp.Regexp) {
	t.Helper()
	oneStep(t, resource.TestStep{Config: config, PlanOnly: true, ExpectError: want})
}

// expectApplyError asserts that terraform apply of config fails with an error matching want.
func expectApplyError(t *testing.T, config string, want *regexp.Regexp) {
	t.Helper()
	oneStep(t, resource.TestStep{Config: config, ExpectError: want})
}

// applyAndCheck applies config, runs check on the state, and destroys what it created.
func applyAndCheck(t *testing.T, config string, check resource.TestCheckFunc) {
	t.Helper()
	oneStep(t, resource.TestStep{Config: config, Check: check})
}

// expectPlanErrors plans config once and asserts that each want matches one of the
// plan's error diagnostics on its own: Terraform reports every validation error of a
// configuration at once, so a table of invalid objects costs one plan. wants are keyed
// by a name the failure message uses.
func expectPlanErrors(t *testing.T, config string, wants map[string][]*regexp.Regexp) {
	t.Helper()
	expectErrors(t, resource.TestStep{Config: config, PlanOnly: true}, wants)
}

// expectApplyErrors applies config once and asserts that each want matches one of the
// apply's error diagnostics on its own: a table of appliances that each refuse in their
// own way, each a device of one provider block, costs one apply.
func expectApplyErrors(t *testing.T, config string, wants map[string][]*regexp.Regexp) {
	t.Helper()
	expectErrors(t, resource.TestStep{Config: config}, wants)
}

func expectErrors(t *testing.T, step resource.TestStep, wants map[string][]*regexp.Regexp) {
	t.Helper()
	failed := false
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: factoriesFor(step.Config),
		ErrorCheck: func(err error) error {
			failed = true
			return missingDiagnostics(err.Error(), wants)
		},
		Steps: []resource.TestStep{step},
	})
	if !failed && !t.Skipped() {
		t.Fatal("the step succeeded; want its errors")
	}
}

// diagnosticStart is where each diagnostic of Terraform's plain output begins.
var diagnosticStart = regexp.MustCompile(`(?m)^(?:Error|Warning): `)

// errorDiagnostics splits Terraform's plain output into its error diagnostics, each from
// "Error: " to the start of the next diagnostic.
func errorDiagnostics(out string) []string {
	starts := diagnosticStart.FindAllStringIndex(out, -1)
	var diags []string
	for i, s := range starts {
		end := len(out)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		if d := out[s[0]:end]; strings.HasPrefix(d, "Error: ") {
			diags = append(diags, d)
		}
	}
	return diags
}

// missingDiagnostics names each want whose patterns no single error diagnostic of out
// matches all of.
func missingDiagnostics(out string, wants map[string][]*regexp.Regexp) error {
	diags := errorDiagnostics(out)
	var missing []string
	for name, want := range wants {
		if !slices.ContainsFunc(diags, func(d string) bool { return matchesAll(d, want) }) {
			missing = append(missing, fmt.Sprintf("%s: no error diagnostic matches all of %q", name, want))
		}
	}
	sort.Strings(missing)
	if len(missing) == 0 {
		return nil
	}
	return fmt.Errorf("%s\n\nTerraform said:\n%s", strings.Join(missing, "\n"), out)
}

func matchesAll(s string, patterns []*regexp.Regexp) bool {
	for _, p := range patterns {
		if !p.MatchString(s) {
			return false
		}
	}
	return true
}

// rowError is one invalid object of a table: its configuration and its error's pattern.
type rowError struct {
	config string
	want   *regexp.Regexp
}

// expectRowErrors plans every row's objects in one configuration after prefix (the
// provider blocks), each row's objects renamed apart from the others', and asserts that
// each row's error is reported about the row's first object.
func expectRowErrors(t *testing.T, prefix string, rows map[string]rowError) {
	t.Helper()
	config, wants := combineRowErrors(t, prefix, rows)
	expectPlanErrors(t, config, wants)
}

// expectRowApplyErrors is expectRowErrors for errors the appliance reports: one apply of
// every row's objects.
func expectRowApplyErrors(t *testing.T, prefix string, rows map[string]rowError) {
	t.Helper()
	config, wants := combineRowErrors(t, prefix, rows)
	expectApplyErrors(t, config, wants)
}

// combineRowErrors renders the rows after prefix, each row's objects renamed apart, and
// each row's expectation about its first object.
func combineRowErrors(t *testing.T, prefix string, rows map[string]rowError) (string, map[string][]*regexp.Regexp) {
	t.Helper()
	names := slices.Sorted(maps.Keys(rows))
	var b strings.Builder
	b.WriteString(prefix)
	wants := make(map[string][]*regexp.Regexp, len(rows))
	for i, name := range names {
		config, addr := renameObjects(rows[name].config, fmt.Sprintf("_r%d", i))
		if addr == "" {
			t.Fatalf("row %q declares no resource or data source", name)
		}
		b.WriteString("\n" + config + "\n")
		wants[name] = []*regexp.Regexp{regexp.MustCompile(`\n\s*with ` + regexp.QuoteMeta(addr) + `,\n`), rows[name].want}
	}
	return b.String(), wants
}

// renameObjects appends suffix to the name of every object config declares, and to the
// references to them, and returns the address of the first.
func renameObjects(config, suffix string) (string, string) {
	config = emptyObject.ReplaceAllString(config, "$1\n}")
	first := ""
	for _, m := range objectHeader.FindAllStringSubmatch(config, -1) {
		kind, typ, name := m[1], m[2], m[3]
		ref := typ + "." + name
		if kind == "data" {
			ref = "data." + ref
		}
		if first == "" {
			first = ref + suffix
		}
		config = strings.Replace(config, fmt.Sprintf("%s %q %q {", kind, typ, name), fmt.Sprintf("%s %q %q {", kind, typ, name+suffix), 1)
		config = regexp.MustCompile(`\b`+regexp.QuoteMeta(ref)+`\b`).ReplaceAllString(config, ref+suffix)
	}
	return config, first
}
