# Adopting existing appliances: `terraform query -generate-config-out=generated.tf`
# finds them (adopt.tfquery.hcl) and writes a resource and an import block for each.
# The providers are configured through the NETOPS_* environment variables.
terraform {
  required_providers {
    netops = {
      source = "netops/netops"
    }
  }
}

provider "netops" {}

# The second FTD unit of the pair: same credentials, its own address.
provider "netops" {
  alias = "fw_b"
  ftd {
    host = var.ftd_secondary_host
  }
}

variable "ftd_secondary_host" {
  type        = string
  description = "Address of the second FTD unit."
}
