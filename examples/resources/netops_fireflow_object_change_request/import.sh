# The change request id.
terraform import netops_fireflow_object_change_request.cleanup 4341
