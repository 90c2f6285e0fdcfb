# The HA configuration of each unit of a pair, one provider alias per unit.
list "netops_ftd_ha_configuration" "fw_a" {
  provider = netops
}

list "netops_ftd_ha_configuration" "fw_b" {
  provider = netops.fw_b
}
