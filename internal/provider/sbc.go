package provider

import (
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/netops/terraform-provider-netops/internal/sbc"
)

// SBC-wide helpers, shared by the switchover resource and action.

// sbcSwitchoverDiagnostic turns a switchover failure into a diagnostic that says what
// happened; unverifiedNote says what became of the Terraform object.
func sbcSwitchoverDiagnostic(err error, unverifiedNote string) diag.Diagnostics {
	var diags diag.Diagnostics
	var pre *sbc.PreconditionError
	var unverified *sbc.NotVerifiedError
	var refused *sbc.Error
	switch {
	case errors.As(err, &pre):
		diags.AddError("SBC switchover not sent", pre.Error())
	case errors.As(err, &unverified):
		diags.AddError("SBC switchover accepted but not verified",
			unverified.Error()+unverifiedNote)
	case errors.As(err, &refused):
		diags.AddError("SBC refused the switchover", err.Error())
	default:
		diags.AddError("SBC switchover failed", err.Error())
	}
	return diags
}
