# Terraform 1.14 and later. The action runs on the unit of the provider's ftd block.
action "netops_ftd_ha_suspend" "for_upgrade" {
  config {
    expected_state = "HA_ACTIVE_NODE" # on the active unit: suspends HA on both units
    expected_role  = "HA_PRIMARY"     # nothing is sent unless the primary is that unit

    timeouts {
      invoke = "20m"
    }
  }
}

# 1. On demand:
#    terraform apply -invoke=action.netops_ftd_ha_suspend.for_upgrade

# 2. From a resource's lifecycle, before an upgrade is recorded:
resource "terraform_data" "firmware_upgrade" {
  input = "7.4.2"

  lifecycle {
    action_trigger {
      events  = [before_update]
      actions = [action.netops_ftd_ha_suspend.for_upgrade]
    }
  }
}
