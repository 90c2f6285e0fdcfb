package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/sbc"
)

var (
	_ datasource.DataSource              = (*sbcHAStatusDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*sbcHAStatusDataSource)(nil)
)

// NewSBCHAStatusDataSource is the netops_sbc_ha_status data source.
func NewSBCHAStatusDataSource() datasource.DataSource { return &sbcHAStatusDataSource{} }

type sbcHAStatusDataSource struct {
	clients *Clients
}

type sbcHAStatusModel struct {
	Device          types.String `tfsdk:"device"`
	Host            types.String `tfsdk:"host"`
	HostName        types.String `tfsdk:"host_name"`
	Role            types.String `tfsdk:"role"`
	PeerName        types.String `tfsdk:"peer_name"`
	PeerRole        types.String `tfsdk:"peer_role"`
	HealthScore     types.Int64  `tfsdk:"health_score"`
	HAHealthScore   types.Int64  `tfsdk:"ha_health_score"`
	SwitchoverCount types.Int64  `tfsdk:"switchover_count"`
	SystemState     types.String `tfsdk:"system_state"`
	UptimeSeconds   types.Int64  `tfsdk:"uptime_seconds"`
	SyncState       types.Map    `tfsdk:"sync_state"`
}

func (d *sbcHAStatusDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sbc_ha_status"
}

func (d *sbcHAStatusDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	number := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the system and HA status of one Oracle SBC unit (`GET /rest/{version}/system/status`). Any API user may read it.",
		Attributes: map[string]schema.Attribute{
			"device": schema.StringAttribute{MarkdownDescription: deviceDescription(vendorSBC), Optional: true},
			"host": schema.StringAttribute{
				MarkdownDescription: "Unit to read, `host` or `host:port`; defaults to the provider's `sbc.host` (or the address of `device`). Credentials and TLS settings are the provider's (or the device's).",
				Optional:            true,
				Validators:          []validator.String{hostValidator{}},
			},
			"host_name": computed("The unit's host name."),
			"role": computed("The unit's role as it reports it: `active`, `standby`, `out of service`, or `standalone` without HA. " +
				"Any other value (an HA state such as `BecomingActive`) is shown as the unit gives it."),
			"peer_name":        computed("Host name of the HA peer."),
			"peer_role":        computed("The peer's role as this unit sees it, as the unit gives it."),
			"health_score":     number("The unit's health score, 0-100."),
			"ha_health_score":  number("The HA health score the unit reports (`haHealthScorePercent`), 0-100."),
			"switchover_count": number("The pair's switchover counter (`haSwitchOvers`)."),
			"system_state":     computed("`online` or `offline`."),
			"uptime_seconds":   number("Seconds since the unit started."),
			"sync_state": schema.MapAttribute{
				MarkdownDescription: "Synchronisation state of each HA component (`haSyncState`), by component name.",
				ElementType:         types.StringType,
				Computed:            true,
			},
		},
	}
}

func (d *sbcHAStatusDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *sbcHAStatusDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data sbcHAStatusModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if d.clients.keepUnmanaged(ctx, vendorSBC, data.Device, &resp.Diagnostics) {
		// Nothing is sent to an unmanaged unit: its status reads as null.
		resp.Diagnostics.Append(resp.State.Set(ctx, &sbcHAStatusModel{Device: data.Device, Host: data.Host, SyncState: types.MapNull(types.StringType)})...)
		return
	}
	ep, diags := d.clients.sbcEndpoint(data.Device.ValueString())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	baseURL := ep.baseURL
	if !data.Host.IsNull() {
		u, err := parseHost(data.Host.ValueString(), 0)
		if err != nil {
			resp.Diagnostics.AddError("Invalid appliance address", "The SBC address "+err.Error()+".")
			return
		}
		baseURL = u
	}
	client, diags := d.clients.sbcClient(ep, baseURL)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	st, err := client.Status(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Reading the SBC status failed", err.Error())
		return
	}
	data.fill(st)
	sync := make(map[string]string, len(st.HASyncState))
	for _, c := range st.HASyncState {
		sync[c.Name] = c.State
	}
	m, diags := types.MapValueFrom(ctx, types.StringType, sync)
	resp.Diagnostics.Append(diags...)
	data.SyncState = m
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

func (m *sbcHAStatusModel) fill(st *sbc.SystemStatus) {
	m.HostName = types.StringValue(st.HostName)
	m.Role = types.StringValue(st.Role)
	m.PeerName = types.StringValue(st.HAPeerName)
	m.PeerRole = types.StringValue(st.HAPeerRole)
	m.SystemState = types.StringValue(st.SystemState)
	m.HealthScore = types.Int64PointerValue(st.HealthScorePercent)
	m.HAHealthScore = types.Int64PointerValue(st.HAHealthScorePercent)
	m.SwitchoverCount = types.Int64PointerValue(st.HASwitchOvers)
	m.UptimeSeconds = types.Int64PointerValue(st.Uptime())
}
