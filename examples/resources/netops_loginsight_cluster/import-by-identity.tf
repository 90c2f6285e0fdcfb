import {
  to = netops_loginsight_cluster.this
  identity = {
    host = "li-master.example.net:9543" # the provider's loginsight.host, with its port
  }
}
