import {
  to = netops_loginsight_cluster_member.node2
  identity = {
    token     = "0ae94cb9-550a-4c01-85b9-3b7095e92321" # the node's key in the master's GET /api/v2/upgrades "nodes"
    node_host = "li-node-2.example.net"
  }
}
