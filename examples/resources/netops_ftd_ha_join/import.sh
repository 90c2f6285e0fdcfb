# The id of the join job: GET /api/fdm/{version}/devices/default/action/ha/join lists them, {version} being one that GET /api/versions lists.
terraform import netops_ftd_ha_join.fw_a 1b2a1a0e-7f60-11ee-9a49-3b0c5f0f6b11
