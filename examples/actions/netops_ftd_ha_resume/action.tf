# Terraform 1.14 and later. The action runs on the unit of the provider's ftd block:
# one provider alias per unit of the pair.
provider "netops" {
  alias = "fw_b"
  ftd {
    host     = "fw-b.mgmt.example.net"
    username = "admin"
    password = var.ftd_password
  }
}

action "netops_ftd_ha_resume" "fw_b" {
  provider = netops.fw_b
  config {
    expected_role = "HA_SECONDARY" # nothing is sent unless this unit is the secondary

    timeouts {
      invoke = "20m" # a resuming standby may not answer for a few minutes
    }
  }
}

# terraform apply -invoke=action.netops_ftd_ha_resume.fw_b

variable "ftd_password" {
  type      = string
  sensitive = true
}
