# The change request id.
terraform import netops_fireflow_rule_removal_request.retire_legacy_rules 3157
