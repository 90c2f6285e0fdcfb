# The members of the cluster whose master the provider's loginsight block names.
# terraform query -generate-config-out=generated.tf writes an import and a resource block for each.
list "netops_loginsight_cluster_member" "cluster" {
  provider = netops
}
