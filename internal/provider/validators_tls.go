package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// insecureWithCA refuses insecure = true beside ca_cert_pem in the same block: the user
// named the CA to trust, and insecure would silently trust anyone instead.
type insecureWithCA struct{}

func (insecureWithCA) Description(context.Context) string {
	return "insecure = true cannot be combined with ca_cert_pem"
}

func (v insecureWithCA) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (insecureWithCA) ValidateBool(ctx context.Context, req validator.BoolRequest, resp *validator.BoolResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || !req.ConfigValue.ValueBool() {
		return
	}
	var ca types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, req.Path.ParentPath().AtName("ca_cert_pem"), &ca)...)
	if ca.IsNull() || ca.IsUnknown() {
		return // an unknown CA is checked again at Configure, once known
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Conflicting TLS settings", insecureWithCAMessage)
}

const insecureWithCAMessage = "insecure = true turns certificate verification off, which would ignore the CA that ca_cert_pem names. " +
	"Keep ca_cert_pem and remove insecure (or its NETOPS_<VENDOR>_INSECURE variable)."
