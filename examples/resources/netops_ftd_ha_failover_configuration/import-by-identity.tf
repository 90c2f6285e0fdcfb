import {
  to = netops_ftd_ha_failover_configuration.fw_a
  identity = {
    id   = "default"          # or the object id; "default" names the unit's only failover configuration
    host = "fw-a.example.net" # optional: must be the unit of the resource's provider
  }
}
