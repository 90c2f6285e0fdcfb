# Terraform 1.14 and later. The action runs on the unit of the provider's ftd block.
action "netops_ftd_ha_failover" "to_secondary" {
  config {
    expected_active_role = "HA_PRIMARY" # nothing is sent unless the primary is active

    timeouts {
      invoke = "15m"
    }
  }
}

# 1. On demand:
#    terraform apply -invoke=action.netops_ftd_ha_failover.to_secondary

# 2. From a resource's lifecycle:
resource "terraform_data" "firmware_upgrade" {
  input = "7.4.2"

  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.netops_ftd_ha_failover.to_secondary]
    }
  }
}
