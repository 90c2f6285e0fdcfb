package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// join adopts a join that already happened or runs a new one, saving the job id as soon
// as FDM hands it back.
func (r *ftdHAJoinResource) join(ctx context.Context, client *ftd.Client, plan *ftdHAJoinModel, resp *resource.CreateResponse) {
	progress := func(msg string) { tflog.Info(ctx, "FTD HA join: "+msg) }
	status, err := client.HAStatus(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Reading the FTD HA status failed", err.Error())
		return
	}
	job, err := r.existingJoin(ctx, client, status)
	if err != nil {
		resp.Diagnostics.AddError("Reading the FTD join jobs failed", err.Error())
		return
	}
	if job != nil {
		tflog.Info(ctx, "FTD unit already joined or joining; adopting its join job instead of joining again", map[string]any{"job": job.ID, "state": job.State})
	} else {
		if job, err = client.Join(ctx, plan.Name.ValueString()); err != nil {
			resp.Diagnostics.AddError("FTD refused the HA join", err.Error()+joinHint(status))
			return
		}
	}
	plan.setJob(job)
	plan.setStatus(status)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	if resp.Diagnostics.HasError() {
		return
	}

	job, err = client.WaitJob(ctx, ftd.JobJoin, job.ID, progress)
	if job != nil {
		plan.setJob(job)
	}
	if err == nil {
		status, err = client.WaitHA(ctx, "the unit to reach the active or standby state", joinDone(plan.WaitForSync.ValueBool()), progress)
		if status != nil {
			plan.setStatus(status)
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	if err != nil {
		resp.Diagnostics.AddError("FTD HA join did not complete", err.Error()+
			" The join job id is saved in the state (the resource is tainted): check the unit, then apply again to replace it or import the pair as it is.")
	}
}

// existingJoin finds the job of a join that already happened (the unit is paired) or is
// running, so that an interrupted apply never joins twice. A paired unit with no join
// record is left to the device, which explains its refusal.
func (r *ftdHAJoinResource) existingJoin(ctx context.Context, client *ftd.Client, status *ftd.HAStatus) (*ftd.Job, error) {
	if status.NodeState != ftd.StateSingle && status.NodeState != "" {
		return client.LatestDeployed(ctx, ftd.JobJoin)
	}
	jobs, err := client.Jobs(ctx, ftd.JobJoin)
	if err != nil || len(jobs) == 0 || jobs[0].Ended() {
		return nil, err
	}
	return &jobs[0], nil // a join still running
}

// joinDone accepts an active or standby unit; with waitForSync, once the peer has joined,
// the configuration must also be in sync. The primary joins before its peer exists, so
// its join completes when it is active.
func joinDone(waitForSync bool) func(*ftd.HAStatus) bool {
	return func(s *ftd.HAStatus) bool {
		if !s.Paired() {
			return false
		}
		peerJoined := s.PeerNodeState == ftd.StateActive || s.PeerNodeState == ftd.StateStandby || s.PeerNodeState == ftd.StateConfigSync
		return !waitForSync || !peerJoined || s.ConfigStatus == ftd.ConfigInSync
	}
}

func joinHint(status *ftd.HAStatus) string {
	if status.NodeState == ftd.StateStandby {
		return " (this unit is the standby of a pair: FDM accepts the join only on the active or a single unit)"
	}
	return ""
}

// refresh reads the HA status and the job; it reports the pair gone when a unit that
// joined is single again. A join that failed stays, tainted, until it is replaced.
func (r *ftdHAJoinResource) refresh(ctx context.Context, client *ftd.Client, state *ftdHAJoinModel, diags *diag.Diagnostics) bool {
	status, err := client.HAStatus(ctx)
	if err != nil {
		diags.AddError("Reading the FTD HA status failed", err.Error())
		return false
	}
	if status.NodeState == ftd.StateSingle && state.State.ValueString() == ftd.JobDeployed {
		tflog.Warn(ctx, "FTD unit is a single node again: the pair was broken outside Terraform", map[string]any{"job": state.ID.ValueString()})
		return true
	}
	state.setStatus(status)
	job, err := client.Job(ctx, ftd.JobJoin, state.ID.ValueString())
	switch {
	case transport.IsNotFound(err):
		// FDM purges old job records; the pair is what matters.
	case err != nil:
		diags.AddError("Reading the FTD join job failed", err.Error())
	default:
		state.setJob(job)
		if state.Name.IsNull() && job.Name != "" {
			state.Name = types.StringValue(job.Name)
		}
	}
	return false
}

// breakPair breaks the pair from this unit and waits until it is a single node.
func (r *ftdHAJoinResource) breakPair(ctx context.Context, client *ftd.Client, option string, diags *diag.Diagnostics) {
	progress := func(msg string) { tflog.Info(ctx, "FTD HA break: "+msg) }
	status, err := client.HAStatus(ctx)
	if err != nil {
		diags.AddError("Reading the FTD HA status failed", err.Error())
		return
	}
	if status.NodeState == ftd.StateSingle {
		return
	}
	job, err := client.Break(ctx, option)
	if err != nil {
		diags.AddError("FTD refused to break the HA pair", err.Error())
		return
	}
	if _, err := client.WaitJob(ctx, ftd.JobBreak, job.ID, progress); err != nil {
		diags.AddError("FTD HA break did not complete", err.Error())
		return
	}
	_, err = client.WaitHA(ctx, "the unit to become a single node", func(s *ftd.HAStatus) bool { return s.NodeState == ftd.StateSingle }, progress)
	if err != nil {
		var wt *ftd.WaitTimeoutError
		if errors.As(err, &wt) {
			diags.AddError("FTD HA break not confirmed", err.Error())
			return
		}
		diags.AddError("Reading the FTD HA status failed", err.Error())
	}
}

func (m *ftdHAJoinModel) setJob(j *ftd.Job) {
	m.ID = types.StringValue(j.ID)
	m.State = types.StringValue(j.State)
	m.QueuedTime = types.Int64Value(j.QueuedTime)
	m.StartTime = types.Int64Value(j.StartTime)
	m.EndTime = types.Int64Value(j.EndTime)
	msgs := make([]types.String, 0, len(j.StatusMessages))
	for _, s := range j.StatusMessages {
		msgs = append(msgs, types.StringValue(s))
	}
	m.StatusMessages, _ = types.ListValueFrom(context.Background(), types.StringType, msgs)
	m.CLIErrorMessage = types.StringValue(j.CLIErrorMessage)
}

func (m *ftdHAJoinModel) setStatus(s *ftd.HAStatus) {
	m.NodeRole = types.StringValue(s.Role())
	m.NodeState = types.StringValue(s.NodeState)
	m.PeerNodeState = types.StringValue(s.PeerNodeState)
	m.ConfigStatus = types.StringValue(s.ConfigStatus)
	m.HAHealthStatus = types.StringValue(s.HAHealthStatus)
}
