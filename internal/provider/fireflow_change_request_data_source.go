package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/fireflow"
)

var (
	_ datasource.DataSource              = (*fireflowChangeRequestDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*fireflowChangeRequestDataSource)(nil)
)

// NewFireFlowChangeRequestDataSource is the netops_fireflow_change_request data source.
func NewFireFlowChangeRequestDataSource() datasource.DataSource {
	return &fireflowChangeRequestDataSource{}
}

type fireflowChangeRequestDataSource struct {
	clients *Clients
}

type fireflowChangeRequestDataModel struct {
	Server            types.String `tfsdk:"server"`
	ID                types.String `tfsdk:"id"`
	Kind              types.String `tfsdk:"kind"`
	Status            types.String `tfsdk:"status"`
	Fields            types.Map    `tfsdk:"fields"`
	SubChangeRequests types.List   `tfsdk:"sub_change_requests"`
}

func (d *fireflowChangeRequestDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_fireflow_change_request"
}

func (d *fireflowChangeRequestDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a FireFlow change request (object, rule removal or traffic): its workflow status, every field, and its child requests (a traffic request has one per device).",
		Attributes: map[string]schema.Attribute{
			"server": schema.StringAttribute{MarkdownDescription: serverDescription, Optional: true},
			"id": schema.StringAttribute{
				MarkdownDescription: "Change request id.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(positiveNumber, "must be a change request id (a positive number)")},
			},
			"kind": schema.StringAttribute{
				MarkdownDescription: "`object`, `rule-removal` or `traffic`: FireFlow reads each kind through its own API.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(string(fireflow.KindObject), string(fireflow.KindRuleRemoval), string(fireflow.KindTraffic))},
			},
			"status": schema.StringAttribute{MarkdownDescription: "Workflow status, as the FireFlow workflow names it; null while FireFlow shows none (right after a create).", Computed: true},
			"fields": schema.MapAttribute{
				MarkdownDescription: "Every field of the request by name (Owner, Devices, Due, ...).",
				ElementType:         types.ListType{ElemType: types.StringType},
				Computed:            true,
			},
			"sub_change_requests": schema.ListAttribute{MarkdownDescription: "Ids of the child requests.", ElementType: types.Int64Type, Computed: true},
		},
	}
}

func (d *fireflowChangeRequestDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *fireflowChangeRequestDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data fireflowChangeRequestDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if d.clients.keepUnmanaged(ctx, vendorFireFlow, data.Server, &resp.Diagnostics) {
		// Nothing is sent to an unmanaged server: the request reads as null.
		data.Fields, data.SubChangeRequests = types.MapNull(types.ListType{ElemType: types.StringType}), types.ListNull(types.Int64Type)
		resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
		return
	}
	client, diags := d.clients.fireflowClient(data.Server.ValueString())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, err := strconv.ParseInt(data.ID.ValueString(), 10, 64)
	if err != nil {
		resp.Diagnostics.AddError("Invalid change request id", err.Error())
		return
	}
	cr, err := client.GetChangeRequest(ctx, fireflow.Kind(data.Kind.ValueString()), id)
	if err != nil {
		resp.Diagnostics.AddError(summaryFor(err, "Reading the FireFlow change request failed"), err.Error())
		return
	}
	fields := map[string][]string{}
	for _, f := range cr.Fields {
		fields[f.Label()] = append(fields[f.Label()], f.Values...)
	}
	data.Status = types.StringNull()
	if status, known := cr.Status(); known {
		data.Status = types.StringValue(status)
	}
	data.Fields, diags = types.MapValueFrom(ctx, types.ListType{ElemType: types.StringType}, fields)
	resp.Diagnostics.Append(diags...)
	subs := cr.SubChangeRequests
	if subs == nil {
		subs = []int64{}
	}
	data.SubChangeRequests, diags = types.ListValueFrom(ctx, types.Int64Type, subs)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
