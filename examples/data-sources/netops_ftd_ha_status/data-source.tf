data "netops_ftd_ha_status" "fw_a" {
  provider = netops.fw_a
}

output "fw_a_state" {
  value = "${data.netops_ftd_ha_status.fw_a.node_state}, peer ${data.netops_ftd_ha_status.fw_a.peer_node_state}, ${data.netops_ftd_ha_status.fw_a.config_status}"
}
