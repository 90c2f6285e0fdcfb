package provider

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/netops/terraform-provider-netops/internal/loginsight"
)

var (
	_ resource.Resource                = (*loginsightClusterMemberResource)(nil)
	_ resource.ResourceWithConfigure   = (*loginsightClusterMemberResource)(nil)
	_ resource.ResourceWithImportState = (*loginsightClusterMemberResource)(nil)
	_ resource.ResourceWithIdentity    = (*loginsightClusterMemberResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*loginsightClusterMemberResource)(nil)
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
	Device        types.String   `tfsdk:"device"`
	NodeHost      types.String   `tfsdk:"node_host"`
	ClusterID     types.String   `tfsdk:"cluster_id"`
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
			"device": schema.StringAttribute{MarkdownDescription: deviceDescription(vendorLogInsight), Optional: true},
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
			"cluster_id": schema.StringAttribute{
				MarkdownDescription: "The `id` of the `netops_loginsight_cluster` that bootstrapped the master, so that one apply bootstraps the cluster " +
					"and then joins its members. It must name the provider's `loginsight.host` (checked before the join). The node then reaches the master " +
					"at that address: `master_fqdn` defaults to its host and `master_port` to its port unless that is the default 9543. " +
					"Setting or changing it later does not rejoin the node.",
				Optional:   true,
				Validators: []validator.String{hostValidator{}},
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
	if r.clients.keepUnmanaged(ctx, vendorLogInsight, state.Device, &resp.Diagnostics) {
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

// ModifyPlan checks the device (the cluster's master) before any request.
func (r *loginsightClusterMemberResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.clients.modifyDevicePlan(ctx, vendorLogInsight, req, resp)
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
	if err := checkPathSegment("The node token", token); err != nil {
		resp.Diagnostics.AddError("Invalid import id", err.Error()+".")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("node_host"), host)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), token)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("accept_cert"), false)...)
	resp.Diagnostics.Append(markImported(ctx, resp.Private)...)
}

// join runs join on the node, approve on the master (saving the state at once), then
// waits until the node has started and reads its membership.
func (r *loginsightClusterMemberResource) join(ctx context.Context, plan *loginsightClusterMemberModel, resp *resource.CreateResponse) {
	master, ep, diags := r.clients.loginsightMaster(plan.Device.ValueString())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	nodeURL, err := parseHost(plan.NodeHost.ValueString(), loginsight.DefaultPort)
	if err != nil {
		resp.Diagnostics.AddAttributeError(pathNodeHost, "Invalid node address", "The node address "+err.Error()+".")
		return
	}
	node, diags := r.clients.loginsightNode(ep, nodeURL)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	clusterPort, ok := checkMemberCluster(plan, ep, &resp.Diagnostics)
	if !ok {
		return
	}
	if plan.MasterFQDN.IsUnknown() || plan.MasterFQDN.IsNull() {
		plan.MasterFQDN = types.StringValue(hostOnly(ep.baseURL))
	}
	req := loginsight.JoinRequest{MasterFQDN: plan.MasterFQDN.ValueString(), AcceptCert: plan.AcceptCert.ValueBool(), MasterPort: clusterPort}
	if !plan.MasterPort.IsNull() {
		req.MasterPort = int(plan.MasterPort.ValueInt64())
	}
	ticket, err := node.Join(ctx, req)
	if loginsight.AlreadyBootstrapped(err) {
		// Already bootstrapped: if it is a member of this cluster (an earlier apply approved it
		// and was interrupted), adopt it instead of failing.
		if r.adopt(ctx, master, node, plan, &resp.Diagnostics) {
			resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
			return
		}
	}
	if err != nil {
		resp.Diagnostics.Append(loginsightJoinDiagnostic(err, plan)...)
		return
	}
	approval, err := master.Approve(ctx, ticket, true)
	if err != nil {
		resp.Diagnostics.AddError(loginsightSummary(err, "Log Insight master refused the approval"), err.Error())
		return
	}
	plan.fromApproval(ticket, approval)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	progress := func(msg string) { tflog.Info(ctx, "Log Insight join: "+msg) }
	if err := node.WaitUntilStarted(ctx, progress); err != nil {
		resp.Diagnostics.AddError("Log Insight node did not start",
			err.Error()+" The node was approved and is saved in the state (the resource is tainted); check it in the Log Insight UI.")
		return
	}
	if r.refresh(ctx, plan, &resp.Diagnostics) {
		resp.Diagnostics.AddError("Log Insight node missing from the cluster",
			"The master approved the node and it started, but the master's membership does not list token "+plan.ID.ValueString()+".")
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// checkMemberCluster checks that cluster_id, when set, names the provider's master, and
// returns the master port the join sends for it: the cluster's port unless it is 9543
// (omitted then, as without cluster_id).
func checkMemberCluster(plan *loginsightClusterMemberModel, ep *loginsightSettings, diags *diag.Diagnostics) (masterPort int, ok bool) {
	if plan.ClusterID.IsNull() || plan.ClusterID.IsUnknown() {
		return 0, true
	}
	named, err := parseHost(plan.ClusterID.ValueString(), loginsight.DefaultPort)
	if err != nil {
		diags.AddAttributeError(path.Root("cluster_id"), "Invalid cluster_id", "The cluster address "+err.Error()+".")
		return 0, false
	}
	if named != ep.baseURL {
		diags.AddAttributeError(path.Root("cluster_id"), "Log Insight cluster is not the provider's",
			fmt.Sprintf("cluster_id names the cluster whose master is %s, but the provider's loginsight.host is %s, and the master there approves the join. "+
				"Use a provider whose loginsight.host is the cluster's master.", loginsightClusterID(named), loginsightClusterID(ep.baseURL)))
		return 0, false
	}
	if port := portOf(named); port != loginsight.DefaultPort {
		return port, true
	}
	return 0, true
}

// portOf is the port of an https base URL with an explicit port, or 0.
func portOf(baseURL string) int {
	u, err := url.Parse(baseURL)
	if err != nil {
		return 0
	}
	p, _ := strconv.Atoi(u.Port())
	return p
}

// adopt finds the one non-master member at the node's address and takes it over.
func (r *loginsightClusterMemberResource) adopt(ctx context.Context, master, node *loginsight.Client, plan *loginsightClusterMemberModel, diags *diag.Diagnostics) bool {
	members, served, err := master.ClusterNodes(ctx)
	if err != nil || !served {
		return false
	}
	addrs := nodeAddresses(ctx, hostOnly(node.Endpoint()))
	var match []loginsight.NodeDetail
	for _, n := range members {
		if !n.IsPrimary && (addrs[n.IP] || addrs[n.Hostname]) {
			match = append(match, n)
		}
	}
	if len(match) != 1 {
		return false
	}
	plan.ID = types.StringValue(match[0].Key())
	if r.refresh(ctx, plan, diags) || diags.HasError() {
		return false
	}
	if err := node.WaitUntilStarted(ctx, nil); err != nil {
		diags.AddError("Log Insight node did not start", err.Error())
		return false
	}
	plan.nullUnknowns()
	diags.AddWarning("Log Insight node already in the cluster",
		fmt.Sprintf("%s was already a member of this cluster (token %s), so it was adopted instead of joined again.", plan.NodeHost.ValueString(), match[0].Key()))
	return true
}

// nodeAddresses is the host and, for a name, the addresses it resolves to.
func nodeAddresses(ctx context.Context, host string) map[string]bool {
	out := map[string]bool{host: true}
	if net.ParseIP(host) != nil {
		return out
	}
	if addrs, err := net.DefaultResolver.LookupHost(ctx, host); err == nil {
		for _, a := range addrs {
			out[a] = true
		}
	}
	return out
}

func loginsightJoinDiagnostic(err error, plan *loginsightClusterMemberModel) diag.Diagnostics {
	var diags diag.Diagnostics
	switch {
	case loginsight.CertificateRefused(err):
		diags.AddAttributeError(pathAcceptCert, "The new node does not trust the master's certificate",
			err.Error()+"\n\nThe node "+plan.NodeHost.ValueString()+" refused the certificate of "+plan.MasterFQDN.ValueString()+
				". Check that certificate out of band, then set accept_cert = true to let the node accept it.")
	case loginsight.AlreadyBootstrapped(err):
		diags.AddAttributeError(pathNodeHost, "The node is already bootstrapped",
			err.Error()+"\n\n"+plan.NodeHost.ValueString()+" is already part of a cluster or was set up on its own. If it is a member of this cluster, "+
				"import it: terraform import <address> '"+plan.NodeHost.ValueString()+",<node token>' (the token is its key in the master's /api/v2/upgrades nodes).")
	default:
		diags.AddError(loginsightSummary(err, "Log Insight node refused to join"), err.Error())
	}
	return diags
}

// refresh reads the master's membership and reports the node gone only when it is
// positively absent. That approve's clusterNode.token is also the node's /upgrades key
// and its /cluster/nodes id is an inference (loginsight.md section 3, [I]), so a token
// found in neither is looked for by the node's address among the cluster's nodes; only
// a node absent both ways is gone.
func (r *loginsightClusterMemberResource) refresh(ctx context.Context, m *loginsightClusterMemberModel, diags *diag.Diagnostics) bool {
	master, _, d := r.clients.loginsightMaster(m.Device.ValueString())
	diags.Append(d...)
	if diags.HasError() {
		return false
	}
	up, err := master.Upgrades(ctx)
	if err != nil {
		diags.AddError(loginsightSummary(err, "Reading the Log Insight cluster membership failed"), err.Error())
		return false
	}
	nodes, served, err := master.ClusterNodes(ctx)
	if err != nil {
		diags.AddError(loginsightSummary(err, "Reading the Log Insight cluster nodes failed"), err.Error())
		return false
	}
	token := m.ID.ValueString()
	nv, inUpgrades := up.Nodes[token]
	if inUpgrades && nv.FullVersion != "" {
		m.Version = types.StringValue(nv.FullVersion)
	}
	detail, found := findClusterNode(nodes, token)
	switch {
	case found || inUpgrades:
	case !served:
		diags.AddWarning("Log Insight membership not confirmed",
			fmt.Sprintf("The master's /upgrades does not list token %s, and the master does not serve /cluster/nodes, so the node cannot be looked up by address. "+
				"It is kept in the state: the product does not document that the approval's token is the /upgrades key.", token))
	default:
		var n int
		detail, n = r.nodeAtAddress(ctx, nodes, m)
		switch {
		case n == 0:
			tflog.Warn(ctx, "Log Insight node no longer in the cluster: removed outside Terraform", map[string]any{"token": token})
			return true
		case n > 1:
			diags.AddWarning("Log Insight membership not confirmed",
				fmt.Sprintf("The master lists no node with token %s, and %d nodes at the address of %s, so the node cannot be told apart. It is kept in the state.",
					token, n, m.NodeHost.ValueString()))
		default:
			tflog.Info(ctx, "Log Insight node found by address: the cluster knows it by another id", map[string]any{"token": token, "cluster_id": detail.Key()})
		}
	}
	if detail != nil {
		m.fromDetail(*detail)
	}
	if v := commonVersion(up); !inUpgrades && v != "" {
		m.Version = types.StringValue(v) // the node's key is unknown, but every node runs v
	}
	m.nullUnknowns()
	return false
}

// commonVersion is the full version every node of /upgrades runs, or "" when they differ.
func commonVersion(up *loginsight.Upgrades) string {
	v := ""
	for _, n := range up.Nodes {
		if v != "" && n.FullVersion != v {
			return ""
		}
		v = n.FullVersion
	}
	return v
}

// findClusterNode returns the entry of /cluster/nodes keyed by token.
func findClusterNode(nodes []loginsight.NodeDetail, token string) (*loginsight.NodeDetail, bool) {
	for i := range nodes {
		if nodes[i].Key() == token {
			return &nodes[i], true
		}
	}
	return nil, false
}

// nodeAtAddress returns the non-primary nodes at the member's address: its worker
// address as the join answered it, else (after an import) the addresses of node_host.
// /cluster/nodes reports no port, so the address decides; the returned node is the only
// match, and n counts them all.
func (r *loginsightClusterMemberResource) nodeAtAddress(ctx context.Context, nodes []loginsight.NodeDetail, m *loginsightClusterMemberModel) (match *loginsight.NodeDetail, n int) {
	addrs := map[string]bool{}
	if wa := m.WorkerAddress.ValueString(); wa != "" {
		addrs[wa] = true
	} else if u, err := parseHost(m.NodeHost.ValueString(), loginsight.DefaultPort); err == nil {
		addrs = nodeAddresses(ctx, hostOnly(u))
	}
	for i := range nodes {
		if !nodes[i].IsPrimary && (addrs[nodes[i].IP] || addrs[nodes[i].Hostname]) {
			match = &nodes[i]
			n++
		}
	}
	return match, n
}

// fromDetail takes what /cluster/nodes tells of the node.
func (m *loginsightClusterMemberModel) fromDetail(n loginsight.NodeDetail) {
	if n.Status != "" {
		m.Status = types.StringValue(n.Status)
	}
	if n.Hostname != "" {
		m.Hostname = types.StringValue(n.Hostname)
	}
	if n.IP != "" && (m.WorkerAddress.IsNull() || m.WorkerAddress.IsUnknown()) {
		m.WorkerAddress = types.StringValue(n.IP)
	}
}

func (m *loginsightClusterMemberModel) fromApproval(t *loginsight.JoinTicket, a *loginsight.Approval) {
	m.ID = types.StringValue(a.ClusterNode.Token)
	m.WorkerAddress = types.StringValue(t.WorkerAddress)
	m.WorkerPort = types.Int64Value(int64(t.WorkerPort))
	m.MasterAddress = types.StringValue(t.MasterAddress)
	m.MasterUIPort = types.Int64Value(int64(t.MasterUIPort))
	m.Hostname = types.StringValue(a.ClusterNode.Hostname)
	m.Status = types.StringValue(a.ClusterNode.Status)
	m.Version = types.StringValue(a.ClusterNode.FullVersion)
}

// nullUnknowns sets what an import could not recover to null.
func (m *loginsightClusterMemberModel) nullUnknowns() {
	for _, s := range []*types.String{&m.WorkerAddress, &m.MasterAddress, &m.Hostname, &m.Status, &m.Version, &m.MasterFQDN} {
		if s.IsUnknown() {
			*s = types.StringNull()
		}
	}
	for _, n := range []*types.Int64{&m.WorkerPort, &m.MasterUIPort} {
		if n.IsUnknown() {
			*n = types.Int64Null()
		}
	}
}

// hostOnly is the host of an https base URL, without port.
func hostOnly(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil {
		return baseURL
	}
	if h, _, err := net.SplitHostPort(u.Host); err == nil {
		return h
	}
	return u.Host
}

var (
	pathNodeHost   = path.Root("node_host")
	pathAcceptCert = path.Root("accept_cert")
)
