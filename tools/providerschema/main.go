// Command providerschema prints the provider's schema in the format of
// `terraform providers schema -json`, actions included, straight from the plugin server.
// The docs are generated from it, so they cover every type whatever Terraform is on PATH.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/netops/terraform-provider-netops/internal/provider"
)

// address keys the schema; tfplugindocs looks a provider up by its short name.
const address = "netops"

type providerSchemas struct {
	FormatVersion string                     `json:"format_version"`
	Schemas       map[string]*providerSchema `json:"provider_schemas"`
}

type providerSchema struct {
	Provider    *schema            `json:"provider,omitempty"`
	Resources   map[string]*schema `json:"resource_schemas,omitempty"`
	DataSources map[string]*schema `json:"data_source_schemas,omitempty"`
	Actions     map[string]*schema `json:"action_schemas,omitempty"`
	// ListResources and Identities are what `terraform query` and import blocks by identity use.
	ListResources map[string]*schema         `json:"list_resource_schemas,omitempty"`
	Identities    map[string]*identitySchema `json:"resource_identity_schemas,omitempty"`
}

type identitySchema struct {
	Version    int64                         `json:"version"`
	Attributes map[string]*identityAttribute `json:"attributes,omitempty"`
}

type identityAttribute struct {
	Type              json.RawMessage `json:"type,omitempty"`
	Description       string          `json:"description,omitempty"`
	RequiredForImport bool            `json:"required_for_import,omitempty"`
	OptionalForImport bool            `json:"optional_for_import,omitempty"`
}

type schema struct {
	Version int64  `json:"version"`
	Block   *block `json:"block"`
}

type block struct {
	Attributes      map[string]*attribute `json:"attributes,omitempty"`
	BlockTypes      map[string]*blockType `json:"block_types,omitempty"`
	Description     string                `json:"description,omitempty"`
	DescriptionKind string                `json:"description_kind,omitempty"`
	Deprecated      bool                  `json:"deprecated,omitempty"`
}

type blockType struct {
	NestingMode string `json:"nesting_mode"`
	Block       *block `json:"block"`
	MinItems    int64  `json:"min_items,omitempty"`
	MaxItems    int64  `json:"max_items,omitempty"`
}

type attribute struct {
	Type            json.RawMessage `json:"type,omitempty"`
	NestedType      *nestedType     `json:"nested_type,omitempty"`
	Description     string          `json:"description,omitempty"`
	DescriptionKind string          `json:"description_kind,omitempty"`
	Required        bool            `json:"required,omitempty"`
	Optional        bool            `json:"optional,omitempty"`
	Computed        bool            `json:"computed,omitempty"`
	Sensitive       bool            `json:"sensitive,omitempty"`
	Deprecated      bool            `json:"deprecated,omitempty"`
	WriteOnly       bool            `json:"write_only,omitempty"`
}

type nestedType struct {
	Attributes  map[string]*attribute `json:"attributes"`
	NestingMode string                `json:"nesting_mode"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "providerschema:", err)
		os.Exit(1)
	}
}

func run() error {
	server, err := providerserver.NewProtocol6WithError(provider.New("docs")())()
	if err != nil {
		return err
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		return err
	}
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return fmt.Errorf("%s: %s", d.Summary, d.Detail)
		}
	}
	ps := &providerSchema{
		Provider:    convertSchema(resp.Provider),
		Resources:   map[string]*schema{},
		DataSources: map[string]*schema{},
		Actions:     map[string]*schema{},
	}
	for name, s := range resp.ResourceSchemas {
		ps.Resources[name] = convertSchema(s)
	}
	for name, s := range resp.DataSourceSchemas {
		ps.DataSources[name] = convertSchema(s)
	}
	for name, s := range resp.ActionSchemas {
		ps.Actions[name] = convertSchema(s.Schema)
	}
	ps.ListResources = map[string]*schema{}
	for name, s := range resp.ListResourceSchemas {
		ps.ListResources[name] = convertSchema(s)
	}
	ids, err := server.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		return err
	}
	ps.Identities = map[string]*identitySchema{}
	for name, s := range ids.IdentitySchemas {
		is := &identitySchema{Version: s.Version, Attributes: map[string]*identityAttribute{}}
		for _, a := range s.IdentityAttributes {
			typ, err := a.Type.MarshalJSON() //nolint:staticcheck // the JSON type as terraform providers schema -json writes it
			if err != nil {
				return err
			}
			is.Attributes[a.Name] = &identityAttribute{Type: typ, Description: a.Description, RequiredForImport: a.RequiredForImport, OptionalForImport: a.OptionalForImport}
		}
		ps.Identities[name] = is
	}
	out := providerSchemas{FormatVersion: "1.0", Schemas: map[string]*providerSchema{address: ps}}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func convertSchema(s *tfprotov6.Schema) *schema {
	if s == nil {
		return nil
	}
	return &schema{Version: s.Version, Block: convertBlock(s.Block)}
}

func convertBlock(b *tfprotov6.SchemaBlock) *block {
	out := &block{Description: b.Description, DescriptionKind: kind(b.DescriptionKind), Deprecated: b.Deprecated,
		Attributes: map[string]*attribute{}, BlockTypes: map[string]*blockType{}}
	for _, a := range b.Attributes {
		out.Attributes[a.Name] = convertAttribute(a)
	}
	for _, nb := range b.BlockTypes {
		out.BlockTypes[nb.TypeName] = &blockType{
			NestingMode: strings.ToLower(strings.TrimPrefix(nb.Nesting.String(), "NESTING_")),
			Block:       convertBlock(nb.Block), MinItems: nb.MinItems, MaxItems: nb.MaxItems,
		}
	}
	return out
}

func convertAttribute(a *tfprotov6.SchemaAttribute) *attribute {
	out := &attribute{Description: a.Description, DescriptionKind: kind(a.DescriptionKind), Required: a.Required, Optional: a.Optional,
		Computed: a.Computed, Sensitive: a.Sensitive, Deprecated: a.Deprecated, WriteOnly: a.WriteOnly}
	if a.NestedType != nil {
		nt := &nestedType{Attributes: map[string]*attribute{}, NestingMode: strings.ToLower(strings.TrimPrefix(a.NestedType.Nesting.String(), "NESTING_"))}
		for _, na := range a.NestedType.Attributes {
			nt.Attributes[na.Name] = convertAttribute(na)
		}
		out.NestedType = nt
		return out
	}
	if t, err := a.Type.MarshalJSON(); err == nil { //nolint:staticcheck // the JSON form is what terraform providers schema prints
		out.Type = t
	}
	return out
}

func kind(k tfprotov6.StringKind) string {
	if k == tfprotov6.StringKindMarkdown {
		return "markdown"
	}
	return "plain"
}
