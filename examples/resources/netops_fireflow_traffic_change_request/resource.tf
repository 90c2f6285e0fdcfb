# Allow the web tier to reach the payment API; FireFlow plans the change on each device in
# the path (one child request per device, listed in sub_change_requests).
resource "netops_fireflow_traffic_change_request" "payments_api" {
  template    = "Basic Change Traffic Request"
  subject     = "web tier to payments API"
  description = "Release 42 calls the payments API over https and 8443."
  owner       = "netops@example.com"
  requestor   = "web-team@example.com"
  external_id = "CHG-1042"
  due         = "2026-12-31"

  custom_fields = {
    "Business Justification" = ["release 42"]
  }

  traffic {
    action = "Allow"

    source { value = "10.10.0.0/24" }
    source { value = "web_servers" } # an object name
    destination {
      value = "10.20.0.10-10.20.0.19"
      custom_fields = {
        "CFPTI" = ["payments"]
      }
    }
    service { value = "https" }
    service { value = "tcp/8443" }
    application { value = "any" }

    custom_fields = {
      "Requested Source Group Name" = ["web_tier"]
    }
  }
}

output "payments_api_request" {
  value = "${netops_fireflow_traffic_change_request.payments_api.id} (${netops_fireflow_traffic_change_request.payments_api.status}) ${netops_fireflow_traffic_change_request.payments_api.redirect_url}"
}
