package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSource              = (*ftdHAStatusDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*ftdHAStatusDataSource)(nil)
)

// NewFTDHAStatusDataSource is the netops_ftd_ha_status data source.
func NewFTDHAStatusDataSource() datasource.DataSource { return &ftdHAStatusDataSource{} }

type ftdHAStatusDataSource struct {
	clients *Clients
}

type ftdHAStatusModel struct {
	Device         types.String `tfsdk:"device"`
	NodeRole       types.String `tfsdk:"node_role"`
	NodeState      types.String `tfsdk:"node_state"`
	PeerNodeState  types.String `tfsdk:"peer_node_state"`
	ConfigStatus   types.String `tfsdk:"config_status"`
	HAHealthStatus types.String `tfsdk:"ha_health_status"`
	DisabledReason types.String `tfsdk:"disabled_reason"`
}

func (d *ftdHAStatusDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ftd_ha_status"
}

func (d *ftdHAStatusDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the HA status of an FTD unit: the provider's `ftd.host`, or the `ftd.devices` entry `device` names.",
		Attributes: map[string]schema.Attribute{
			"device":           schema.StringAttribute{MarkdownDescription: deviceDescription(vendorFTD), Optional: true},
			"node_role":        computed("`HA_PRIMARY`, `HA_SECONDARY`, or empty for a single unit."),
			"node_state":       computed("This unit's HA state: `SINGLE_NODE`, `HA_ACTIVE_NODE`, `HA_STANDBY_NODE`, `HA_NEGOTIATING_NODE`, ..."),
			"peer_node_state":  computed("The peer's HA state."),
			"config_status":    computed("`IN_SYNC`, `PRIMARY_IMPORTING_CONFIG`, `SECONDARY_IMPORTING_CONFIG`, `OUT_OF_SYNC` or `UNKNOWN`."),
			"ha_health_status": computed("`HEALTHY`, `PROCESSING`, `UNHEALTHY` or `CRITICAL`."),
			"disabled_reason":  computed("Why HA is disabled, when it is (FDM 6.6 and later)."),
		},
	}
}

func (d *ftdHAStatusDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *ftdHAStatusDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	device := applianceOf(ctx, vendorFTD, req.Config)
	if d.clients.keepUnmanaged(ctx, vendorFTD, device, &resp.Diagnostics) {
		// Nothing is sent to an unmanaged unit: its status reads as null.
		resp.Diagnostics.Append(resp.State.Set(ctx, &ftdHAStatusModel{Device: device})...)
		return
	}
	client, diags := d.clients.ftdClientOn(device.ValueString())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	s, err := client.HAStatus(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Reading the FTD HA status failed", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &ftdHAStatusModel{
		Device:         device,
		NodeRole:       types.StringValue(s.Role()),
		NodeState:      types.StringValue(s.NodeState),
		PeerNodeState:  types.StringValue(s.PeerNodeState),
		ConfigStatus:   types.StringValue(s.ConfigStatus),
		HAHealthStatus: types.StringValue(s.HAHealthStatus),
		DisabledReason: types.StringValue(s.DisabledReason),
	})...)
}
