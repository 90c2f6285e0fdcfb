# Moves the active role from sbc-a to its standby. The guard refuses to send anything
# when sbc-a is not the active unit, so re-creating this resource cannot flip the pair back.
resource "netops_sbc_switchover" "maintenance" {
  expected_active = "sbc-a"

  # Change a value to run another switchover (and update expected_active with it).
  triggers = {
    change = "CHG-2026-0415"
  }

  timeouts {
    create = "3m"
  }
}

output "now_active" {
  value = netops_sbc_switchover.maintenance.new_active
}
