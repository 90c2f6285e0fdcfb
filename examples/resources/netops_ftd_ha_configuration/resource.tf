# One provider alias per unit of the pair.
provider "netops" {
  alias = "fw_a"
  ftd {
    host     = "fw-a.mgmt.example.net"
    username = "admin"
    password = var.ftd_password
  }
}

provider "netops" {
  alias = "fw_b"
  ftd {
    host     = "fw-b.mgmt.example.net"
    username = "admin"
    password = var.ftd_password
  }
}

locals {
  failover = {
    failover_interface      = "GigabitEthernet0/7"
    failover_name           = "failover-link"
    primary_failover_ipv4   = "192.0.2.1"
    secondary_failover_ipv4 = "192.0.2.2"
    netmask                 = "24"
  }
}

resource "netops_ftd_ha_configuration" "fw_a" {
  provider                = netops.fw_a
  node_role               = "HA_PRIMARY"
  failover_interface      = local.failover.failover_interface
  failover_name           = local.failover.failover_name
  primary_failover_ipv4   = local.failover.primary_failover_ipv4
  secondary_failover_ipv4 = local.failover.secondary_failover_ipv4
  netmask                 = local.failover.netmask
  shared_key_wo           = var.failover_key # write-only: never stored in the state
  shared_key_wo_version   = 1                # change it to send a new key
}

resource "netops_ftd_ha_configuration" "fw_b" {
  provider                = netops.fw_b
  node_role               = "HA_SECONDARY"
  failover_interface      = local.failover.failover_interface
  failover_name           = local.failover.failover_name
  primary_failover_ipv4   = local.failover.primary_failover_ipv4
  secondary_failover_ipv4 = local.failover.secondary_failover_ipv4
  netmask                 = local.failover.netmask
  shared_key_wo           = var.failover_key # write-only: never stored in the state
  shared_key_wo_version   = 1                # change it to send a new key
}

variable "ftd_password" {
  type      = string
  sensitive = true
}

variable "failover_key" {
  type      = string
  sensitive = true
}
