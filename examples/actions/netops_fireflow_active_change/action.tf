# Terraform 1.14 and later.
action "netops_fireflow_active_change" "payments_api" {
  config {
    # The traffic request: ActiveChange runs on each of its children in turn.
    # A child id runs it on that one device only.
    change_request_id = netops_fireflow_traffic_change_request.payments_api.id

    timeouts {
      invoke = "45m"
    }
  }
}

# 1. On demand, e.g. once the change has been approved in FireFlow:
#    terraform apply -invoke=action.netops_fireflow_active_change.payments_api

# 2. From the request's lifecycle, right after it is opened:
resource "netops_fireflow_traffic_change_request" "payments_api" {
  template = "Basic Change Traffic Request"
  subject  = "web tier to payments API"

  traffic {
    action = "Allow"
    source { value = "10.10.0.0/24" }
    destination { value = "10.20.0.10" }
    service { value = "https" }
  }

  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.netops_fireflow_active_change.payments_api]
    }
  }
}
