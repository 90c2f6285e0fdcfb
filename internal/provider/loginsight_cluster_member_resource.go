package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ resource.Resource                = (*loginsightClusterMemberResource)(nil)
	_ resource.ResourceWithConfigure   = (*loginsightClusterMemberResource)(nil)
	_ resource.ResourceWithImportState = (*loginsightClusterMemberResource)(nil)
	_ resource.ResourceWithIdentity    = (*loginsightClusterMemberResource)(nil)
)

// NewLogInsightClusterMemberResource is the netops_loginsight_cluster_member resource.
func NewLogInsightClusterMemberResource() resource.Resource {
	return &loginsightClusterMemberResource{}
}

type loginsightClusterMemberResource struct {
	clients *Clients
}

type loginsightClusterMemberModel struct {
	ID            types.String   `tfsdk:"id"`
	NodeHost      types.String   `tfsdk:"node_host"`
	MasterFQDN    types.String   `tfsdk:"master_fqdn"`
	MasterPort    types.Int64    `tfsdk:"master_port"`
	AcceptCert    types.Bool     `tfsdk:"accept_cert"`
	WorkerAddress types.String   `tfsdk:"worker_address"`
	WorkerPort    types.Int64    `tfsdk:"worker_port"`
	MasterAddress types.String   `tfsdk:"master_address"`
	MasterUIPort  types.Int64    `tfsdk:"master_ui_port"`
	Hostname      types.String   `tfsdk:"hostname"`
	Status        types.String   `tfsdk:"status"`
	Version       types.String   `tfsdk:"version"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

const loginsightJoinTimeout = 30 * time.Minute

func (r *loginsightClusterMemberResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_loginsight_cluster_member"
}

func (r *loginsightClusterMemberResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keepStr := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	keepInt := []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true, PlanModifiers: keepStr}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Joins a newly deployed Log Insight / Aria Operations for Logs node to the cluster whose master the provider's " +
			"`loginsight` block points at: the node asks to join, the master approves it, and the resource waits until the node has started. " +
			"The product has no API to remove a node, so destroying the resource only forgets it.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The node's cluster token (`clusterNode.token`), its key in the cluster's membership.",
				Computed:            true,
				PlanModifiers:       keepStr,
			},
			"node_host": schema.StringAttribute{
				MarkdownDescription: "API address of the new node, `host` or `host:port` (port 9543 when omitted). It uses the provider block's TLS settings.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{hostValidator{}},
			},
			"master_fqdn": schema.StringAttribute{
				MarkdownDescription: "Name or address by which the new node reaches the master. Defaults to the host of the provider's `loginsight.host`, without port.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), replaceUnlessAdoptedString()},
				Validators:          []validator.String{hostNameValidator{}},
			},
			"master_port": schema.Int64Attribute{
				MarkdownDescription: "Port by which the new node reaches the master's API, 1-65535.",
				Optional:            true,
				PlanModifiers:       []planmodifier.Int64{replaceUnlessAdoptedInt64()},
				Validators:          []validator.Int64{int64validator.Between(1, 65535)},
			},
			"accept_cert": schema.BoolAttribute{
				MarkdownDescription: "Let the new node accept the master's certificate when it does not trust it. Check the certificate out of band first. Default `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
				PlanModifiers:       []planmodifier.Bool{replaceUnlessAdoptedBool()},
			},
			"worker_address": computed("Address of the new node as the cluster knows it."),
			"worker_port":    schema.Int64Attribute{MarkdownDescription: "Cluster port of the new node (16520).", Computed: true, PlanModifiers: keepInt},
			"master_address": computed("Address of the master as the new node knows it."),
			"master_ui_port": schema.Int64Attribute{MarkdownDescription: "UI port of the master.", Computed: true, PlanModifiers: keepInt},
			"hostname":       computed("Host name of the node in the cluster."),
			"status":         computed("Node health: `Connected`, `Disconnected` or `Maintenance`."),
			"version":        computed("Full version of the node."),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true}),
		},
	}
}

func (r *loginsightClusterMemberResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *loginsightClusterMemberResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan loginsightClusterMemberModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	timeout, d := plan.Timeouts.Create(ctx, loginsightJoinTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	r.join(ctx, &plan, resp)
}

func (r *loginsightClusterMemberResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics, &req.State)
	var state loginsightClusterMemberModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	gone := r.refresh(ctx, &state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if gone {
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update changes timeouts, and after an import adopts the inputs the join answered; any other change replaces the resource.
func (r *loginsightClusterMemberResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan loginsightClusterMemberModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(clearImported(ctx, resp.Private)...)
}

// Delete forgets the node: Log Insight has no API to remove one.
func (r *loginsightClusterMemberResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state loginsightClusterMemberModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.AddWarning("Log Insight node still in the cluster",
		fmt.Sprintf("Log Insight has no API to remove a node, so %s (token %s) was removed from the Terraform state only. "+
			"Remove it by hand in the Log Insight UI under Administration > Cluster. A removed node cannot rejoin a cluster: it must be redeployed.",
			state.NodeHost.ValueString(), state.ID.ValueString()))
}

// ImportState takes "<node_host>,<node_token>", or an identity with both.
func (r *loginsightClusterMemberResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	host, token, ok := strings.Cut(r.importID(ctx, req, &resp.Diagnostics), ",")
	host, token = strings.TrimSpace(host), strings.TrimSpace(token)
	if !ok || host == "" || token == "" {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("Expected <node_host>,<node_token>, e.g. li-node-2.example.net,0ae94cb9-550a-4c01-85b9-3b7095e92321; got %q.", req.ID))
		return
	}
	if _, err := parseHost(host, 0); err != nil {
		resp.Diagnostics.AddError("Invalid import id", "The node address "+err.Error()+".")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("node_host"), host)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), token)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("accept_cert"), false)...)
	resp.Diagnostics.Append(markImported(ctx, resp.Private)...)
}
