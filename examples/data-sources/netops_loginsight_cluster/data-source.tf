data "netops_loginsight_cluster" "this" {}

output "cluster" {
  value = {
    version = data.netops_loginsight_cluster.this.full_version
    stable  = data.netops_loginsight_cluster.this.stable
    nodes   = [for n in data.netops_loginsight_cluster.this.nodes : n.token]
  }
}
