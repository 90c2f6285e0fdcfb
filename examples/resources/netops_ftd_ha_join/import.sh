# The id of the join job (GET /api/fdm/{version}/devices/default/action/ha/join, on a version GET /api/versions lists, lists them).
terraform import netops_ftd_ha_join.fw_a 1b2a1a0e-7f60-11ee-9a49-3b0c5f0f6b11
