# The demo runs against the standalone mock (make demo), configured through the
# NETOPS_* environment variables it writes.
terraform {
  required_providers {
    netops = {
      source = "netops/netops"
    }
  }
}

provider "netops" {}

# --- Oracle SBC: read the pair, switch it over, read it again ---

data "netops_sbc_ha_status" "before" {}

resource "netops_sbc_switchover" "demo" {
  expected_active = "sbc-a"
  triggers = {
    reason = "make demo"
  }
}

data "netops_sbc_ha_status" "after" {
  depends_on = [netops_sbc_switchover.demo]
}

output "sbc_before" {
  value = "${data.netops_sbc_ha_status.before.host_name} ${data.netops_sbc_ha_status.before.role}, ${data.netops_sbc_ha_status.before.peer_name} ${data.netops_sbc_ha_status.before.peer_role}"
}

output "sbc_switchover" {
  value = "${netops_sbc_switchover.demo.previous_active} -> ${netops_sbc_switchover.demo.new_active} (switchover #${netops_sbc_switchover.demo.switchover_count} at ${netops_sbc_switchover.demo.completed_at})"
}

output "sbc_after" {
  value = "${data.netops_sbc_ha_status.after.host_name} ${data.netops_sbc_ha_status.after.role}, ${data.netops_sbc_ha_status.after.peer_name} ${data.netops_sbc_ha_status.after.peer_role}"
}
