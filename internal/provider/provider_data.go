package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// clientsFrom unpacks the provider data given to Configure; nil before the provider is configured.
func clientsFrom(data any, diags *diag.Diagnostics) *Clients {
	if data == nil {
		return nil
	}
	c, ok := data.(*Clients)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *provider.Clients, got %T. Please report this issue to the provider developers.", data))
		return nil
	}
	return c
}
