package provider

import (
	"errors"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// summaryFor is the diagnostic summary of err: the fallback, unless the vendor answered
// in a shape the provider does not understand, which is said as such (the detail quotes
// the answer for a report).
func summaryFor(err error, fallback string) string {
	var ue *transport.UnexpectedAnswerError
	if errors.As(err, &ue) {
		return "Unexpected answer from " + ue.Vendor
	}
	return fallback
}
