# The primary joins first, then the secondary; each through the provider alias of its unit
# (see netops_ftd_ha_configuration for the aliases and the configurations).
resource "netops_ftd_ha_join" "fw_a" {
  provider   = netops.fw_a
  name       = "join-primary"
  depends_on = [netops_ftd_ha_configuration.fw_a]
}

resource "netops_ftd_ha_join" "fw_b" {
  provider   = netops.fw_b
  name       = "join-secondary"
  depends_on = [netops_ftd_ha_configuration.fw_b, netops_ftd_ha_join.fw_a]

  break_interface_option = "DISABLE_INTERFACES"

  timeouts {
    create = "30m"
    delete = "30m"
  }
}

output "pair" {
  value = "${netops_ftd_ha_join.fw_a.node_state} / ${netops_ftd_ha_join.fw_b.node_state} (${netops_ftd_ha_join.fw_b.config_status})"
}
