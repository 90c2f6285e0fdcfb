# Terraform 1.14 and later.
action "netops_sbc_switchover" "maintenance" {
  config {
    expected_active = "sbc-a" # nothing is sent unless sbc-a is the active unit
    wait            = true

    timeouts {
      invoke = "3m"
    }
  }
}

# 1. On demand:
#    terraform apply -invoke=action.netops_sbc_switchover.maintenance

# 2. From a resource's lifecycle, e.g. after a maintenance record is created:
resource "terraform_data" "maintenance_window" {
  input = "CHG-2026-0415"

  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.netops_sbc_switchover.maintenance]
    }
  }
}
