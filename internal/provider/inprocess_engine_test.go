package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// The in-process run makes Terraform's checks of what a provider answers: each of these
// cases passes only if the run reports the provider's fault as Terraform does, or plans
// what Terraform plans. The probe resource misbehaves on request.

func TestInProcess_inconsistentResultAfterApply(t *testing.T) {
	t.Parallel()
	inProcessCase(t, probeCase(`resource "netops_probe" "p" { value = "changed-by-apply" }`,
		"Provider produced inconsistent result after apply"))
}

func TestInProcess_invalidPlan(t *testing.T) {
	t.Parallel()
	inProcessCase(t, probeCase(`resource "netops_probe" "p" { value = "changed-by-plan" }`,
		"Provider produced invalid plan"))
}

func TestInProcess_replaceAndReferences(t *testing.T) {
	t.Parallel()
	config := func(v string) string {
		return `
resource "netops_probe" "b" { value = netops_probe.a.id }
resource "netops_probe" "a" { value = "` + v + `" }
`
	}
	inProcessCase(t, resource.TestCase{
		ProtoV6ProviderFactories: probeFactories,
		Steps: []resource.TestStep{
			{Config: config("one"), Check: resource.TestCheckResourceAttrPair("netops_probe.b", "value", "netops_probe.a", "id")},
			{
				Config: config("two"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("netops_probe.a", plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectResourceAction("netops_probe.b", plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.TestCheckResourceAttr("netops_probe.a", "id", "id-two"),
			},
		},
	})
}

func probeCase(config, want string) resource.TestCase {
	return resource.TestCase{
		ProtoV6ProviderFactories: probeFactories,
		Steps:                    []resource.TestStep{{Config: config, ExpectError: regexp.MustCompile(regexp.QuoteMeta(want))}},
	}
}

var probeFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"netops": providerserver.NewProtocol6WithError(probeProvider{}),
}

type probeProvider struct{}

func (probeProvider) Metadata(_ context.Context, _ fwprovider.MetadataRequest, resp *fwprovider.MetadataResponse) {
	resp.TypeName = "netops"
}
func (probeProvider) Schema(context.Context, fwprovider.SchemaRequest, *fwprovider.SchemaResponse) {}
func (probeProvider) Configure(context.Context, fwprovider.ConfigureRequest, *fwprovider.ConfigureResponse) {
}
func (probeProvider) Resources(context.Context) []func() fwresource.Resource {
	return []func() fwresource.Resource{func() fwresource.Resource { return probeResource{} }}
}
func (probeProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// probeResource stores value; its id is "id-" + value. It misbehaves for the values
// "changed-by-apply" and "changed-by-plan".
type probeResource struct{}

type probeModel struct {
	ID    types.String `tfsdk:"id"`
	Value types.String `tfsdk:"value"`
}

func (probeResource) Metadata(_ context.Context, _ fwresource.MetadataRequest, resp *fwresource.MetadataResponse) {
	resp.TypeName = "netops_probe"
}

func (probeResource) Schema(_ context.Context, _ fwresource.SchemaRequest, resp *fwresource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":    schema.StringAttribute{Computed: true},
		"value": schema.StringAttribute{Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
	}}
}

func (probeResource) ModifyPlan(ctx context.Context, req fwresource.ModifyPlanRequest, resp *fwresource.ModifyPlanResponse) {
	var v types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("value"), &v)...)
	if v.ValueString() == "changed-by-plan" {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("value"), "something else")...)
	}
}

func (probeResource) Create(ctx context.Context, req fwresource.CreateRequest, resp *fwresource.CreateResponse) {
	var m probeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	m.ID = types.StringValue("id-" + m.Value.ValueString())
	if m.Value.ValueString() == "changed-by-apply" {
		m.Value = types.StringValue("something else")
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

func (probeResource) Read(context.Context, fwresource.ReadRequest, *fwresource.ReadResponse) {}

func (probeResource) Update(ctx context.Context, req fwresource.UpdateRequest, resp *fwresource.UpdateResponse) {
	resp.Diagnostics.Append(resp.State.Set(ctx, req.Plan)...)
}

func (probeResource) Delete(context.Context, fwresource.DeleteRequest, *fwresource.DeleteResponse) {}
