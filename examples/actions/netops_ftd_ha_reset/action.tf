# Terraform 1.14 and later. Run it through either unit of the pair.
action "netops_ftd_ha_reset" "secondary" {
  config {
    expected_failed_role = "HA_SECONDARY" # nothing is sent unless the secondary is the failed unit

    timeouts {
      invoke = "20m"
    }
  }
}

# terraform apply -invoke=action.netops_ftd_ha_reset.secondary
