package provider

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	// terraformBlock is a configuration's terraform block (the FTD pair's required_providers).
	terraformBlock = regexp.MustCompile(`(?s)\nterraform \{\n.*?\n\}\n`)
	// objectHeader opens a resource or data block: its kind, type and name.
	objectHeader = regexp.MustCompile(`(?m)^(resource|data) "([^"]+)" "([^"]+)" \{\n`)
	// emptyObject is an object block written on one line.
	emptyObject = regexp.MustCompile(`(?m)^((?:resource|data) "[^"]+" "[^"]+" \{)\}`)
	// providerHeader opens a provider block of a local name.
	providerHeader = regexp.MustCompile(`(?m)^provider "(netops\w*)" \{\n`)
	// providerArgument is an object's provider argument.
	providerArgument = regexp.MustCompile(`(?m)^(\s*provider\s+=\s+)(netops\w*)\n`)
)

// combineRows renders the rows as one configuration: row i's provider blocks get the alias
// r<i>, its objects the suffix _r<i> and that alias, so that no two rows share a name or a
// provider configuration. It returns the configuration and each row's expectation at its
// new address.
func combineRows(rows []validationRow) (string, map[string][]*regexp.Regexp) {
	var b strings.Builder
	wants := make(map[string][]*regexp.Regexp, len(rows))
	for i, r := range rows {
		alias := fmt.Sprintf("r%d", i)
		config := r.config
		if tb := terraformBlock.FindString(config); tb != "" {
			if !strings.Contains(b.String(), tb) {
				b.WriteString(tb)
			}
			config = strings.Replace(config, tb, "", 1)
		}
		config = providerHeader.ReplaceAllString(config, "provider \"$1\" {\n  alias = \""+alias+"\"\n")
		config, _ = renameObjects(config, "_"+alias)
		config = withProvider(config, alias)
		b.WriteString(config)

		moved := r
		if r.addr == providerAddr {
			moved.addr = providerAddr + "." + alias
		} else {
			moved.addr = r.addr + "_" + alias
		}
		wants[r.name] = []*regexp.Regexp{moved.expectation()}
	}
	return b.String(), wants
}

// withProvider points each object of config at the alias: an object naming its provider
// gets that provider's alias, any other the default provider's.
func withProvider(config, alias string) string {
	headers := objectHeader.FindAllStringIndex(config, -1)
	var b strings.Builder
	last := 0
	for i, h := range headers {
		end := len(config)
		if i+1 < len(headers) {
			end = headers[i+1][0]
		}
		body := config[h[1]:end]
		if providerArgument.MatchString(body) {
			body = providerArgument.ReplaceAllString(body, "${1}${2}."+alias+"\n")
		} else {
			body = "  provider = netops." + alias + "\n" + body
		}
		b.WriteString(config[last:h[1]])
		b.WriteString(body)
		last = end
	}
	b.WriteString(config[last:])
	return b.String()
}
