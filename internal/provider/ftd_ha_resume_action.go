package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/action"

	"github.com/netops/terraform-provider-netops/internal/ftd"
)

// NewFTDHAResumeAction is the netops_ftd_ha_resume action (Terraform 1.14 and later).
func NewFTDHAResumeAction() action.Action {
	return &ftdHAMaintenanceAction{
		verb: "resume",
		description: "Resumes HA on the suspended FTD unit of the provider's `ftd` block (FDM `POST /devices/default/action/ha/resume`) " +
			"and waits until the unit is `HA_ACTIVE_NODE` or `HA_STANDBY_NODE` again, reporting each step. Nothing is sent unless the unit " +
			"reports `HA_SUSPENDED_NODE`. A resuming standby may answer 503, or not at all, for a few minutes: the action waits through that.",
		guards: []ftdHAGuard{ftdExpectedRole},
		run:    (*ftd.Client).Resume,
	}
}
