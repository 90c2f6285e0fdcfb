package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/loginsight"
)

var (
	_ list.ListResource              = (*loginsightClusterMemberListResource)(nil)
	_ list.ListResourceWithConfigure = (*loginsightClusterMemberListResource)(nil)
)

// NewLogInsightClusterMemberListResource lists the members of the cluster the provider's
// loginsight block points at.
func NewLogInsightClusterMemberListResource() list.ListResource {
	return &loginsightClusterMemberListResource{}
}

type loginsightClusterMemberListResource struct {
	clients *Clients
}

func (r *loginsightClusterMemberListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_loginsight_cluster_member"
}

func (r *loginsightClusterMemberListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the members of the cluster whose master the provider's `loginsight` block points at: every node " +
			"token of the master's `GET /api/v2/upgrades`, with the address and health the undocumented `GET /api/v2/cluster/nodes` " +
			"gives where the master serves it. The master itself is left out when `/cluster/nodes` marks it. " +
			"Without `/cluster/nodes` the node addresses are unknown: `node_host` is then empty and must be filled in before importing. " +
			"`device` names a master of `loginsight.devices` instead of `loginsight.host`.",
		Attributes: map[string]listschema.Attribute{
			"device": listschema.StringAttribute{MarkdownDescription: deviceDescription(vendorLogInsight), Optional: true},
		},
	}
}

func (r *loginsightClusterMemberListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *loginsightClusterMemberListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var device types.String
	diags := req.Config.GetAttribute(ctx, path.Root("device"), &device)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	members, diags := r.find(ctx, device)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		if len(diags) > 0 && !push(list.ListResult{Diagnostics: diags}) {
			return
		}
		for i, m := range members {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			result := req.NewListResult(ctx)
			result.DisplayName = m.displayName()
			result.Diagnostics.Append(result.Identity.Set(ctx, loginsightClusterMemberIdentity{Token: m.ID, NodeHost: m.NodeHost})...)
			if req.IncludeResource {
				result.Diagnostics.Append(result.Resource.Set(ctx, m)...)
			}
			if !push(result) {
				return
			}
		}
	}
}

// find reads the master's membership, workers only where the master tells them apart.
func (r *loginsightClusterMemberListResource) find(ctx context.Context, device types.String) ([]loginsightClusterMemberModel, diag.Diagnostics) {
	master, _, diags := r.clients.loginsightMaster(device.ValueString())
	if diags.HasError() {
		return nil, diags
	}
	up, err := master.Upgrades(ctx)
	if err != nil {
		diags.AddError(loginsightSummary(err, "Reading the Log Insight cluster membership failed"), err.Error())
		return nil, diags
	}
	nodes, served, err := master.ClusterNodes(ctx)
	if err != nil {
		diags.AddError(loginsightSummary(err, "Reading the Log Insight cluster nodes failed"), err.Error())
		return nil, diags
	}
	if !served {
		diags.AddWarning("Log Insight node addresses unknown",
			"The master does not serve GET /api/v2/cluster/nodes, so the members are listed by token only, master included, "+
				"and node_host is empty: set it to each node's address before importing, and leave out the master.")
	}
	detail := map[string]loginsight.NodeDetail{}
	for _, n := range nodes {
		detail[n.Key()] = n
	}
	tokens := make([]string, 0, len(up.Nodes))
	for token := range up.Nodes {
		if n, ok := detail[token]; ok && n.IsPrimary {
			continue
		}
		tokens = append(tokens, token)
	}
	sort.Strings(tokens)
	members := make([]loginsightClusterMemberModel, 0, len(tokens))
	for _, token := range tokens {
		m := listedMember(token, up.Nodes[token], detail[token])
		m.Device = device
		members = append(members, m)
	}
	return members, diags
}

// listedMember is the member as an import by identity followed by a read leaves it.
func listedMember(token string, v loginsight.NodeVersion, n loginsight.NodeDetail) loginsightClusterMemberModel {
	m := loginsightClusterMemberModel{
		ID:            types.StringValue(token),
		NodeHost:      types.StringNull(),
		MasterFQDN:    types.StringNull(),
		MasterPort:    types.Int64Null(),
		AcceptCert:    types.BoolValue(false),
		WorkerAddress: types.StringNull(),
		WorkerPort:    types.Int64Null(),
		MasterAddress: types.StringNull(),
		MasterUIPort:  types.Int64Null(),
		Hostname:      nullIfEmpty(n.Hostname),
		Status:        nullIfEmpty(n.Status),
		Version:       nullIfEmpty(v.FullVersion),
		Timeouts:      timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType})},
	}
	if n.IP != "" {
		m.NodeHost = types.StringValue(n.IP)
		m.WorkerAddress = types.StringValue(n.IP)
	} else if n.Hostname != "" {
		m.NodeHost = types.StringValue(n.Hostname)
	}
	return m
}

func (m loginsightClusterMemberModel) displayName() string {
	name := m.ID.ValueString()
	if !m.NodeHost.IsNull() {
		name = m.NodeHost.ValueString() + " (" + name + ")"
	}
	if !m.Status.IsNull() {
		name += " " + m.Status.ValueString()
	}
	return name
}
