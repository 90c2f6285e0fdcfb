# Every member of the Log Insight cluster (the master excluded).
list "netops_loginsight_cluster_member" "cluster" {
  provider = netops
}

# The HA configuration of each FTD unit of the pair.
list "netops_ftd_ha_configuration" "fw_a" {
  provider = netops
}

list "netops_ftd_ha_configuration" "fw_b" {
  provider = netops.fw_b
}
