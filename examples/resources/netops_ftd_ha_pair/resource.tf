provider "netops" {
  ftd {
    username = "admin"
    password = var.ftd_password
    devices = {
      branch1_a = { host = "fw-branch1-a.example.net" }
      branch1_b = { host = "fw-branch1-b.example.net" }
      branch2_a = { host = "fw-branch2-a.example.net" }
      branch2_b = { host = "fw-branch2-b.example.net" }
    }
  }
}

variable "ftd_password" {
  type      = string
  sensitive = true
}

variable "ha_key" {
  type      = string
  sensitive = true
}

locals {
  pairs = {
    branch1 = { primary = "branch1_a", secondary = "branch1_b" }
    branch2 = { primary = "branch2_a", secondary = "branch2_b" }
  }
}

# Every pair of the fleet from one resource block: both units configured, the primary
# then the secondary joined, active/standby in sync.
resource "netops_ftd_ha_pair" "branch" {
  for_each = local.pairs

  primary_device          = each.value.primary
  secondary_device        = each.value.secondary
  failover_interface      = "GigabitEthernet0/7"
  failover_name           = "failover-link"
  primary_failover_ipv4   = "192.168.77.1"
  secondary_failover_ipv4 = "192.168.77.2"
  netmask                 = "24"
  shared_key              = var.ha_key
}

output "active_units" {
  value = { for name, pair in netops_ftd_ha_pair.branch : name => pair.active_device }
}
