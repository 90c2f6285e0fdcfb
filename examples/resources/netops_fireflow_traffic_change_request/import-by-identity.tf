import {
  to = netops_fireflow_traffic_change_request.payments_api
  identity = {
    change_request_id = "4341"
  }
}
