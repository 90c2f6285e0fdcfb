package provider

import (
	"regexp"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// nullIfEmpty maps the empty string an API answers for "not set" to null.
func nullIfEmpty(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var positiveNumber = regexp.MustCompile(`^[1-9][0-9]*$`)
