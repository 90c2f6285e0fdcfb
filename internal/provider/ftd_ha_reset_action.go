package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/action"

	"github.com/netops/terraform-provider-netops/internal/ftd"
)

// NewFTDHAResetAction is the netops_ftd_ha_reset action (Terraform 1.14 and later).
func NewFTDHAResetAction() action.Action {
	return &ftdHAMaintenanceAction{
		verb: "reset",
		description: "Clears the failed unit of an FTD HA pair (FDM `POST /devices/default/action/ha/reset`), through the unit of the " +
			"provider's `ftd` block, and waits until the pair is a healthy ACTIVE/STANDBY pair in sync again, reporting each step. " +
			"Nothing is sent unless this unit or its peer reports `HA_FAILED_NODE`.",
		guards: []ftdHAGuard{{
			attribute:   "expected_failed_role",
			description: "`HA_PRIMARY` or `HA_SECONDARY`: the role of the unit that must have failed. When the other one failed, nothing is sent.",
			values:      []string{ftd.RolePrimary, ftd.RoleSecondary},
			set:         func(o *ftd.HAActionOptions, v string) { o.ExpectedFailedRole = v },
		}},
		run: (*ftd.Client).Reset,
	}
}
