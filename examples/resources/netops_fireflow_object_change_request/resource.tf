provider "netops" {
  fireflow {
    host     = "algosec.example.net"
    username = "svc-terraform"
    password = var.fireflow_password
  }
}

# Create objects on two devices (a parent request and one child per device).
resource "netops_fireflow_object_change_request" "create" {
  template = "135: Object Change Multi Device Request"
  subject  = "Create object request"
  due      = "2026-12-10"
  owner    = "admin"
  priority = "5"
  custom_fields = {
    cf1 = ["cf value1", "cf value2"]
  }
  devices = ["FW_101", "FW_102"]

  requested_action {
    action   = "create"
    name     = "networkObject1"
    type     = "network"
    is_group = false
    values   = ["1.1.1.1"]
  }
  requested_action {
    action   = "create"
    name     = "serviceObject1"
    type     = "service"
    is_group = false
    values   = ["tcp/12"]
  }
}

# Add objects to a group.
resource "netops_fireflow_object_change_request" "add_to_group" {
  template    = "135: Object Change Multi Device Request"
  subject     = "Modify object request"
  description = "adding objects to GR_Network_Devices"
  external_id = "CHG-123a"
  devices     = ["FW_101", "FW_102"]

  requested_action {
    action   = "addObjectsToGroup"
    name     = "GR_Network_Devices"
    type     = "network"
    is_group = true
    values   = ["Net_10.163.40.232_31", "HK_Cyberark_10.133.21.217"]
  }
}

# Several actions: replace content, remove objects from a group, delete an object.
resource "netops_fireflow_object_change_request" "cleanup" {
  template = "135: Object Change Multi Device Request"
  subject  = "several actions"
  devices  = ["FW_101"]

  requested_action {
    action   = "replaceContent"
    name     = "object2"
    type     = "network"
    is_group = false
    values   = ["object2"]
  }
  requested_action {
    action   = "removeObjectsFromGroup"
    name     = "GP_Captical"
    type     = "network"
    is_group = true
    values   = ["Net_211.72.241.0", "Net_61.219.22.0"]
  }
  requested_action {
    action = "delete"
    name   = "Net_203.69.50.0"
    type   = "network"
  }
}

variable "fireflow_password" {
  type      = string
  sensitive = true
}
