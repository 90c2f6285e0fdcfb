# Every attribute can come from a NETOPS_<VENDOR>_<ATTRIBUTE> environment variable
# instead (NETOPS_SBC_HOST, NETOPS_SBC_PASSWORD, ...); explicit configuration wins.
provider "netops" {
  request_timeout = "60s"

  retry {
    attempts    = 5
    min_backoff = "1s"
    max_backoff = "30s"
  }

  sbc {
    host        = "sbc-a.mgmt.example.net"
    peer_host   = "sbc-b.mgmt.example.net"
    username    = "admin"
    password    = var.sbc_password
    api_version = "auto" # the default: each unit's newest version, from /rest/api/supportedversions
    ca_cert_pem = file("${path.module}/mgmt-ca.pem")
  }
}

variable "sbc_password" {
  type      = string
  sensitive = true
}
