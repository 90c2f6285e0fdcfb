# A fleet from one provider configuration: every appliance is a device of its vendor's
# block, so FTD pairs and Log Insight clusters are entries of a map, and one resource
# block with for_each manages all of them. Credentials and TLS settings are each block's
# own (or its NETOPS_<VENDOR>_* variables); a device adds its address and may override
# them.
#
# Against the standalone mock: `netops-mock -fleet 3` serves three appliances of each
# vendor and writes these variables to <dir>/fleet.auto.tfvars.json; copy that file next
# to this one (make demo does) and set TF_VAR_ftd_failover_key.
terraform {
  required_providers {
    netops = {
      source = "netops/netops"
    }
  }
}

provider "netops" {
  ftd {
    devices = var.ftd_devices
  }
  loginsight {
    devices = var.loginsight_devices
  }
  sbc {
    devices = var.sbc_devices
  }
}

variable "ftd_devices" {
  type = map(object({
    host = string
    # false during a site's maintenance window: nothing is sent to the unit, its pair's
    # state is kept as it is, and a change to that pair fails at plan time.
    managed = optional(bool, true)
  }))
  description = "FTD units by device name."
}

variable "ftd_pairs" {
  type        = map(object({ primary = string, secondary = string }))
  description = "FTD HA pairs by name: the device names of the primary and secondary units."
}

variable "ftd_failover_key" {
  type        = string
  sensitive   = true
  description = "Failover link key of every pair (write-only: never stored in the state)."
}

variable "loginsight_devices" {
  type        = map(object({ host = string }))
  description = "Log Insight cluster masters by device name."
}

variable "loginsight_nodes" {
  type        = map(string)
  description = "API address of a new node to join each cluster, keyed by the device name of its master."
}

variable "sbc_devices" {
  type        = map(object({ host = string, peer_host = string }))
  description = "SBC HA pairs by device name: one unit's address and its peer's."
}

# --- Cisco FTD: every pair from one resource block ---

resource "netops_ftd_ha_pair" "site" {
  for_each = var.ftd_pairs

  primary_device          = each.value.primary
  secondary_device        = each.value.secondary
  failover_interface      = "GigabitEthernet0/7"
  failover_name           = "failover-link"
  primary_failover_ipv4   = "192.168.77.1"
  secondary_failover_ipv4 = "192.168.77.2"
  netmask                 = "24"
  shared_key_wo           = var.ftd_failover_key
  shared_key_wo_version   = 1
}

# Which unit is active is operational state: after a failover this shows the new roles
# and the pair plans no changes.
output "ftd_pairs" {
  value = {
    for name, pair in netops_ftd_ha_pair.site :
    name => "${pair.active_device} active, ${pair.standby_device} standby (${pair.config_status}, ${pair.ha_health_status})"
  }
}

# --- VMware Log Insight: a new node joined to each cluster ---

resource "netops_loginsight_cluster_member" "node" {
  for_each = var.loginsight_nodes

  device    = each.key # the cluster's master
  node_host = each.value
}

output "loginsight_members" {
  value = {
    for cluster, member in netops_loginsight_cluster_member.node :
    cluster => "${member.node_host} joined as ${member.id} (${member.status}, ${member.version})"
  }
}

# --- Oracle SBC: the HA status of every pair ---

data "netops_sbc_ha_status" "pair" {
  for_each = var.sbc_devices

  device = each.key
}

output "sbc_pairs" {
  value = {
    for name, s in data.netops_sbc_ha_status.pair :
    name => "${s.host_name} ${s.role}, ${s.peer_name} ${s.peer_role} (HA health ${s.ha_health_score}, ${s.switchover_count} switchovers)"
  }
}
