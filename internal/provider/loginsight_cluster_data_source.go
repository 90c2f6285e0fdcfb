package provider

import (
	"context"
	"errors"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/loginsight"
)

var (
	_ datasource.DataSource              = (*loginsightClusterDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*loginsightClusterDataSource)(nil)
)

// NewLogInsightClusterDataSource is the netops_loginsight_cluster data source.
func NewLogInsightClusterDataSource() datasource.DataSource { return &loginsightClusterDataSource{} }

type loginsightClusterDataSource struct {
	clients *Clients
}

type loginsightClusterModel struct {
	Device      types.String `tfsdk:"device"`
	Version     types.String `tfsdk:"version"`
	FullVersion types.String `tfsdk:"full_version"`
	Stable      types.Bool   `tfsdk:"stable"`
	Nodes       types.List   `tfsdk:"nodes"`
}

var loginsightNodeType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"token":        types.StringType,
	"version":      types.StringType,
	"full_version": types.StringType,
	"address":      types.StringType,
	"hostname":     types.StringType,
	"status":       types.StringType,
	"is_primary":   types.BoolType,
}}

func (d *loginsightClusterDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_loginsight_cluster"
}

func (d *loginsightClusterDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the cluster of the Log Insight master the provider's `loginsight` block points at: its version, " +
			"whether it is stable, and its nodes. Addresses and health come from the master's `/cluster/nodes` when it serves it; otherwise they are null.",
		Attributes: map[string]schema.Attribute{
			"device":       schema.StringAttribute{MarkdownDescription: deviceDescription(vendorLogInsight), Optional: true},
			"version":      str("Cluster version."),
			"full_version": str("Cluster full version (with build)."),
			"stable":       schema.BoolAttribute{MarkdownDescription: "Whether the cluster reports itself stable (no upgrade in progress).", Computed: true},
			"nodes": schema.ListNestedAttribute{
				MarkdownDescription: "The cluster's nodes, ordered by token.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"token":        str("The node's cluster token."),
					"version":      str("The node's version."),
					"full_version": str("The node's full version."),
					"address":      str("The node's address, when the master reports it."),
					"hostname":     str("The node's host name, when the master reports it."),
					"status":       str("The node's health (`Connected`, `Disconnected`, `Maintenance`), when the master reports it."),
					"is_primary":   schema.BoolAttribute{MarkdownDescription: "Whether the node is the master, when the master reports it.", Computed: true},
				}},
			},
		},
	}
}

func (d *loginsightClusterDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *loginsightClusterDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	device := applianceOf(ctx, vendorLogInsight, req.Config)
	if d.clients.keepUnmanaged(ctx, vendorLogInsight, device, &resp.Diagnostics) {
		// Nothing is sent to an unmanaged master: the cluster reads as null.
		resp.Diagnostics.Append(resp.State.Set(ctx, &loginsightClusterModel{Device: device, Nodes: types.ListNull(loginsightNodeType)})...)
		return
	}
	master, _, diags := d.clients.loginsightMaster(device.ValueString())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	up, err := master.Upgrades(ctx)
	if err != nil {
		resp.Diagnostics.AddError(loginsightSummary(err, "Reading the Log Insight cluster failed"), err.Error())
		return
	}
	details, _, err := master.ClusterNodes(ctx)
	if err != nil {
		resp.Diagnostics.AddError(loginsightSummary(err, "Reading the Log Insight cluster nodes failed"), err.Error())
		return
	}
	nodes, diags := loginsightNodes(up, details)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &loginsightClusterModel{
		Device:      device,
		Version:     types.StringValue(up.Version),
		FullVersion: types.StringValue(up.FullVersion),
		Stable:      types.BoolValue(up.Stable),
		Nodes:       nodes,
	})...)
}

func loginsightNodes(up *loginsight.Upgrades, details []loginsight.NodeDetail) (types.List, diag.Diagnostics) {
	byToken := map[string]loginsight.NodeDetail{}
	for _, n := range details {
		byToken[n.Key()] = n
	}
	tokens := make([]string, 0, len(up.Nodes))
	for t := range up.Nodes {
		tokens = append(tokens, t)
	}
	sort.Strings(tokens)
	values := make([]attr.Value, 0, len(tokens))
	for _, t := range tokens {
		nv := up.Nodes[t]
		obj := map[string]attr.Value{
			"token": types.StringValue(t), "version": types.StringValue(nv.Version), "full_version": types.StringValue(nv.FullVersion),
			"address": types.StringNull(), "hostname": types.StringNull(), "status": types.StringNull(), "is_primary": types.BoolNull(),
		}
		if n, ok := byToken[t]; ok {
			obj["address"], obj["hostname"], obj["status"] = nullIfEmpty(n.IP), nullIfEmpty(n.Hostname), nullIfEmpty(n.Status)
			obj["is_primary"] = types.BoolValue(n.IsPrimary)
		}
		values = append(values, types.ObjectValueMust(loginsightNodeType.AttrTypes, obj))
	}
	return types.ListValue(loginsightNodeType, values)
}

// loginsightSummary is the summary of a Log Insight failure: summaryFor's, and for a 404 to
// a call every supported release serves (VCF 9.1 removed the v2 API), the step that failed
// with that reason; the detail names the release.
func loginsightSummary(err error, fallback string) string {
	if errors.Is(err, loginsight.ErrAPINotServed) {
		return fallback + ": no Log Insight v2 API at the node"
	}
	return summaryFor(err, fallback)
}
