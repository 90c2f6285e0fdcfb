package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/action"

	"github.com/netops/terraform-provider-netops/internal/ftd"
)

// NewFTDHASuspendAction is the netops_ftd_ha_suspend action (Terraform 1.14 and later).
func NewFTDHASuspendAction() action.Action {
	return &ftdHAMaintenanceAction{
		verb: "suspend",
		description: "Suspends HA on the FTD unit of the provider's `ftd` block (FDM `POST /devices/default/action/ha/suspend`): " +
			"on the active unit HA is suspended on both units, on the standby only on the standby. It refuses unless the unit is the active or " +
			"the standby unit of a pair, and waits until the unit reports `HA_SUSPENDED_NODE`, reporting each step.",
		guards: []ftdHAGuard{{
			attribute: "expected_state",
			description: "`HA_ACTIVE_NODE` or `HA_STANDBY_NODE`: the state the unit must be in. When it is in another, nothing is sent. " +
				"Set it: it decides whether one unit or both are suspended.",
			values: []string{ftd.StateActive, ftd.StateStandby},
			set:    func(o *ftd.HAActionOptions, v string) { o.ExpectedState = v },
		}, ftdExpectedRole},
		run: (*ftd.Client).Suspend,
	}
}
