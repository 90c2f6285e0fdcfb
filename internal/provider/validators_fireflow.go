package provider

import (
	"context"
	"encoding/base64"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// fireflowDateValidator accepts the date forms FireFlow takes: YYYY-MM-DD, DD-MM-YYYY or
// MM-DD-YYYY (as the server's DateDayBeforeMonth option decides), and YYYY-MM-DD HH:MM:SS.
type fireflowDateValidator struct{}

func (fireflowDateValidator) Description(context.Context) string {
	return "a date as YYYY-MM-DD, DD-MM-YYYY, MM-DD-YYYY or YYYY-MM-DD HH:MM:SS"
}

func (v fireflowDateValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v fireflowDateValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if !validFireFlowDate(req.ConfigValue.ValueString()) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid date", req.ConfigValue.ValueString()+" is not "+v.Description(ctx)+".")
	}
}

var dayMonthYear = regexp.MustCompile(`^(\d{2})-(\d{2})-(\d{4})$`)

func validFireFlowDate(s string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01-02 15:04:05"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	m := dayMonthYear.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	// Either order must give a real date.
	_, errDM := time.Parse("02-01-2006", s)
	_, errMD := time.Parse("01-02-2006", s)
	return a > 0 && b > 0 && (errDM == nil || errMD == nil)
}

// serviceValue is a service definition: protocol/port, protocol/port-port or protocol/any.
var serviceValue = regexp.MustCompile(`(?i)^(tcp|udp|sctp|icmp|icmp6|ip|gre|esp|ah)/(any|\*|\d{1,5}(-\d{1,5})?)$`)

func validServiceValue(s string) bool {
	m := serviceValue.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	for _, p := range strings.Split(m[2], "-") {
		if n, err := strconv.Atoi(p); err == nil && n > 65535 {
			return false
		}
	}
	return true
}

// linuxFileName is 1-255 bytes without "/" or NUL, and not "." or "..".
type linuxFileNameValidator struct{}

func (linuxFileNameValidator) Description(context.Context) string {
	return "a Linux file name: 1 to 255 bytes, no / or NUL, not . or .."
}

func (v linuxFileNameValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v linuxFileNameValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if len(s) == 0 || len(s) > 255 || strings.ContainsAny(s, "/\x00") || s == "." || s == ".." {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid file name", strconv.Quote(s)+" is not "+v.Description(ctx)+".")
	}
}

type base64Validator struct{}

func (base64Validator) Description(context.Context) string { return "standard base64" }

func (v base64Validator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v base64Validator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := base64.StdEncoding.DecodeString(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid base64", "content_base64 is not standard base64 ("+err.Error()+"); use base64encode() or filebase64().")
	}
}
