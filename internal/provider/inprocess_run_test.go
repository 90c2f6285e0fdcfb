package provider

import (
	"context"
	"errors"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/zclconf/go-cty/cty"
)

// inProcessTerraformVersion is the Terraform release the in-process run reports to the
// provider, and whose client capabilities (write-only attributes) it sends.
const inProcessTerraformVersion = "1.11.4"

// inProcessRun is one test case's working directory: its configuration and state.
type inProcessRun struct {
	t         *testing.T
	factories map[string]func() (tfprotov6.ProviderServer, error)
	config    *inProcessConfig
	state     *inProcessState
}

func (r *inProcessRun) setConfig(src string) error {
	c, err := parseInProcessConfig(src)
	if err != nil {
		return err
	}
	r.config = c
	return nil
}

// inProcessDiags collects the diagnostics of one command.
type inProcessDiags struct{ list []planDiagnostic }

func (d *inProcessDiags) add(addr string, diags []*tfprotov6.Diagnostic) {
	for _, x := range diags {
		d.list = append(d.list, planDiagnostic{addr: addr, severity: x.Severity, summary: x.Summary, detail: x.Detail, attribute: pathString(x.Attribute)})
	}
}

// addErr adds an error: the diagnostics it carries, or its text.
func (d *inProcessDiags) addErr(err error) {
	var de *diagnosticsError
	switch {
	case err == nil:
	case errors.As(err, &de):
		d.list = append(d.list, de.list...)
	default:
		d.list = append(d.list, planDiagnostic{severity: tfprotov6.DiagnosticSeverityError, detail: err.Error()})
	}
}

// err is the command's errors, nil for none.
func (d *inProcessDiags) err() error {
	var errs []planDiagnostic
	for _, x := range d.list {
		if x.severity == tfprotov6.DiagnosticSeverityError {
			errs = append(errs, x)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &diagnosticsError{list: errs}
}

// diagnosticsError is a command's errors, written as the CLI writes them.
type diagnosticsError struct{ list []planDiagnostic }

func (e *diagnosticsError) Error() string {
	var b strings.Builder
	for i, x := range e.list {
		if i > 0 {
			b.WriteString("\n")
		}
		if x.summary == "" {
			b.WriteString(x.detail + "\n")
			continue
		}
		b.WriteString("Error: " + x.summary + "\n\n")
		if x.addr != "" {
			b.WriteString("  with " + x.addr + ",\n\n")
		}
		if x.detail != "" {
			b.WriteString(x.detail + "\n")
		}
	}
	return b.String()
}

// terraformError is an error Terraform reports about addr: what the provider did wrong.
func terraformError(addr, summary string, err error) error {
	return &diagnosticsError{list: []planDiagnostic{{addr: addr, severity: tfprotov6.DiagnosticSeverityError, summary: summary, detail: err.Error()}}}
}

// diagnosticsOf is the diagnostics an error of the in-process run carries.
func diagnosticsOf(err error) []planDiagnostic {
	var d inProcessDiags
	d.addErr(err)
	return d.list
}

// inProcessProviders are one command's plugin servers, by provider local name.
type inProcessProviders struct {
	t       *testing.T
	servers map[string]*planServer
}

// start starts and configures the providers of one command. With validate, the provider
// and every block are validated first, with references unknown, as Terraform validates.
func (r *inProcessRun) start(validate bool) (*inProcessProviders, error) {
	t := r.t
	t.Helper()
	ctx := context.Background()
	names := map[string]bool{}
	for n := range r.config.providers {
		names[n] = true
	}
	for _, o := range r.config.objects {
		names[o.provider] = true
	}
	for _, o := range r.state.list() {
		names[o.provider] = true
	}
	ps := &inProcessProviders{t: t, servers: map[string]*planServer{}}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	var d inProcessDiags
	configs := map[string]*tfprotov6.DynamicValue{}
	for _, name := range sorted {
		f := r.factories[name]
		if f == nil {
			t.Fatalf("no provider factory for %q", name)
		}
		srv, err := f()
		must(t, err)
		s := &planServer{ProviderServer: srv, schema: cachedSchema(t, srv)}
		ps.servers[name] = s
		body := r.config.providers[name]
		if body == nil {
			body = hcl.EmptyBody()
		}
		v, err := decodeValue(providerAddr, body, s.schema.Provider.Block, nil)
		if err != nil {
			return nil, err
		}
		dv, err := dynamicValue(v, blockType(t, s.schema.Provider.Block))
		must(t, err)
		configs[name] = dv
		if validate {
			resp, err := srv.ValidateProviderConfig(ctx, &tfprotov6.ValidateProviderConfigRequest{Config: dv})
			must(t, err)
			d.add(providerAddr, resp.Diagnostics)
		}
	}
	if validate {
		unknown := func(string) (cty.Value, bool) { return cty.NilVal, false }
		for _, o := range r.config.objects {
			block, ty := ps.schema(o.provider, o.typ, o.data)
			v, err := decodeValue(o.addr, o.body, block, r.config.evalContext(o, unknown))
			if err != nil {
				d.addErr(err)
				continue
			}
			dv, err := dynamicValue(v, ty)
			must(t, err)
			s := ps.servers[o.provider]
			if o.data {
				resp, err := s.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: o.typ, Config: dv})
				must(t, err)
				d.add(o.addr, resp.Diagnostics)
				continue
			}
			resp, err := s.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{
				TypeName: o.typ, Config: dv,
				ClientCapabilities: &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: true},
			})
			must(t, err)
			d.add(o.addr, resp.Diagnostics)
		}
		if err := d.err(); err != nil {
			return nil, err
		}
	}
	for _, name := range sorted {
		resp, err := ps.servers[name].ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
			TerraformVersion: inProcessTerraformVersion, Config: configs[name],
			ClientCapabilities: &tfprotov6.ConfigureProviderClientCapabilities{},
		})
		must(t, err)
		d.add(providerAddr, resp.Diagnostics)
	}
	return ps, d.err()
}

// schemas holds each provider's schema, keyed by the types GetMetadata lists. The provider
// declares its schema optional (GetProviderSchemaOptional), so Terraform 1.6+ reads it once
// rather than from every plugin it starts; so does the in-process run.
var schemas sync.Map // type names → *tfprotov6.GetProviderSchemaResponse

func cachedSchema(t *testing.T, srv tfprotov6.ProviderServer) *tfprotov6.GetProviderSchemaResponse {
	t.Helper()
	ctx := context.Background()
	meta, err := srv.GetMetadata(ctx, &tfprotov6.GetMetadataRequest{})
	must(t, err)
	var names []string
	for _, r := range meta.Resources {
		names = append(names, "resource "+r.TypeName)
	}
	for _, d := range meta.DataSources {
		names = append(names, "data "+d.TypeName)
	}
	sort.Strings(names)
	key := strings.Join(names, ",")
	if s, ok := schemas.Load(key); ok {
		return s.(*tfprotov6.GetProviderSchemaResponse)
	}
	schema, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	must(t, err)
	if hasErrors(schema.Diagnostics) {
		t.Fatalf("GetProviderSchema: %s", diagnosticsText(schema.Diagnostics))
	}
	if !schema.ServerCapabilities.GetProviderSchemaOptional {
		t.Fatal("the provider does not declare GetProviderSchemaOptional: the in-process run must ask every plugin for its schema")
	}
	schemas.Store(key, schema)
	return schema
}

// schema is a resource's or data source's schema block and its value type.
func (ps *inProcessProviders) schema(provider, typ string, data bool) (*tfprotov6.SchemaBlock, cty.Type) {
	s := ps.servers[provider].schema
	var sch *tfprotov6.Schema
	if data {
		sch = s.DataSourceSchemas[typ]
	} else {
		sch = s.ResourceSchemas[typ]
	}
	if sch == nil {
		ps.t.Fatalf("provider %s has no type %s", provider, typ)
	}
	return sch.Block, blockType(ps.t, sch.Block)
}

// blockTypes caches each schema block's value type.
var blockTypes sync.Map // *tfprotov6.SchemaBlock → cty.Type

func blockType(t *testing.T, block *tfprotov6.SchemaBlock) cty.Type {
	t.Helper()
	if ty, ok := blockTypes.Load(block); ok {
		return ty.(cty.Type)
	}
	ty, err := ctyType(block.ValueType())
	must(t, err)
	blockTypes.Store(block, ty)
	return ty
}

// refresh reads every resource in state, at once up to the parallelism, dropping those
// the provider reports gone.
func (ps *inProcessProviders) refresh(state *inProcessState) error {
	ctx := context.Background()
	var mu sync.Mutex
	var d inProcessDiags
	var addrs []string
	for _, o := range state.list() {
		if !o.data {
			addrs = append(addrs, o.addr)
		}
	}
	walkGraph(addrs, func(string) []string { return nil }, func(addr string) {
		mu.Lock()
		o := state.objects[addr]
		mu.Unlock()
		_, ty := ps.schema(o.provider, o.typ, false)
		dv, err := dynamicValue(o.value, ty)
		must(ps.t, err)
		resp, err := ps.servers[o.provider].ReadResource(ctx, &tfprotov6.ReadResourceRequest{
			TypeName: o.typ, CurrentState: dv, Private: o.private, CurrentIdentity: o.identity,
			ClientCapabilities: &tfprotov6.ReadResourceClientCapabilities{},
		})
		must(ps.t, err)
		mu.Lock()
		defer mu.Unlock()
		d.add(o.addr, resp.Diagnostics)
		if hasErrors(resp.Diagnostics) {
			return
		}
		v, err := ctyValue(resp.NewState, ty)
		must(ps.t, err)
		if v.IsNull() {
			state.remove(o.addr)
			return
		}
		if err := checkWriteOnlyNull(ps.schemaBlock(o), v); err != nil {
			d.addErr(terraformError(o.addr, "Provider produced invalid object", err))
		}
		o.value, o.private = v, resp.Private
		if resp.NewIdentity != nil {
			o.identity = resp.NewIdentity
		}
	})
	return d.err()
}

func (ps *inProcessProviders) schemaBlock(o *inProcessStateObject) *tfprotov6.SchemaBlock {
	b, _ := ps.schema(o.provider, o.typ, o.data)
	return b
}

// refresh is `terraform refresh`: the refreshed state is kept. It returns the command's
// providers, for a command that goes on.
func (r *inProcessRun) refresh() (*inProcessProviders, error) {
	ps, err := r.start(true)
	if err != nil {
		return nil, err
	}
	state := r.state.clone()
	if err := ps.refresh(state); err != nil {
		return nil, err
	}
	r.state = state
	return ps, nil
}
