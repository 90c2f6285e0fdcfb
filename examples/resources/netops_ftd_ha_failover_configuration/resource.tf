# The failover criteria are set on the active unit of the pair (or on a unit before it
# joins one); the standby receives them by configuration sync and refuses changes.
provider "netops" {
  alias = "fw_a"
  ftd {
    host     = "fw-a.mgmt.example.net"
    username = "admin"
    password = var.ftd_password
  }
}

resource "netops_ftd_ha_failover_configuration" "fw_a" {
  provider = netops.fw_a

  # Peer: hello every 500 ms; failed after 2 s of silence (at least 3 x the poll time).
  peer_poll_time = "500ms" # 200-999 ms or 1-15 s
  peer_hold_time = "2s"    # 800-999 ms or 1-45 s

  # Monitored interfaces.
  interface_poll_time = "2s"
  interface_hold_time = "10s"

  # Fail over when one monitored interface fails.
  interface_failure_threshold = 1
  interface_failure_unit      = "NUMBER" # or "PERCENTAGE"
}

variable "ftd_password" {
  type      = string
  sensitive = true
}
