data "netops_fireflow_change_request" "cab" {
  id   = "4341"
  kind = "object"
}

output "cab_status" {
  value = data.netops_fireflow_change_request.cab.status
}

# A traffic change request: its status and the child request FireFlow opened per device.
data "netops_fireflow_change_request" "payments_api" {
  id   = "4350"
  kind = "traffic"
}

output "payments_api_children" {
  value = data.netops_fireflow_change_request.payments_api.sub_change_requests
}
