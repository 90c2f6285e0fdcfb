# The change request id (the parent request).
terraform import netops_fireflow_traffic_change_request.payments_api 4341
