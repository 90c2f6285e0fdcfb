// Command terraform-provider-netops is the netops Terraform provider plugin.
package main

import (
	"context"
	"flag"
	"log"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/netops/terraform-provider-netops/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// shutdownBudget bounds the logout at exit, inside go-plugin's 2 s grace period.
const shutdownBudget = 1500 * time.Millisecond

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider for a debugger (prints TF_REATTACH_PROVIDERS)")
	flag.Parse()
	quietUnlessAsked()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address:         "registry.terraform.io/netops/netops",
		Debug:           debug,
		ProtocolVersion: 6,
	})
	// Revoke the tokens this process holds, so they stop occupying appliance login slots.
	// go-plugin kills the plugin about 2 s after Terraform asks it to stop: end within that.
	ctx, cancel := context.WithTimeout(context.Background(), shutdownBudget)
	defer cancel()
	if serr := provider.Shutdown(ctx); serr != nil {
		log.Printf("[WARN] ending appliance sessions: %v", serr)
	}
	if err != nil {
		log.Fatal(err) //nolint:gocritic // cancel has nothing left to release
	}
}
