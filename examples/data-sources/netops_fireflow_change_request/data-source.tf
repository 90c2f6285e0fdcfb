data "netops_fireflow_change_request" "cab" {
  id   = "4341"
  kind = "object"
}

output "cab_status" {
  value = data.netops_fireflow_change_request.cab.status
}
