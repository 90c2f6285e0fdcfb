package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
)

var _ provider.ProviderWithListResources = (*netopsProvider)(nil)

// ListResources are the resource types `terraform query` can find on the appliances.
// FireFlow documents no search API and SBC switchovers are events, so neither has one.
func (p *netopsProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewFTDHAConfigurationListResource,
		NewLogInsightClusterMemberListResource,
	}
}
