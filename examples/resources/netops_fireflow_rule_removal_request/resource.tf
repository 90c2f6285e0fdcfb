resource "netops_fireflow_rule_removal_request" "retire_legacy_rules" {
  template = "140: Rule Removal Request"
  device   = "Orit_GW2" # one lowest-level device, by AFA device name
  action   = "remove"
  rule_ids = [
    "BC100ABA-446E-493B-9707-604C2A493676",
    "88784DAF-C0A9-4B06-AE94-E8199A802EAC",
  ]
  subject = "Retire legacy rules"
  owner   = "secops@example.com"
  due     = "2026-12-31"

  attachment {
    filename       = "review.txt"
    content_base64 = base64encode("Reviewed in CAB 2026-11-20")
  }
}
