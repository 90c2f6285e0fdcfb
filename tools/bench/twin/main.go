// Command twin is the benchmark's no-op twin of the provider (make bench builds it as a
// second terraform-provider-netops): the production provider, its configuration schema and
// Configure (which sends nothing) included, with netops_fireflow_object_change_request and
// netops_ftd_ha_pair (the fleet case) replaced by twins that have the production
// resources' schema, validators, plan modifiers (device checks included), defaults,
// identity and import but send nothing (resource.go). The benchmark's provider / twin
// ratio is therefore what the resource's requests and their handling cost.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	netops "github.com/netops/terraform-provider-netops/internal/provider"
	"github.com/netops/terraform-provider-netops/internal/serve"
)

// twinned are the resource types the twin replaces.
var twinned = map[string]bool{"netops_fireflow_object_change_request": true, "netops_ftd_ha_pair": true}

var version = "dev"

func main() {
	flag.Parse()
	prod := netops.New(version)()
	if _, err := twinResources(prod); err != nil {
		log.Fatal(err)
	}
	if err := serve.Run(func() provider.Provider { return newTwinProvider(netops.New(version)()) }, false); err != nil {
		log.Fatal(err)
	}
}

// twinProvider is the production provider with its resources' constructors wrapped.
type twinProvider struct {
	provider.ProviderWithActions
	lists provider.ProviderWithListResources
}

func newTwinProvider(p provider.Provider) provider.Provider {
	pa, ok := p.(provider.ProviderWithActions)
	if !ok {
		log.Fatalf("the production provider %T no longer offers actions; update tools/bench/twin", p)
	}
	pl, ok := p.(provider.ProviderWithListResources)
	if !ok {
		log.Fatalf("the production provider %T no longer offers list resources; update tools/bench/twin", p)
	}
	for name, has := range map[string]bool{
		"ConfigValidators":   implements[provider.ProviderWithConfigValidators](p),
		"ValidateConfig":     implements[provider.ProviderWithValidateConfig](p),
		"MetaSchema":         implements[provider.ProviderWithMetaSchema](p),
		"Functions":          implements[provider.ProviderWithFunctions](p),
		"EphemeralResources": implements[provider.ProviderWithEphemeralResources](p),
		"StateStores":        implements[provider.ProviderWithStateStores](p),
	} {
		if has {
			log.Fatalf("the production provider %T offers %s, which the twin does not forward; update tools/bench/twin", p, name)
		}
	}
	return twinProvider{ProviderWithActions: pa, lists: pl}
}

func implements[I any](v any) bool { _, ok := v.(I); return ok }

func (p twinProvider) Resources(context.Context) []func() resource.Resource {
	out, err := twinResources(p.ProviderWithActions)
	if err != nil {
		log.Fatal(err)
	}
	return out
}

func (p twinProvider) Actions(ctx context.Context) []func() action.Action {
	return p.ProviderWithActions.Actions(ctx)
}

// ListResources are the production ones: terraform plan and apply never call them.
func (p twinProvider) ListResources(ctx context.Context) []func() list.ListResource {
	return p.lists.ListResources(ctx)
}

// twinResources is the provider's resource list with every twinned type wrapped.
func twinResources(p provider.Provider) ([]func() resource.Resource, error) {
	var meta provider.MetadataResponse
	p.Metadata(context.Background(), provider.MetadataRequest{}, &meta)
	var out []func() resource.Resource
	found := 0
	for _, newResource := range p.Resources(context.Background()) {
		var md resource.MetadataResponse
		newResource().Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &md)
		if !twinned[md.TypeName] {
			out = append(out, newResource)
			continue
		}
		found++
		if _, err := wrapResource(newResource()); err != nil {
			return nil, err
		}
		out = append(out, func() resource.Resource {
			r, _ := wrapResource(newResource())
			return r
		})
	}
	if found != len(twinned) {
		return nil, fmt.Errorf("the provider registers %d of the %d twinned resource types", found, len(twinned))
	}
	return out, nil
}
