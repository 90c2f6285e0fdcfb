import {
  to = netops_ftd_ha_join.fw_a
  identity = {
    job_id = "1b2a1a0e-7f60-11ee-9a49-3b0c5f0f6b11" # GET /api/fdm/{version}/devices/default/action/ha/join lists the jobs
    host   = "fw-a.example.net"                     # optional: must be the unit of the resource's provider
  }
}
