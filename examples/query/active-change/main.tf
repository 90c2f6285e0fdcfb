# make demo-query, last part: open a traffic change request, then implement it with
# ActiveChange (Terraform 1.14+):
#   terraform apply
#   terraform apply -invoke=action.netops_fireflow_active_change.demo
# The provider is configured through the NETOPS_* environment variables.
terraform {
  required_providers {
    netops = {
      source = "netops/netops"
    }
  }
}

provider "netops" {}

resource "netops_fireflow_traffic_change_request" "demo" {
  template    = "Basic Change Traffic Request"
  subject     = "make demo-query: allow the web tier to reach the payments API"
  external_id = "CHG-1042"
  devices     = ["FW_101", "FW_102"]

  traffic {
    action = "Allow"
    source { value = "10.10.0.0/24" }
    destination { value = "10.20.0.10-10.20.0.19" }
    service { value = "https" }
    service { value = "tcp/8443" }
  }
}

action "netops_fireflow_active_change" "demo" {
  config {
    change_request_id = netops_fireflow_traffic_change_request.demo.id
  }
}

output "traffic_request" {
  value = "${netops_fireflow_traffic_change_request.demo.id} (${netops_fireflow_traffic_change_request.demo.status}, children ${join(",", netops_fireflow_traffic_change_request.demo.sub_change_requests)}) ${netops_fireflow_traffic_change_request.demo.redirect_url}"
}
