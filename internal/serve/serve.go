// Package serve runs a provider as a Terraform plugin process: the provider binary and the
// benchmark's twin (tools/bench/twin) start the same way.
package serve

import (
	"context"
	"log"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	netops "github.com/netops/terraform-provider-netops/internal/provider"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/netops/netops"

// shutdownBudget bounds the logout at exit, inside go-plugin's 2 s grace period.
const shutdownBudget = 1500 * time.Millisecond

// Run serves the provider until Terraform stops the plugin, then ends the appliance
// sessions the process holds.
func Run(factory func() provider.Provider, debug bool) error {
	quietUnlessAsked()
	stopProfile := startProfile()
	err := providerserver.Serve(context.Background(), factory, providerserver.ServeOpts{
		Address:         Address,
		Debug:           debug,
		ProtocolVersion: 6,
	})
	// End the sessions this process holds, so they stop occupying appliance login slots.
	// go-plugin kills the plugin about 2 s after Terraform asks it to stop: end within that.
	ctx, cancel := context.WithTimeout(context.Background(), shutdownBudget)
	defer cancel()
	began := time.Now()
	serr := netops.Shutdown(ctx)
	recordShutdown(time.Since(began), serr)
	if serr != nil {
		log.Printf("[WARN] ending appliance sessions: %v", serr)
	}
	stopProfile()
	return err
}
