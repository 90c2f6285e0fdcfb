# Stands in for appliances set up by hand: `make demo-query` applies this to the
# standalone mock, then throws the state away, so that the query in ../ finds a
# cluster and a pair that no Terraform state knows.
terraform {
  required_providers {
    netops = {
      source = "netops/netops"
    }
  }
}

provider "netops" {}

provider "netops" {
  alias = "fw_b"
  ftd {
    host = var.ftd_secondary_host
  }
}

variable "ftd_secondary_host" {
  type = string
}

variable "loginsight_node_host" {
  type = string
}

resource "netops_loginsight_cluster_member" "node" {
  node_host = var.loginsight_node_host
}

resource "netops_ftd_ha_configuration" "fw_a" {
  node_role               = "HA_PRIMARY"
  failover_interface      = "GigabitEthernet0/7"
  failover_name           = "failover-link"
  primary_failover_ipv4   = "192.168.77.1"
  secondary_failover_ipv4 = "192.168.77.2"
  netmask                 = "24"
  shared_key              = "by-hand-failover-key"
}

resource "netops_ftd_ha_configuration" "fw_b" {
  provider                = netops.fw_b
  node_role               = "HA_SECONDARY"
  failover_interface      = "GigabitEthernet0/7"
  failover_name           = "failover-link"
  primary_failover_ipv4   = "192.168.77.1"
  secondary_failover_ipv4 = "192.168.77.2"
  netmask                 = "24"
  shared_key              = "by-hand-failover-key"
}
