package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/netops/terraform-provider-netops/internal/ftd"
)

// failoverTimePattern is how a failover time is written: whole milliseconds or seconds.
var failoverTimePattern = regexp.MustCompile(`^([1-9][0-9]{0,6})(ms|s)$`)

// parseFailoverTime reads "500ms" or "15s"; null or unknown reads as 0 without error.
func parseFailoverTime(v types.String) (time.Duration, error) {
	if v.IsNull() || v.IsUnknown() {
		return 0, nil
	}
	m := failoverTimePattern.FindStringSubmatch(v.ValueString())
	if m == nil {
		return 0, errors.New("write a failover time as a whole number of milliseconds (`500ms`) or seconds (`15s`)")
	}
	n, _ := strconv.ParseInt(m[1], 10, 64)
	if m[2] == "ms" {
		return time.Duration(n) * time.Millisecond, nil
	}
	return time.Duration(n) * time.Second, nil
}

// failoverTimeValidator checks the form of a failover time and, for the peer timers,
// the documented range.
type failoverTimeValidator struct{ rng *ftd.TimeRange }

func (v failoverTimeValidator) Description(context.Context) string {
	if v.rng == nil {
		return "a whole number of milliseconds (`500ms`) or seconds (`15s`)"
	}
	return "a time of " + v.rng.String() + ", written `500ms` or `15s`"
}

func (v failoverTimeValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v failoverTimeValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	d, err := parseFailoverTime(req.ConfigValue)
	if err == nil && v.rng != nil && d > 0 {
		err = v.rng.Check(d)
	}
	if err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid failover time", fmt.Sprintf("%q: %s.", req.ConfigValue.ValueString(), err))
	}
}
