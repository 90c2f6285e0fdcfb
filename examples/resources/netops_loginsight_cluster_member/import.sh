# <node_host>,<node token>; the token is the node's key in the master's GET /api/v2/upgrades "nodes".
terraform import netops_loginsight_cluster_member.node2 'li-node-2.example.net,0ae94cb9-550a-4c01-85b9-3b7095e92321'
