package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/netops/terraform-provider-netops/internal/loginsight"
)

var (
	_ resource.Resource                   = (*loginsightClusterResource)(nil)
	_ resource.ResourceWithConfigure      = (*loginsightClusterResource)(nil)
	_ resource.ResourceWithImportState    = (*loginsightClusterResource)(nil)
	_ resource.ResourceWithIdentity       = (*loginsightClusterResource)(nil)
	_ resource.ResourceWithValidateConfig = (*loginsightClusterResource)(nil)
)

// NewLogInsightClusterResource is the netops_loginsight_cluster resource.
func NewLogInsightClusterResource() resource.Resource { return &loginsightClusterResource{} }

type loginsightClusterResource struct {
	clients *Clients
}

type loginsightClusterResourceModel struct {
	ID                     types.String   `tfsdk:"id"`
	Device                 types.String   `tfsdk:"device"`
	AdminUsername          types.String   `tfsdk:"admin_username"`
	AdminEmail             types.String   `tfsdk:"admin_email"`
	AdminPasswordWO        types.String   `tfsdk:"admin_password_wo"`
	AdminPasswordWOVersion types.Int64    `tfsdk:"admin_password_wo_version"`
	NTPServers             types.List     `tfsdk:"ntp_servers"`
	Version                types.String   `tfsdk:"version"`
	FullVersion            types.String   `tfsdk:"full_version"`
	Stable                 types.Bool     `tfsdk:"stable"`
	Nodes                  types.List     `tfsdk:"nodes"`
	Timeouts               timeouts.Value `tfsdk:"timeouts"`
}

const (
	loginsightBootstrapTimeout = 30 * time.Minute
	loginsightUpdateTimeout    = 10 * time.Minute
)

// loginsightEmail is a loose check of an e-mail address: the API documents only a string.
var loginsightEmail = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

func (r *loginsightClusterResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_loginsight_cluster"
}

func (r *loginsightClusterResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keepStr := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Bootstraps the newly deployed Log Insight / Aria Operations for Logs node that the provider's `loginsight.host` " +
			"names as the first node (the master) of a new cluster, with its admin user, then waits until it has started and optionally sets " +
			"its NTP servers. Join further nodes with `netops_loginsight_cluster_member` naming this resource in `cluster_id`. " +
			"A node that is already bootstrapped is adopted when the given admin credentials log in. No API un-bootstraps a node, " +
			"so destroying the resource only forgets it.",
		Attributes: map[string]schema.Attribute{
			"device": schema.StringAttribute{MarkdownDescription: deviceDescription(vendorLogInsight), Optional: true},
			"id": schema.StringAttribute{
				MarkdownDescription: "API address of the master, `host:port`: the provider's `loginsight.host` with the port made explicit.",
				Computed:            true,
				PlanModifiers:       keepStr,
			},
			"admin_username": schema.StringAttribute{
				MarkdownDescription: "User name of the admin user the bootstrap creates (a `Local` user); the resource logs in as this user to adopt " +
					"a bootstrapped node and to set the NTP servers. No API renames the user: a later change only changes whom the resource " +
					"logs in as, which the update checks.",
				Required:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"admin_email": schema.StringAttribute{
				MarkdownDescription: "E-mail address of the admin user, sent with the bootstrap. No API changes it later: a later change is kept in the state with a warning.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(loginsightEmail, "must be an e-mail address")},
			},
			"admin_password_wo": schema.StringAttribute{
				MarkdownDescription: "Password of the admin user, write-only (Terraform 1.11 or later): sent with the bootstrap and used to log in " +
					"after it, never stored in the plan or the state. The API cannot change it later: after changing the password in the " +
					"Log Insight UI, set the new one here and change `admin_password_wo_version`.",
				Required:   true,
				Sensitive:  true,
				WriteOnly:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"admin_password_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Any number; changing it makes the update log in with `admin_password_wo` to check it (nothing is sent to the cluster).",
				Optional:            true,
			},
			"ntp_servers": schema.ListAttribute{
				MarkdownDescription: "NTP servers the cluster takes its time from, set with `PUT /api/v2/time/config` once the node has started, " +
					"and again when they change. Before that, `POST /api/v2/time/test` checks them: a server the cluster cannot reach fails the apply, " +
					"naming it, and nothing is changed. Every refresh reads them back with `GET /api/v2/time/config` (compared without regard to order " +
					"or case), so a change made in the UI shows as a difference that the next apply undoes; time from the ESX host reads as no servers. " +
					"Removing the attribute leaves the cluster's time settings as they are, and they are no longer read.",
				Optional:    true,
				ElementType: types.StringType,
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1),
					listvalidator.UniqueValues(),
					listvalidator.ValueStringsAre(hostNameValidator{}),
				},
			},
			"version":      schema.StringAttribute{MarkdownDescription: "Cluster version.", Computed: true, PlanModifiers: keepStr},
			"full_version": schema.StringAttribute{MarkdownDescription: "Cluster full version (with build).", Computed: true, PlanModifiers: keepStr},
			"stable":       schema.BoolAttribute{MarkdownDescription: "Whether the cluster reports itself stable (no node starting, no upgrade in progress).", Computed: true},
			"nodes": schema.ListNestedAttribute{
				MarkdownDescription: "The cluster's nodes, ordered by token, as the data source `netops_loginsight_cluster` shows them. Members joined later appear at the next refresh.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: loginsightNodeAttributes()},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true}),
		},
	}
}

// ValidateConfig refuses the admin password on a CLI that cannot send write-only values:
// there it would reach the provider as null and the bootstrap could not set it.
func (r *loginsightClusterResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	if req.ClientCapabilities.WriteOnlyAttributesAllowed {
		return
	}
	var password types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("admin_password_wo"), &password)...)
	if !resp.Diagnostics.HasError() && !password.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("admin_password_wo"), "netops_loginsight_cluster needs Terraform 1.11 or newer",
			"The admin password is a write-only attribute, and write-only attributes came with Terraform 1.11 and OpenTofu 1.11; "+
				"this CLI cannot send one. Upgrade the CLI, or bootstrap the node by hand and manage its members with netops_loginsight_cluster_member.")
	}
}

func (r *loginsightClusterResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *loginsightClusterResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan loginsightClusterResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	admin := plan.adminUser(ctx, req.Config, &resp.Diagnostics)
	timeout, d := plan.Timeouts.Create(ctx, loginsightBootstrapTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	r.bootstrap(ctx, &plan, admin, resp)
}

func (r *loginsightClusterResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics, &req.State)
	var state loginsightClusterResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.clients.keepUnmanaged(ctx, vendorLogInsight, state.Device, &resp.Diagnostics) {
		return
	}
	master, s, diags := r.clients.loginsightMaster(state.Device.ValueString())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if id := loginsightClusterID(s.baseURL); id != state.ID.ValueString() {
		resp.Diagnostics.AddError("Log Insight cluster not at the provider's host",
			fmt.Sprintf("This cluster was bootstrapped on %s, but the provider's loginsight.host now names %s; the provider reads a cluster through its master. "+
				"Point loginsight.host back at %s, or remove the resource from the state (terraform state rm) and import the cluster at its new address.",
				state.ID.ValueString(), id, state.ID.ValueString()))
		return
	}
	// No answer here means the cluster is gone: a node cannot be un-bootstrapped, so every
	// failure, a refused or missing login included, is an error and the state is kept.
	resp.Diagnostics.Append(state.readCluster(ctx, master)...)
	if !resp.Diagnostics.HasError() && !state.NTPServers.IsNull() {
		resp.Diagnostics.Append(state.readNTPServers(ctx, master)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update checks the admin credentials when they changed and sets the NTP servers again
// when they changed; nothing else can be changed through the API.
func (r *loginsightClusterResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state loginsightClusterResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	admin := plan.adminUser(ctx, req.Config, &resp.Diagnostics)
	timeout, d := plan.Timeouts.Update(ctx, loginsightUpdateTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if !state.AdminEmail.IsNull() && !plan.AdminEmail.Equal(state.AdminEmail) {
		resp.Diagnostics.AddAttributeWarning(path.Root("admin_email"), "Log Insight admin e-mail not changed",
			"The admin's e-mail address is set by the bootstrap only, and no API changes it later: change it in the Log Insight UI. The new value is kept in the state.")
	}
	credentials := !plan.AdminUsername.Equal(state.AdminUsername) || !plan.AdminPasswordWOVersion.Equal(state.AdminPasswordWOVersion)
	ntp := !plan.NTPServers.Equal(state.NTPServers) && !plan.NTPServers.IsNull()
	if !plan.NTPServers.Equal(state.NTPServers) && plan.NTPServers.IsNull() {
		resp.Diagnostics.AddAttributeWarning(path.Root("ntp_servers"), "Log Insight time settings left as they are",
			"ntp_servers was removed from the configuration; the cluster keeps the NTP servers it has. Change them in the Log Insight UI if needed.")
	}
	var reader *loginsight.Client
	if credentials || ntp {
		s, diags := r.clients.loginsightSettingsOnly(plan.Device.ValueString())
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		client, diags := r.clients.loginsightAdmin(s, admin)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		defer func() { _ = client.Close(ctx) }()
		if credentials {
			if err := client.CurrentSession(ctx); err != nil {
				resp.Diagnostics.AddAttributeError(path.Root("admin_password_wo"), "The Log Insight admin credentials do not log in", err.Error())
				return
			}
		}
		if ntp && !plan.setTimeConfig(ctx, client, "", &resp.Diagnostics) {
			return
		}
		reader = client
	} else {
		master, _, diags := r.clients.loginsightMaster(plan.Device.ValueString())
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		reader = master
	}
	resp.Diagnostics.Append(plan.readCluster(ctx, reader)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(clearImported(ctx, resp.Private)...)
}

// ModifyPlan checks the device (the node bootstrapped as master) before any request.
func (r *loginsightClusterResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.clients.modifyDevicePlan(ctx, vendorLogInsight, req, resp)
}

// Delete forgets the cluster: no Log Insight API un-bootstraps a node.
func (r *loginsightClusterResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state loginsightClusterResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.AddWarning("Log Insight cluster still bootstrapped",
		fmt.Sprintf("Log Insight has no API to undo a bootstrap, so the cluster whose master is %s was removed from the Terraform state only; "+
			"the node and its members keep running. To start again from an unbootstrapped node, redeploy it.", state.ID.ValueString()))
	r.noteBootstrapped(state.Device.ValueString(), state.ID.ValueString())
}

// ImportState takes the master's API address, "host" or "host:port", or an identity with it.
func (r *loginsightClusterResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	defer r.setIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	raw := r.importID(ctx, req, &resp.Diagnostics)
	baseURL, err := parseHost(raw, loginsight.DefaultPort)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import id", "Expected the master's API address, host or host:port (the provider's loginsight.host), e.g. li-master.example.net:9543: the address "+err.Error()+".")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), loginsightClusterID(baseURL))...)
	resp.Diagnostics.Append(markImported(ctx, resp.Private)...)
}

// How the resource came to hold its node.
type bootstrapPath int

const (
	bootstrapSent     bootstrapPath = iota // deployment/new sent and accepted
	bootstrapKnown                         // the node is known to have taken it: not sent again
	bootstrapConflict                      // deployment/new answered 409: a bootstrapped node, adopted
)

// bootstrap sends deployment/new (saving the state as soon as the node accepted it), or
// takes over a node that is bootstrapped already; then it waits until the node has
// started, sets the NTP servers and reads the cluster. A node this provider knows took
// deployment/new (the state of the cluster this resource replaces held it; see Delete) is
// not sent it again: it is saved at once and adopted. A node that answers 409 is adopted
// only once its admin logs in and it is not a worker.
func (r *loginsightClusterResource) bootstrap(ctx context.Context, plan *loginsightClusterResourceModel, admin loginsight.AdminUser, resp *resource.CreateResponse) {
	s, diags := r.clients.loginsightSettingsOnly(plan.Device.ValueString())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	node, diags := r.clients.loginsightNode(s, s.baseURL)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID = types.StringValue(loginsightClusterID(s.baseURL))
	host := plan.ID.ValueString()
	var sent []string // what went to the node, for the warning of an adoption
	how := bootstrapKnown
	if !node.Bootstrapped() {
		err := node.Bootstrap(ctx, admin)
		switch {
		case loginsight.AlreadyBootstrapped(err):
			how = bootstrapConflict
			sent = append(sent, "POST /api/v2/deployment/new, answered 409 (it sets nothing up on a bootstrapped node)")
			tflog.Info(ctx, "Log Insight node already bootstrapped: checking the admin credentials to adopt it", map[string]any{"host": host})
		case err != nil:
			detail := err.Error() + "\n\nNothing was set up on " + host + "."
			if !errors.Is(err, loginsight.ErrAPINotServed) {
				detail += " Correct the admin user if the node refused it, then apply again."
			}
			resp.Diagnostics.AddError(loginsightSummary(err, "Log Insight refused to bootstrap the node"), detail)
			return
		default:
			how = bootstrapSent
		}
	} else {
		tflog.Info(ctx, "Log Insight node known to be bootstrapped: deployment/new is not sent again", map[string]any{"host": host})
	}
	if how != bootstrapConflict {
		plan.nullUnknowns()
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	progress := func(msg string) { tflog.Info(ctx, "Log Insight bootstrap: "+msg) }
	err := node.WaitUntilStarted(ctx, progress)
	sent = append(sent, "POST /api/v2/deployment/waitUntilStarted until the node reported started")
	if err != nil {
		detail := err.Error() + "\n\n"
		switch how {
		case bootstrapSent:
			detail += "The node accepted deployment/new and is saved in the state (the resource is tainted); check it in the Log Insight UI. "
		case bootstrapKnown:
			detail += "The node took deployment/new in an earlier apply, so it was not sent again; the node is saved in the state (the resource is tainted). "
		default:
			detail += "The node answered 409 to deployment/new (it is bootstrapped already) and nothing was saved. "
		}
		if how != bootstrapConflict {
			detail += replacedWithoutNew
		}
		resp.Diagnostics.AddError("Log Insight node did not start", detail)
		return
	}
	client, diags := r.clients.loginsightAdmin(s, admin)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	defer func() { _ = client.Close(ctx) }()
	if how != bootstrapSent {
		if !r.adopt(ctx, client, plan, how, &resp.Diagnostics) {
			return
		}
		sent = append(sent, "a login as admin_username (POST /api/v2/sessions) and the reads GET /api/v2/sessions/current and GET /api/v2/cluster/nodes")
	}
	if !plan.NTPServers.IsNull() {
		note := ""
		if how != bootstrapConflict {
			note = "\n\nThe node is bootstrapped and saved in the state (the resource is tainted). " + replacedWithoutNew
		}
		if !plan.setTimeConfig(ctx, client, note, &resp.Diagnostics) {
			return
		}
		sent = append(sent, "POST /api/v2/time/test and PUT /api/v2/time/config with ntp_servers")
	}
	resp.Diagnostics.Append(plan.readCluster(ctx, client)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	switch how {
	case bootstrapConflict:
		resp.Diagnostics.AddWarning("Log Insight node already bootstrapped: adopted",
			fmt.Sprintf("%s was already bootstrapped: it answered 409 to POST /api/v2/deployment/new, and admin_username %q logs in to it, "+
				"so it was adopted as this cluster instead of being set up. Sent to it: %s. admin_email was not applied: only deployment/new sets it.",
				host, plan.AdminUsername.ValueString(), strings.Join(sent, "; ")))
	case bootstrapKnown:
		resp.Diagnostics.AddWarning("Log Insight node already bootstrapped: deployment/new not sent again",
			fmt.Sprintf("%s took deployment/new in an earlier apply (the state of the cluster this resource replaces held it), so deployment/new "+
				"was not sent again and the node was adopted with admin_username %q. Sent to it: %s. admin_email is the one the first deployment/new set.",
				host, plan.AdminUsername.ValueString(), strings.Join(sent, "; ")))
	}
}

// replacedWithoutNew says what the next apply does with a tainted cluster.
const replacedWithoutNew = "The next apply replaces it without sending deployment/new again (unless the resource uses create_before_destroy): " +
	"it waits for the node to start and adopts it with these admin credentials."

// noteBootstrapped tells the client of the node at id (host:port) that it is bootstrapped:
// any state of this resource means so (deployment/new accepted, or a bootstrapped node
// adopted or imported), so a replacement in this run does not send deployment/new again.
// Without a usable loginsight block nothing is noted.
func (r *loginsightClusterResource) noteBootstrapped(device, id string) {
	if r.clients == nil || id == "" {
		return
	}
	s, diags := r.clients.loginsightSettingsOnly(device)
	if diags.HasError() {
		return
	}
	if node, diags := r.clients.loginsightNode(s, "https://"+id); !diags.HasError() {
		node.NoteBootstrapped()
	}
}

// adopt takes over a bootstrapped node when the configured admin logs in to it and it is
// not a worker of a cluster.
func (r *loginsightClusterResource) adopt(ctx context.Context, client *loginsight.Client, plan *loginsightClusterResourceModel, how bootstrapPath, diags *diag.Diagnostics) bool {
	err := client.CurrentSession(ctx)
	if errors.Is(err, loginsight.ErrCredentialsRefused) {
		if how == bootstrapKnown {
			diags.AddAttributeError(path.Root("admin_password_wo"), "The Log Insight admin credentials do not log in",
				fmt.Sprintf("%s took deployment/new in an earlier apply, so it was not sent again, but admin_username %q with admin_password_wo does not log in to it (%v). "+
					"Give the credentials of the admin that bootstrap created.", plan.ID.ValueString(), plan.AdminUsername.ValueString(), err))
			return false
		}
		diags.AddAttributeError(path.Root("admin_password_wo"), "Log Insight node already bootstrapped by someone else",
			fmt.Sprintf("%s answered that it is already bootstrapped (409), and admin_username %q with admin_password_wo does not log in to it (%v), "+
				"so it is not adopted. Point loginsight.host at a newly deployed node, or give the credentials of the existing cluster's admin to adopt it.",
				plan.ID.ValueString(), plan.AdminUsername.ValueString(), err))
		return false
	}
	if err != nil {
		diags.AddError(loginsightSummary(err, "Logging in to the bootstrapped Log Insight node failed"), err.Error())
		return false
	}
	nodes, served, err := client.ClusterNodes(ctx)
	if err != nil {
		diags.AddError(loginsightSummary(err, "Reading the Log Insight cluster nodes failed"), err.Error())
		return false
	}
	if served && isWorkerOnly(ctx, nodes, hostOnly(client.Endpoint())) {
		diags.AddError("Log Insight node is a worker of a cluster",
			plan.ID.ValueString()+" is bootstrapped as a worker of an existing cluster, not as its master, so it cannot be adopted as the cluster. "+
				"Point loginsight.host at the cluster's master.")
		return false
	}
	return true
}

// isWorkerOnly reports whether /cluster/nodes lists nodes at host, none of them primary.
func isWorkerOnly(ctx context.Context, nodes []loginsight.NodeDetail, host string) bool {
	addrs := nodeAddresses(ctx, host)
	found := false
	for _, n := range nodes {
		if addrs[n.IP] || addrs[n.Hostname] {
			if n.IsPrimary {
				return false
			}
			found = true
		}
	}
	return found
}

// setTimeConfig checks the NTP servers with POST /time/test, then sends them; a server
// the cluster cannot reach fails before anything is changed. note ends every error's detail.
func (m *loginsightClusterResourceModel) setTimeConfig(ctx context.Context, client *loginsight.Client, note string, diags *diag.Diagnostics) bool {
	var servers []string
	diags.Append(m.NTPServers.ElementsAs(ctx, &servers, false)...)
	if diags.HasError() {
		return false
	}
	const unchanged = "\n\nNothing was changed: the cluster keeps the time settings it has."
	var unreachable *loginsight.UnreachableNTPServersError
	switch err := client.TestNTPServers(ctx, servers); {
	case errors.As(err, &unreachable):
		diags.AddAttributeError(path.Root("ntp_servers"), "Log Insight cannot reach the NTP servers",
			err.Error()+unchanged+" Correct the names, or let every node of the cluster reach them (NTP, UDP port 123), then apply again."+note)
		return false
	case err != nil:
		diags.AddAttributeError(path.Root("ntp_servers"), loginsightSummary(err, "Checking the NTP servers failed"), err.Error()+unchanged+note)
		return false
	}
	err := client.SetTimeConfig(ctx, loginsight.TimeConfig{TimeReference: loginsight.TimeNTPServer, NTPServers: servers})
	if err != nil {
		diags.AddAttributeError(path.Root("ntp_servers"), loginsightSummary(err, "Log Insight refused the NTP servers"), err.Error()+note)
		return false
	}
	return true
}

// readNTPServers reads the cluster's NTP servers back into ntp_servers: time from the ESX
// host reads as no servers; the same servers in another order or case keep the state's.
func (m *loginsightClusterResourceModel) readNTPServers(ctx context.Context, client *loginsight.Client) diag.Diagnostics {
	var diags diag.Diagnostics
	tc, err := client.TimeConfig(ctx)
	if err != nil {
		diags.AddError(loginsightSummary(err, "Reading the Log Insight time settings failed"), err.Error())
		return diags
	}
	var known []string
	diags.Append(m.NTPServers.ElementsAs(ctx, &known, false)...)
	if servers, changed := ntpServersRead(known, tc); changed {
		var d diag.Diagnostics
		m.NTPServers, d = types.ListValueFrom(ctx, types.StringType, servers)
		diags.Append(d...)
	}
	return diags
}

// ntpServersRead is what the cluster's time settings tc make of the known servers: the
// servers it uses (none unless its time reference is NTP_SERVER), and whether they differ
// from known other than in order or case.
func ntpServersRead(known []string, tc *loginsight.TimeConfig) ([]string, bool) {
	servers := []string{}
	if tc.TimeReference == loginsight.TimeNTPServer {
		servers = append(servers, tc.NTPServers...)
	}
	norm := func(list []string) []string {
		out := make([]string, len(list))
		for i, s := range list {
			out[i] = strings.ToLower(s)
		}
		slices.Sort(out)
		return out
	}
	return servers, !slices.Equal(norm(known), norm(servers))
}

// readCluster reads the cluster's version and nodes, as the data source does.
func (m *loginsightClusterResourceModel) readCluster(ctx context.Context, client *loginsight.Client) diag.Diagnostics {
	var diags diag.Diagnostics
	up, err := client.Upgrades(ctx)
	if err != nil {
		diags.AddError(loginsightSummary(err, "Reading the Log Insight cluster failed"), err.Error())
		return diags
	}
	details, _, err := client.ClusterNodes(ctx)
	if err != nil {
		diags.AddError(loginsightSummary(err, "Reading the Log Insight cluster nodes failed"), err.Error())
		return diags
	}
	nodes, d := loginsightNodes(up, details)
	diags.Append(d...)
	m.Version, m.FullVersion, m.Stable, m.Nodes = types.StringValue(up.Version), types.StringValue(up.FullVersion), types.BoolValue(up.Stable), nodes
	return diags
}

// adminUser is the admin the configuration names; the password is write-only, so only
// the configuration holds it.
func (m *loginsightClusterResourceModel) adminUser(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) loginsight.AdminUser {
	var password types.String
	diags.Append(config.GetAttribute(ctx, path.Root("admin_password_wo"), &password)...)
	return loginsight.AdminUser{UserName: m.AdminUsername.ValueString(), Password: password.ValueString(), Email: m.AdminEmail.ValueString()}
}

// nullUnknowns sets the outputs not read yet to null, so that a state saved before the
// first read is complete.
func (m *loginsightClusterResourceModel) nullUnknowns() {
	for _, s := range []*types.String{&m.Version, &m.FullVersion} {
		if s.IsUnknown() {
			*s = types.StringNull()
		}
	}
	if m.Stable.IsUnknown() {
		m.Stable = types.BoolNull()
	}
	if m.Nodes.IsUnknown() {
		m.Nodes = types.ListNull(loginsightNodeType)
	}
}

// loginsightNodeAttributes are the attributes of a node in nodes, as the data source has them.
func loginsightNodeAttributes() map[string]schema.Attribute {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	return map[string]schema.Attribute{
		"token":        str("The node's cluster token."),
		"version":      str("The node's version."),
		"full_version": str("The node's full version."),
		"address":      str("The node's address, when the master reports it."),
		"hostname":     str("The node's host name, when the master reports it."),
		"status":       str("The node's health (`Connected`, `Disconnected`, `Maintenance`), when the master reports it."),
		"is_primary":   schema.BoolAttribute{MarkdownDescription: "Whether the node is the master, when the master reports it.", Computed: true},
	}
}

// loginsightClusterID is the cluster's id: the master's API address, host:port.
func loginsightClusterID(baseURL string) string { return strings.TrimPrefix(baseURL, "https://") }
