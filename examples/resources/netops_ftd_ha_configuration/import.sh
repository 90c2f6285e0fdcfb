# The unit's only HA configuration, by the word "default" or by its object id.
terraform import netops_ftd_ha_configuration.fw_a default
