# The master's API address (the provider's loginsight.host): host, or host:port.
terraform import netops_loginsight_cluster.this li-master.example.net:9543
