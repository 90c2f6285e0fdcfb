provider "netops" {
  loginsight {
    host     = "li-master.example.net" # the cluster's master; API port 9543
    username = "admin"
    password = var.li_password
  }
}

# Each new node asks to join; the master approves it; the resource waits until it runs.
resource "netops_loginsight_cluster_member" "node2" {
  node_host = "li-node-2.example.net"
}

resource "netops_loginsight_cluster_member" "node3" {
  node_host   = "li-node-3.example.net"
  master_fqdn = "li-master.example.net"
  # Only after checking the master's certificate fingerprint out of band:
  accept_cert = true

  timeouts {
    create = "45m"
  }
}

# A cluster bootstrapped in the same configuration (netops_loginsight_cluster): naming it
# in cluster_id joins the node once the master has started.
# resource "netops_loginsight_cluster_member" "node4" {
#   node_host  = "li-node-4.example.net"
#   cluster_id = netops_loginsight_cluster.this.id
# }

variable "li_password" {
  type      = string
  sensitive = true
}
