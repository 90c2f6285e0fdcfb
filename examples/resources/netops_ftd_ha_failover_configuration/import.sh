# The unit's only failover configuration, by the word "default" or by its object id.
terraform import netops_ftd_ha_failover_configuration.fw_a default
