# The unit configured in the provider's sbc block.
data "netops_sbc_ha_status" "primary" {}

# Another unit, with the provider's credentials.
data "netops_sbc_ha_status" "peer" {
  host = "sbc-b.mgmt.example.net"
}

output "pair" {
  value = "${data.netops_sbc_ha_status.primary.host_name} is ${data.netops_sbc_ha_status.primary.role}, ${data.netops_sbc_ha_status.peer.host_name} is ${data.netops_sbc_ha_status.peer.role}"
}
