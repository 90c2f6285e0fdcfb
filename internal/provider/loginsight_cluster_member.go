package provider

import (
	"context"
	"fmt"
	"net"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/netops/terraform-provider-netops/internal/loginsight"
)

// join runs join on the node, approve on the master (saving the state at once), then
// waits until the node has started and reads its membership.
func (r *loginsightClusterMemberResource) join(ctx context.Context, plan *loginsightClusterMemberModel, resp *resource.CreateResponse) {
	master, ep, diags := r.clients.loginsightMaster()
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
	if plan.MasterFQDN.IsUnknown() || plan.MasterFQDN.IsNull() {
		plan.MasterFQDN = types.StringValue(hostOnly(ep.baseURL))
	}
	req := loginsight.JoinRequest{MasterFQDN: plan.MasterFQDN.ValueString(), AcceptCert: plan.AcceptCert.ValueBool()}
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
		resp.Diagnostics.AddError("Log Insight master refused the approval", err.Error())
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
		diags.AddError("Log Insight node refused to join", err.Error())
	}
	return diags
}

// refresh reads the master's membership; it reports the node gone when its token is absent.
func (r *loginsightClusterMemberResource) refresh(ctx context.Context, m *loginsightClusterMemberModel, diags *diag.Diagnostics) bool {
	master, _, d := r.clients.loginsightMaster()
	diags.Append(d...)
	if diags.HasError() {
		return false
	}
	up, err := master.Upgrades(ctx)
	if err != nil {
		diags.AddError("Reading the Log Insight cluster membership failed", err.Error())
		return false
	}
	token := m.ID.ValueString()
	nv, ok := up.Nodes[token]
	if !ok {
		tflog.Warn(ctx, "Log Insight node no longer in the cluster: removed outside Terraform", map[string]any{"token": token})
		return true
	}
	if nv.FullVersion != "" {
		m.Version = types.StringValue(nv.FullVersion)
	}
	nodes, served, err := master.ClusterNodes(ctx)
	if err != nil {
		diags.AddError("Reading the Log Insight cluster nodes failed", err.Error())
		return false
	}
	for _, n := range nodes {
		if !served || n.Key() != token {
			continue
		}
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
	m.nullUnknowns()
	return false
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
