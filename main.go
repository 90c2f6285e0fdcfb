// Command terraform-provider-netops is the netops Terraform provider plugin.
package main

import (
	"flag"
	"log"

	"github.com/netops/terraform-provider-netops/internal/provider"
	"github.com/netops/terraform-provider-netops/internal/serve"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider for a debugger (prints TF_REATTACH_PROVIDERS)")
	flag.Parse()
	if err := serve.Run(provider.New(version), debug); err != nil {
		log.Fatal(err)
	}
}
