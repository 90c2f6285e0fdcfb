import {
  to = netops_fireflow_rule_removal_request.retire_legacy_rules
  identity = {
    change_request_id = "3157"
  }
}
