import {
  to = netops_fireflow_object_change_request.cleanup
  identity = {
    change_request_id = "4341"
  }
}
