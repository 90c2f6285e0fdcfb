# The two units' device names in the provider's ftd.devices, primary first: the units' HA
# configurations and latest join jobs are read from them.
terraform import 'netops_ftd_ha_pair.branch["branch1"]' branch1_a/branch1_b
