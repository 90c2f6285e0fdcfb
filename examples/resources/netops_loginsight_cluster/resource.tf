# The provider's loginsight block names the newly deployed node that becomes the master,
# and the admin the bootstrap creates: the provider logs in as that admin afterwards.
provider "netops" {
  loginsight {
    host     = "li-master.example.net" # API port 9543
    username = "admin"
    password = var.li_admin_password
  }
}

# Bootstraps the node as the first node of a new cluster (Terraform 1.11+: write-only password).
resource "netops_loginsight_cluster" "this" {
  admin_username            = "admin"
  admin_email               = "log-admins@example.net"
  admin_password_wo         = var.li_admin_password
  admin_password_wo_version = 1 # change it after changing the password in the UI
  ntp_servers               = ["0.pool.ntp.org", "1.pool.ntp.org"]

  timeouts {
    create = "45m"
  }
}

# In the same apply, once the master has started, two more nodes join it.
resource "netops_loginsight_cluster_member" "node" {
  for_each   = toset(["li-node-2.example.net", "li-node-3.example.net"])
  node_host  = each.key
  cluster_id = netops_loginsight_cluster.this.id
}

output "cluster" {
  value = "${netops_loginsight_cluster.this.id} runs ${netops_loginsight_cluster.this.full_version}"
}

variable "li_admin_password" {
  type      = string
  sensitive = true
}
