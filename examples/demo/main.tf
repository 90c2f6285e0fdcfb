# The demo runs against the standalone mock (make demo), configured through the
# NETOPS_* environment variables it writes.
terraform {
  required_providers {
    netops = {
      source = "netops/netops"
    }
  }
}

provider "netops" {}

# The second FTD unit: same credentials (from the environment), its own address.
provider "netops" {
  alias = "fw_b"
  ftd {
    host = var.ftd_secondary_host
  }
}

variable "ftd_secondary_host" {
  type        = string
  description = "Address of the second FTD unit (the mock exports it)."
}

# --- Oracle SBC: read the pair, switch it over, read it again ---

data "netops_sbc_ha_status" "before" {}

resource "netops_sbc_switchover" "demo" {
  expected_active = "sbc-a"
  triggers = {
    reason = "make demo"
  }
}

data "netops_sbc_ha_status" "after" {
  depends_on = [netops_sbc_switchover.demo]
}

output "sbc_before" {
  value = "${data.netops_sbc_ha_status.before.host_name} ${data.netops_sbc_ha_status.before.role}, ${data.netops_sbc_ha_status.before.peer_name} ${data.netops_sbc_ha_status.before.peer_role}"
}

output "sbc_switchover" {
  value = "${netops_sbc_switchover.demo.previous_active} -> ${netops_sbc_switchover.demo.new_active} (switchover #${netops_sbc_switchover.demo.switchover_count} at ${netops_sbc_switchover.demo.completed_at})"
}

output "sbc_after" {
  value = "${data.netops_sbc_ha_status.after.host_name} ${data.netops_sbc_ha_status.after.role}, ${data.netops_sbc_ha_status.after.peer_name} ${data.netops_sbc_ha_status.after.peer_role}"
}

# --- VMware Log Insight: join a new node to the cluster ---

variable "loginsight_node_host" {
  type        = string
  description = "API address of an unbootstrapped node (the mock exports it)."
}

resource "netops_loginsight_cluster_member" "demo" {
  node_host = var.loginsight_node_host
}

data "netops_loginsight_cluster" "after" {
  depends_on = [netops_loginsight_cluster_member.demo]
}

output "loginsight_member" {
  value = "${netops_loginsight_cluster_member.demo.node_host} joined as ${netops_loginsight_cluster_member.demo.id} (${netops_loginsight_cluster_member.demo.status}, ${netops_loginsight_cluster_member.demo.version})"
}

output "loginsight_cluster_nodes" {
  value = length(data.netops_loginsight_cluster.after.nodes)
}

# --- AlgoSec FireFlow: open an object change request, a rule removal request and a traffic change request ---

resource "netops_fireflow_object_change_request" "demo" {
  template = "135: Object Change Multi Device Request"
  subject  = "make demo: add objects to GR_Network_Devices"
  devices  = ["FW_101", "FW_102"]

  requested_action {
    action   = "addObjectsToGroup"
    name     = "GR_Network_Devices"
    type     = "network"
    is_group = true
    values   = ["Net_10.163.40.232_31", "HK_Cyberark_10.133.21.217"]
  }
}

resource "netops_fireflow_rule_removal_request" "demo" {
  template = "140: Rule Removal Request"
  device   = "Orit_GW2"
  action   = "disable"
  rule_ids = ["BC100ABA-446E-493B-9707-604C2A493676", "88784DAF-C0A9-4B06-AE94-E8199A802EAC"]
  subject  = "make demo: disable two rules"
}

resource "netops_fireflow_traffic_change_request" "demo" {
  template    = "Basic Change Traffic Request"
  subject     = "make demo: allow the web tier to reach the payments API"
  external_id = "CHG-1042"
  devices     = ["FW_101", "FW_102"]

  traffic {
    action = "Allow"
    source { value = "10.10.0.0/24" }
    destination { value = "10.20.0.10-10.20.0.19" }
    service { value = "https" }
    service { value = "tcp/8443" }
  }
}

output "fireflow_requests" {
  value = {
    traffic      = "${netops_fireflow_traffic_change_request.demo.id} (${netops_fireflow_traffic_change_request.demo.status}, children ${join(",", netops_fireflow_traffic_change_request.demo.sub_change_requests)}) ${netops_fireflow_traffic_change_request.demo.redirect_url}"
    object       = "${netops_fireflow_object_change_request.demo.id} (${netops_fireflow_object_change_request.demo.status}, children ${join(",", netops_fireflow_object_change_request.demo.sub_change_requests)}) ${netops_fireflow_object_change_request.demo.redirect_url}"
    rule_removal = "${netops_fireflow_rule_removal_request.demo.id} (${netops_fireflow_rule_removal_request.demo.status}) ${netops_fireflow_rule_removal_request.demo.redirect_url}"
  }
}

# --- Cisco FTD: configure both units, join them into an HA pair ---

locals {
  ftd_link = {
    failover_interface      = "GigabitEthernet0/7"
    failover_name           = "failover-link"
    primary_failover_ipv4   = "192.168.77.1"
    secondary_failover_ipv4 = "192.168.77.2"
    netmask                 = "24"
  }
}

resource "netops_ftd_ha_configuration" "fw_a" {
  node_role               = "HA_PRIMARY"
  failover_interface      = local.ftd_link.failover_interface
  failover_name           = local.ftd_link.failover_name
  primary_failover_ipv4   = local.ftd_link.primary_failover_ipv4
  secondary_failover_ipv4 = local.ftd_link.secondary_failover_ipv4
  netmask                 = local.ftd_link.netmask
  shared_key_wo           = "demo-failover-key" # write-only: never stored in the state
  shared_key_wo_version   = 1
}

resource "netops_ftd_ha_configuration" "fw_b" {
  provider                = netops.fw_b
  node_role               = "HA_SECONDARY"
  failover_interface      = local.ftd_link.failover_interface
  failover_name           = local.ftd_link.failover_name
  primary_failover_ipv4   = local.ftd_link.primary_failover_ipv4
  secondary_failover_ipv4 = local.ftd_link.secondary_failover_ipv4
  netmask                 = local.ftd_link.netmask
  shared_key_wo           = "demo-failover-key" # write-only: never stored in the state
  shared_key_wo_version   = 1
}

resource "netops_ftd_ha_join" "fw_a" {
  name       = "demo-join-primary"
  depends_on = [netops_ftd_ha_configuration.fw_a]
}

resource "netops_ftd_ha_join" "fw_b" {
  provider   = netops.fw_b
  name       = "demo-join-secondary"
  depends_on = [netops_ftd_ha_configuration.fw_b, netops_ftd_ha_join.fw_a]
}

data "netops_ftd_ha_status" "fw_a" {
  depends_on = [netops_ftd_ha_join.fw_b]
}

data "netops_ftd_ha_status" "fw_b" {
  provider   = netops.fw_b
  depends_on = [netops_ftd_ha_join.fw_b]
}

output "ftd_pair" {
  value = {
    fw_a = "${data.netops_ftd_ha_status.fw_a.node_role} ${data.netops_ftd_ha_status.fw_a.node_state} (${data.netops_ftd_ha_status.fw_a.config_status}, ${data.netops_ftd_ha_status.fw_a.ha_health_status})"
    fw_b = "${data.netops_ftd_ha_status.fw_b.node_role} ${data.netops_ftd_ha_status.fw_b.node_state} (${data.netops_ftd_ha_status.fw_b.config_status}, ${data.netops_ftd_ha_status.fw_b.ha_health_status})"
  }
}

# Failover criteria, tuned on the active unit once the pair has formed; the standby
# receives them by configuration sync.
resource "netops_ftd_ha_failover_configuration" "fw_a" {
  peer_poll_time              = "500ms"
  peer_hold_time              = "2s"
  interface_poll_time         = "2s"
  interface_hold_time         = "10s"
  interface_failure_threshold = 1
  interface_failure_unit      = "NUMBER"
  depends_on                  = [netops_ftd_ha_join.fw_b]
}

output "ftd_failover_criteria" {
  value = "peer ${netops_ftd_ha_failover_configuration.fw_a.peer_poll_time}/${netops_ftd_ha_failover_configuration.fw_a.peer_hold_time}, interfaces ${netops_ftd_ha_failover_configuration.fw_a.interface_poll_time}/${netops_ftd_ha_failover_configuration.fw_a.interface_hold_time}"
}

# --- VMware Log Insight: build a second cluster from nothing and join a node to it ---

variable "loginsight_new_master_host" {
  type        = string
  description = "API address of an unbootstrapped node that becomes the master of a new cluster (the mock exports it)."
}

variable "loginsight_new_member_host" {
  type        = string
  description = "API address of an unbootstrapped node that joins the new cluster (the mock exports it)."
}

variable "loginsight_new_admin_password" {
  type        = string
  sensitive   = true
  description = "Password of the new cluster's admin: set by the bootstrap, then used by the provider to log in."
  default     = "Demo#Bootstrap-2026"
}

# The new cluster's master and the admin the bootstrap creates (TLS settings from the environment).
provider "netops" {
  alias = "li_new"
  loginsight {
    host     = var.loginsight_new_master_host
    username = "admin"
    password = var.loginsight_new_admin_password
  }
}

resource "netops_loginsight_cluster" "new" {
  provider                  = netops.li_new
  admin_username            = "admin"
  admin_email               = "log-admins@example.net"
  admin_password_wo         = var.loginsight_new_admin_password # write-only: never stored in the state
  admin_password_wo_version = 1
  ntp_servers               = ["0.pool.ntp.org", "1.pool.ntp.org"]
}

# Naming the cluster orders the join after the bootstrap, in the same apply.
resource "netops_loginsight_cluster_member" "new" {
  provider   = netops.li_new
  node_host  = var.loginsight_new_member_host
  cluster_id = netops_loginsight_cluster.new.id
}

data "netops_loginsight_cluster" "new" {
  provider   = netops.li_new
  depends_on = [netops_loginsight_cluster_member.new]
}

output "loginsight_new_cluster" {
  value = "${netops_loginsight_cluster.new.id} bootstrapped (${netops_loginsight_cluster.new.full_version}); ${netops_loginsight_cluster_member.new.node_host} joined as ${netops_loginsight_cluster_member.new.id}; ${length(data.netops_loginsight_cluster.new.nodes)} nodes"
}
