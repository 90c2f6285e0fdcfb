package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/sbcmock"
)

// validationRow is one invalid configuration: a valid provider block and resource with
// exactly one thing broken, and the diagnostic that must name the broken attribute.
type validationRow struct {
	name   string
	config string // complete configuration
	attr   string // attribute path the diagnostic is about
	// The diagnostic: its summary, the address Terraform prints after "with", and
	// fragments of its detail, in order.
	summary string
	addr    string
	detail  []string
	// inDetail: the attribute is absent from the configuration, so Terraform cannot
	// quote its line; the summary or the detail must name it instead.
	inDetail bool
	// atConfigure: the provider reports it when Terraform configures it, which Terraform
	// does only once every object of the configuration is valid.
	atConfigure bool
}

const providerAddr = `provider["registry.terraform.io/hashicorp/netops"]`

// notBlank matches text within one paragraph of a diagnostic: it may cross line breaks
// (Terraform wraps the detail) but not a blank line, so the fragments it separates stay in
// the same diagnostic.
const notBlank = `(?:[^\n]|\n[^\n])*?\n?`

// fragment quotes s, letting any run of spaces match wrapped lines.
func fragment(s string) string {
	return strings.Join(strings.Fields(regexp.QuoteMeta(s)), `\s+`)
}

// leaf is the last attribute name of a framework path: requested_action[0].values[1] → values.
func leaf(attr string) string {
	s := attr[strings.LastIndex(attr, ".")+1:]
	if i := strings.Index(s, "["); i >= 0 {
		s = s[:i]
	}
	return s
}

// expectation matches one whole Terraform diagnostic:
//
//	Error: <summary>
//
//	  with <addr>,
//	  on terraform_plugin_test.tf line N, in ...:
//	   N:   <attribute> = ...          (the broken attribute's line)
//
//	<detail fragments>
//
// so the summary, the address, the quoted attribute and the detail all belong to the
// same diagnostic.
func (r validationRow) expectation() *regexp.Regexp {
	addr := regexp.QuoteMeta(r.addr)
	if alias, ok := strings.CutPrefix(r.addr, providerAddr); ok { // OpenTofu names the provider under its own registry
		addr = `provider\["registry\.(?:terraform\.io|opentofu\.org)/hashicorp/netops"\]` + regexp.QuoteMeta(alias)
	}
	var b strings.Builder
	b.WriteString(`Error: ` + fragment(r.summary) + `\s*\n\s*\n\s*with ` + addr + `,\n`)
	b.WriteString(`\s*on terraform_plugin_test\.tf line \d+, in [^\n]+:\n`)
	if r.inDetail {
		b.WriteString(`\s*\d+:[^\n]*\n`)
	} else {
		b.WriteString(`\s*\d+:\s*` + regexp.QuoteMeta(leaf(r.attr)) + `\s*=[^\n]*\n`)
	}
	b.WriteString(`(?:[^\n]+\n)*?\s*\n`) // further quoted lines, then the blank line before the detail
	for _, d := range r.detail {
		b.WriteString(notBlank + fragment(d))
	}
	return regexp.MustCompile(b.String())
}

// Every invalid input the provider refuses at plan time, one per row, across the provider
// blocks, resources and data sources. Each vendor's mock runs once for the whole table and
// must see no request: validation fails before the provider talks to any appliance.
func TestAccValidation_table(t *testing.T) {
	t.Parallel()
	sbc := newSBCFixture(t, sbcmock.Options{})
	ftd := newFTDFixture(t)
	li := newLIFixture(t)
	ff := newFFFixture(t)

	edit := func(s, old, repl string) string {
		t.Helper()
		if !strings.Contains(s, old) {
			t.Fatalf("building the table: %q not found in\n%s", old, s)
		}
		return strings.Replace(s, old, repl, 1)
	}

	// Valid starting points.
	sbcProvider := sbc.provider(sbcBlock{})
	sbcSwitchover := "\nresource \"netops_sbc_switchover\" \"x\" {}\n"
	sbcValid := sbcProvider + sbcSwitchover

	ftdProviders := ftd.providers()
	ftdConfig := ftdConfiguration("x", "fw_a", "HA_PRIMARY")
	ftdValid := ftdProviders + ftdConfig
	ftdIPv6 := ftdProviders + edit(ftdConfig, "  shared_key", `  primary_failover_ipv6   = "2001:db8:77::1"
  secondary_failover_ipv6 = "2001:db8:77::2"
  shared_key`)
	ftdStateful := ftdProviders + edit(ftdConfig, "  shared_key", `  stateful_failover_interface      = "GigabitEthernet0/6"
  stateful_failover_name           = "stateful-link"
  primary_stateful_failover_ipv4   = "192.168.78.1"
  secondary_stateful_failover_ipv4 = "192.168.78.2"
  stateful_netmask                 = "255.255.255.0"
  shared_key`)
	ftdJoin := ftdProviders + `
resource "netops_ftd_ha_join" "x" {
  provider = netops
  name     = "join-primary"
}
`

	liProvider := li.provider()
	liNode := li.nodes[0].Host()
	liValid := liProvider + liMemberConfig("one", liNode, "")

	ffProvider := ff.provider()
	ffCreate := ffProvider + ffCreateObjects
	ffAdd := ffProvider + ffAddToGroup
	ffSeveral := ffProvider + ffSeveralActions
	ffRules := ffProvider + ffRuleRemoval
	ffAttachment := edit(ffRules, `  owner    = "secops@example.com"`, `  owner    = "secops@example.com"
  attachment {
    filename       = "evidence.txt"
    content_base64 = "aGVsbG8="
  }`)
	ffRead := ffProvider + `
data "netops_fireflow_change_request" "x" {
  id   = "1001"
  kind = "object"
}
`

	const (
		sbcAddr        = "netops_sbc_switchover.x"
		sbcStatusAddr  = "data.netops_sbc_ha_status.x"
		ftdConfAddr    = "netops_ftd_ha_configuration.x"
		ftdJoinAddr    = "netops_ftd_ha_join.x"
		liAddr         = "netops_loginsight_cluster_member.one"
		ffCreateAddr   = "netops_fireflow_object_change_request.create"
		ffAddAddr      = "netops_fireflow_object_change_request.add"
		ffSeveralAddr  = "netops_fireflow_object_change_request.several"
		ffRulesAddr    = "netops_fireflow_rule_removal_request.rules"
		ffReadAddr     = "data.netops_fireflow_change_request.x"
		badAddress     = "Invalid appliance address"
		lengthAtLeast1 = "Invalid Attribute Value Length"
		oneOf          = "Invalid Attribute Value Match"
	)
	sbcHost := `host        = "` + sbc.a.Host() + `"`
	ftdHost := `host        = "` + ftd.primary.Host() + `"`
	liHost := `host        = "` + li.master.Host() + `"`
	ffHost := `host        = "` + ff.srv.Host() + `"`
	liNodeLine := `node_host = "` + liNode + `"`
	notACert := heredoc("-----BEGIN PUBLIC KEY-----\nMAo=\n-----END PUBLIC KEY-----")

	rows := []validationRow{
		// The provider's vendor blocks.
		{name: "sbc host http", config: edit(sbcValid, sbcHost, `host        = "http://`+sbc.a.Host()+`"`),
			attr: "sbc.host", summary: badAddress, addr: providerAddr, detail: []string{"uses plain http; the appliance APIs are https only"}},
		{name: "sbc host with path", config: edit(sbcValid, sbcHost, `host        = "https://`+sbc.a.Host()+`/rest/v1.2"`),
			attr: "sbc.host", summary: badAddress, addr: providerAddr, detail: []string{"must be only a scheme, host and port, without path, query or credentials"}},
		{name: "sbc host with credentials", config: edit(sbcValid, sbcHost, `host        = "https://admin:secret@`+sbc.a.Host()+`"`),
			attr: "sbc.host", summary: badAddress, addr: providerAddr, detail: []string{"without path, query or credentials"}},
		{name: "sbc host port 0", config: edit(sbcValid, sbcHost, `host        = "sbc-a.example.net:0"`),
			attr: "sbc.host", summary: badAddress, addr: providerAddr, detail: []string{`has an invalid port "0" (1-65535)`}},
		{name: "sbc host with space", config: edit(sbcValid, sbcHost, `host        = "sbc a.example.net"`),
			attr: "sbc.host", summary: badAddress, addr: providerAddr, detail: []string{`"sbc a.example.net" is not a valid host name or address`}},
		{name: "sbc peer_host port 99999", config: edit(sbcValid, `peer_host   = "`+sbc.b.Host()+`"`, `peer_host   = "sbc-b.example.net:99999"`),
			attr: "sbc.peer_host", summary: badAddress, addr: providerAddr, detail: []string{`has an invalid port "99999"`}},
		{name: "sbc host signed port", config: edit(sbcValid, sbcHost, `host        = "sbc-a.example.net:+443"`),
			attr: "sbc.host", summary: badAddress, addr: providerAddr, detail: []string{`has an invalid port "+443"`}},
		{name: "sbc host empty port", config: edit(sbcValid, sbcHost, `host        = "sbc-a.example.net:"`),
			attr: "sbc.host", summary: badAddress, addr: providerAddr, detail: []string{`has an empty port`}},
		{name: "sbc host with fragment", config: edit(sbcValid, sbcHost, `host        = "https://sbc-a.example.net:443#frag"`),
			attr: "sbc.host", summary: badAddress, addr: providerAddr, detail: []string{"without path, query or credentials"}},
		{name: "sbc ca_cert_pem bogus certificate", config: edit(sbcValid, "ca_cert_pem = "+heredoc(string(testAuthority(t).CertPEM())),
			"ca_cert_pem = "+heredoc("-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----")),
			attr: "sbc.ca_cert_pem", summary: "Invalid CA certificate", addr: providerAddr, detail: []string{"holds a CERTIFICATE block that is not a certificate"}},
		{name: "sbc api_version", config: edit(sbcValid, "  sbc {\n", "  sbc {\n    api_version = \"v2.0\"\n"),
			attr: "sbc.api_version", summary: oneOf, addr: providerAddr, detail: []string{`Attribute sbc.api_version value must be one of: ["auto" "v1.0" "v1.1" "v1.2"], got: "v2.0"`}},
		{name: "sbc ca_cert_pem not pem", config: edit(sbcValid, "ca_cert_pem = "+heredoc(string(testAuthority(t).CertPEM())), `ca_cert_pem = "not a pem"`),
			attr: "sbc.ca_cert_pem", summary: "Invalid CA certificate", addr: providerAddr, detail: []string{"ca_cert_pem must hold a PEM certificate (-----BEGIN CERTIFICATE-----)"}},
		{name: "sbc empty username", config: edit(sbcValid, `username    = "`+sbcmock.AdminUser+`"`, `username    = ""`),
			attr: "sbc.username", summary: "Missing SBC username", addr: providerAddr, detail: []string{"The sbc block needs username"}, atConfigure: true},
		{name: "ftd host ftp", config: edit(ftdValid, ftdHost, `host        = "ftp://`+ftd.primary.Host()+`"`),
			attr: "ftd.host", summary: badAddress, addr: providerAddr, detail: []string{"only https:// is supported"}},
		{name: "ftd host with query", config: edit(ftdValid, ftdHost, `host        = "https://`+ftd.primary.Host()+`?x=1"`),
			attr: "ftd.host", summary: badAddress, addr: providerAddr, detail: []string{"without path, query or credentials"}},
		{name: "ftd host unclosed bracket", config: edit(ftdValid, ftdHost, `host        = "[2001:db8::1"`),
			attr: "ftd.host", summary: badAddress, addr: providerAddr, detail: []string{`"[2001:db8::1" is not host or host:port`}},
		{name: "ftd api_version", config: edit(ftdValid, "  ftd {\n", "  ftd {\n    api_version = \"6.7\"\n"),
			attr: "ftd.api_version", summary: oneOf, addr: providerAddr, detail: []string{"Attribute ftd.api_version must be latest or a version such as v6"}},
		{name: "loginsight host port 70000", config: edit(liValid, liHost, `host        = "li-master.example.net:70000"`),
			attr: "loginsight.host", summary: badAddress, addr: providerAddr, detail: []string{`has an invalid port "70000"`}},
		{name: "loginsight auth_provider", config: edit(liValid, "  loginsight {\n", "  loginsight {\n    auth_provider = \"LDAP\"\n"),
			attr: "loginsight.auth_provider", summary: oneOf, addr: providerAddr, detail: []string{`Attribute loginsight.auth_provider value must be one of: ["Local" "ActiveDirectory" "vIDM"], got: "LDAP"`}},
		{name: "loginsight ca_cert_pem public key", config: edit(liValid, "ca_cert_pem = "+heredoc(string(testAuthority(t).CertPEM())), "ca_cert_pem = "+notACert),
			attr: "loginsight.ca_cert_pem", summary: "Invalid CA certificate", addr: providerAddr, detail: []string{"must hold a PEM certificate"}},
		{name: "fireflow host http", config: edit(ffRules, ffHost, `host        = "http://`+ff.srv.Host()+`"`),
			attr: "fireflow.host", summary: badAddress, addr: providerAddr, detail: []string{"uses plain http"}},
		{name: "fireflow host empty", config: edit(ffRules, ffHost, `host        = ""`),
			attr: "fireflow.host", summary: badAddress, addr: providerAddr, detail: []string{"The address is empty."}},
		{name: "fireflow host with credentials", config: edit(ffRules, ffHost, `host        = "https://ff:pw@`+ff.srv.Host()+`"`),
			attr: "fireflow.host", summary: badAddress, addr: providerAddr, detail: []string{"without path, query or credentials"}},

		// Provider-wide settings.
		{name: "request_timeout word", config: edit(sbcValid, "provider \"netops\" {\n", "provider \"netops\" {\n  request_timeout = \"soon\"\n"),
			attr: "request_timeout", summary: "Invalid duration", addr: providerAddr, detail: []string{`"soon" is not a positive duration`}},
		{name: "request_timeout negative", config: edit(sbcValid, "provider \"netops\" {\n", "provider \"netops\" {\n  request_timeout = \"-5s\"\n"),
			attr: "request_timeout", summary: "Invalid duration", addr: providerAddr, detail: []string{`"-5s" is not a positive duration`}},
		{name: "retry attempts 0", config: edit(sbcValid, "  retry {\n", "  retry {\n    attempts = 0\n"),
			attr: "retry.attempts", summary: "Invalid Attribute Value", addr: providerAddr, detail: []string{"Attribute retry.attempts value must be between 1 and 20, got: 0"}},
		{name: "retry attempts 21", config: edit(sbcValid, "  retry {\n", "  retry {\n    attempts = 21\n"),
			attr: "retry.attempts", summary: "Invalid Attribute Value", addr: providerAddr, detail: []string{"Attribute retry.attempts value must be between 1 and 20, got: 21"}},
		{name: "retry min_backoff zero", config: edit(sbcValid, `min_backoff = "50ms"`, `min_backoff = "0s"`),
			attr: "retry.min_backoff", summary: "Invalid duration", addr: providerAddr, detail: []string{`"0s" is not a positive duration`}},
		{name: "retry max_backoff without unit", config: edit(sbcValid, `max_backoff = "200ms"`, `max_backoff = "30"`),
			attr: "retry.max_backoff", summary: "Invalid duration", addr: providerAddr, detail: []string{`"30" is not a positive duration`}},
		{name: "retry max_backoff below min_backoff", config: edit(sbcValid, `max_backoff = "200ms"`, `max_backoff = "10ms"`),
			attr: "retry.max_backoff", summary: "Invalid retry backoff", addr: providerAddr, detail: []string{"max_backoff must not be shorter than min_backoff"}, inDetail: true, atConfigure: true},

		// netops_sbc_switchover and netops_sbc_ha_status.
		{name: "sbc_switchover empty expected_active", config: edit(sbcValid, sbcSwitchover, "\nresource \"netops_sbc_switchover\" \"x\" {\n  expected_active = \"\"\n}\n"),
			attr: "expected_active", summary: lengthAtLeast1, addr: sbcAddr, detail: []string{"Attribute expected_active string length must be at least 1, got: 0"}},
		{name: "sbc_ha_status host http", config: sbcProvider + "\ndata \"netops_sbc_ha_status\" \"x\" {\n  host = \"http://" + sbc.b.Host() + "\"\n}\n",
			attr: "host", summary: badAddress, addr: sbcStatusAddr, detail: []string{"uses plain http"}},
		{name: "sbc_ha_status host port 65536", config: sbcProvider + "\ndata \"netops_sbc_ha_status\" \"x\" {\n  host = \"sbc-b.example.net:65536\"\n}\n",
			attr: "host", summary: badAddress, addr: sbcStatusAddr, detail: []string{`has an invalid port "65536"`}},

		// netops_ftd_ha_configuration.
		{name: "ftd node_role", config: edit(ftdValid, `"HA_PRIMARY"`, `"PRIMARY"`),
			attr: "node_role", summary: oneOf, addr: ftdConfAddr, detail: []string{`Attribute node_role value must be one of: ["HA_PRIMARY" "HA_SECONDARY"], got: "PRIMARY"`}},
		{name: "ftd empty failover_interface", config: edit(ftdValid, `"GigabitEthernet0/7"`, `""`),
			attr: "failover_interface", summary: lengthAtLeast1, addr: ftdConfAddr, detail: []string{"Attribute failover_interface string length must be at least 1, got: 0"}},
		{name: "ftd failover_name semicolon", config: edit(ftdValid, `"failover-link"`, `"fail;over"`),
			attr: "failover_name", summary: oneOf, addr: ftdConfAddr, detail: []string{`Attribute failover_name must not contain a semicolon, got: fail;over`}},
		{name: "ftd failover_name 49 characters", config: edit(ftdValid, `"failover-link"`, `"`+strings.Repeat("f", 49)+`"`),
			attr: "failover_name", summary: lengthAtLeast1, addr: ftdConfAddr, detail: []string{"Attribute failover_name string length must be between 1 and 48, got: 49"}},
		{name: "ftd same address on both units", config: edit(ftdValid, `"192.168.77.2"`, `"192.168.77.1"`),
			attr: "primary_failover_ipv4", summary: "Same address on both units", addr: ftdConfAddr, detail: []string{"need different addresses on the link"}},
		{name: "ftd addresses in different subnets", config: edit(ftdValid, `"192.168.77.2"`, `"10.0.0.2"`),
			attr: "primary_failover_ipv4", summary: "Addresses in different subnets", addr: ftdConfAddr, detail: []string{"are not in the same /24 subnet"}},
		{name: "ftd primary_failover_ipv4 octet", config: edit(ftdValid, `"192.168.77.1"`, `"192.168.77.300"`),
			attr: "primary_failover_ipv4", summary: "Invalid address", addr: ftdConfAddr, detail: []string{"192.168.77.300 is not an IPv4 address"}},
		{name: "ftd primary_failover_ipv4 with prefix", config: edit(ftdValid, `"192.168.77.1"`, `"192.168.77.1/24"`),
			attr: "primary_failover_ipv4", summary: "Invalid address", addr: ftdConfAddr, detail: []string{"192.168.77.1/24 is not an IPv4 address"}},
		{name: "ftd secondary_failover_ipv4 is IPv6", config: edit(ftdValid, `"192.168.77.2"`, `"2001:db8::2"`),
			attr: "secondary_failover_ipv4", summary: "Invalid address", addr: ftdConfAddr, detail: []string{"2001:db8::2 is not an IPv4 address"}},
		{name: "ftd netmask not contiguous", config: edit(ftdValid, `netmask                 = "24"`, `netmask                 = "255.0.255.0"`),
			attr: "netmask", summary: "Invalid netmask", addr: ftdConfAddr, detail: []string{"255.0.255.0 is not a prefix length from 0 to 32 or a dotted netmask"}},
		{name: "ftd netmask 33", config: edit(ftdValid, `netmask                 = "24"`, `netmask                 = "33"`),
			attr: "netmask", summary: "Invalid netmask", addr: ftdConfAddr, detail: []string{"33 is not a prefix length from 0 to 32"}},
		{name: "ftd primary_failover_ipv6 is IPv4", config: edit(ftdIPv6, `"2001:db8:77::1"`, `"10.0.0.1"`),
			attr: "primary_failover_ipv6", summary: "Invalid address", addr: ftdConfAddr, detail: []string{"10.0.0.1 is not an IPv6 address"}},
		{name: "ftd secondary_failover_ipv6 zone", config: edit(ftdIPv6, `"2001:db8:77::2"`, `"fe80::2%eth0"`),
			attr: "secondary_failover_ipv6", summary: "Invalid address", addr: ftdConfAddr, detail: []string{"fe80::2%eth0 is not an IPv6 address"}},
		{name: "ftd IPv4 addresses without secondary", config: edit(ftdValid, `  secondary_failover_ipv4 = "192.168.77.2"`+"\n", ""),
			attr: "primary_failover_ipv4", summary: "Incomplete failover addresses", addr: ftdConfAddr, detail: []string{"[primary_failover_ipv4 secondary_failover_ipv4 netmask] must be set together"}},
		{name: "ftd IPv6 addresses without secondary", config: edit(ftdIPv6, `  secondary_failover_ipv6 = "2001:db8:77::2"`+"\n", ""),
			attr: "primary_failover_ipv6", summary: "Incomplete failover addresses", addr: ftdConfAddr, detail: []string{"[primary_failover_ipv6 secondary_failover_ipv6] must be set together"}},
		{name: "ftd no failover addresses", config: edit(edit(edit(ftdValid,
			`  primary_failover_ipv4   = "192.168.77.1"`+"\n", ""), `  secondary_failover_ipv4 = "192.168.77.2"`+"\n", ""), `  netmask                 = "24"`+"\n", ""),
			attr: "primary_failover_ipv4", summary: "Missing failover addresses", addr: ftdConfAddr, detail: []string{"Set the IPv4 (primary_failover_ipv4, secondary_failover_ipv4, netmask) or the IPv6 addresses"}, inDetail: true},
		{name: "ftd stateful link without interface", config: edit(ftdStateful, `  stateful_failover_interface      = "GigabitEthernet0/6"`+"\n", ""),
			attr: "stateful_failover_interface", summary: "Missing stateful failover interface", addr: ftdConfAddr, detail: []string{"Stateful failover addresses need stateful_failover_interface"}, inDetail: true},
		{name: "ftd stateful interface without name", config: edit(ftdStateful, `  stateful_failover_name           = "stateful-link"`+"\n", ""),
			attr: "stateful_failover_interface", summary: "Incomplete stateful failover link", addr: ftdConfAddr, detail: []string{"needs stateful_failover_name and its IPv4 or IPv6 addresses"}},
		{name: "ftd stateful interface without addresses", config: edit(edit(edit(ftdStateful,
			`  primary_stateful_failover_ipv4   = "192.168.78.1"`+"\n", ""), `  secondary_stateful_failover_ipv4 = "192.168.78.2"`+"\n", ""), `  stateful_netmask                 = "255.255.255.0"`+"\n", ""),
			attr: "stateful_failover_interface", summary: "Incomplete stateful failover link", addr: ftdConfAddr, detail: []string{"needs stateful_failover_name and its IPv4 or IPv6 addresses"}},
		{name: "ftd stateful_failover_name semicolon", config: edit(ftdStateful, `"stateful-link"`, `"state;ful"`),
			attr: "stateful_failover_name", summary: oneOf, addr: ftdConfAddr, detail: []string{"Attribute stateful_failover_name must not contain a semicolon"}},
		{name: "ftd stateful IPv4 without stateful_netmask", config: edit(ftdStateful, `  stateful_netmask                 = "255.255.255.0"`+"\n", ""),
			attr: "primary_stateful_failover_ipv4", summary: "Incomplete failover addresses", addr: ftdConfAddr, detail: []string{"[primary_stateful_failover_ipv4 secondary_stateful_failover_ipv4 stateful_netmask] must be set together"}},
		{name: "ftd primary_stateful_failover_ipv4", config: edit(ftdStateful, `"192.168.78.1"`, `"192.168.78"`),
			attr: "primary_stateful_failover_ipv4", summary: "Invalid address", addr: ftdConfAddr, detail: []string{"192.168.78 is not an IPv4 address"}},
		{name: "ftd stateful_netmask", config: edit(ftdStateful, `"255.255.255.0"`, `"255.255.0.255"`),
			attr: "stateful_netmask", summary: "Invalid netmask", addr: ftdConfAddr, detail: []string{"255.255.0.255 is not a prefix length"}},
		{name: "ftd empty shared_key", config: edit(ftdValid, `"Ftd#HA-Key-8824"`, `""`),
			attr: "shared_key", summary: lengthAtLeast1, addr: ftdConfAddr, detail: []string{"Attribute shared_key string length must be between 1 and 63, got: 0"}},
		{name: "ftd shared_key 64 characters", config: edit(ftdValid, `"Ftd#HA-Key-8824"`, `"`+strings.Repeat("k", 64)+`"`),
			attr: "shared_key", summary: lengthAtLeast1, addr: ftdConfAddr, detail: []string{"Attribute shared_key string length must be between 1 and 63, got: 64"}},

		// netops_ftd_ha_join.
		{name: "ftd_ha_join name starts with dash", config: edit(ftdJoin, `"join-primary"`, `"-join-primary"`),
			attr: "name", summary: oneOf, addr: ftdJoinAddr, detail: []string{"Attribute name must start with a letter, digit or _ and hold only letters, digits, spaces and _ . ( ) / + -, got: -join-primary"}},
		{name: "ftd_ha_join name semicolon", config: edit(ftdJoin, `"join-primary"`, `"join;primary"`),
			attr: "name", summary: oneOf, addr: ftdJoinAddr, detail: []string{"Attribute name must start with a letter, digit or _", "got: join;primary"}},
		{name: "ftd_ha_join name trailing space", config: edit(ftdJoin, `"join-primary"`, `"join-primary "`),
			attr: "name", summary: oneOf, addr: ftdJoinAddr, detail: []string{"Attribute name must start with a letter, digit or _"}},
		{name: "ftd_ha_join name 129 characters", config: edit(ftdJoin, `"join-primary"`, `"`+strings.Repeat("j", 129)+`"`),
			attr: "name", summary: lengthAtLeast1, addr: ftdJoinAddr, detail: []string{"Attribute name string length must be between 0 and 128, got: 129"}},
		{name: "ftd_ha_join break_interface_option", config: edit(ftdJoin, "  name     = \"join-primary\"\n", "  name     = \"join-primary\"\n  break_interface_option = \"KEEP\"\n"),
			attr: "break_interface_option", summary: oneOf, addr: ftdJoinAddr, detail: []string{`Attribute break_interface_option value must be one of: ["DISABLE_INTERFACES" "ENABLE_WITH_STANDBY_IP"], got: "KEEP"`}},

		// netops_loginsight_cluster_member.
		{name: "loginsight node_host http", config: edit(liValid, liNodeLine, `node_host = "http://`+liNode+`"`),
			attr: "node_host", summary: badAddress, addr: liAddr, detail: []string{"uses plain http"}},
		{name: "loginsight node_host with path", config: edit(liValid, liNodeLine, `node_host = "https://`+liNode+`/api/v2"`),
			attr: "node_host", summary: badAddress, addr: liAddr, detail: []string{"without path, query or credentials"}},
		{name: "loginsight node_host with credentials", config: edit(liValid, liNodeLine, `node_host = "https://admin:pw@`+liNode+`"`),
			attr: "node_host", summary: badAddress, addr: liAddr, detail: []string{"without path, query or credentials"}},
		{name: "loginsight node_host port 70000", config: edit(liValid, liNodeLine, `node_host = "li-node-2.example.net:70000"`),
			attr: "node_host", summary: badAddress, addr: liAddr, detail: []string{`has an invalid port "70000"`}},
		{name: "loginsight node_host with space", config: edit(liValid, liNodeLine, `node_host = "li node-2.example.net"`),
			attr: "node_host", summary: badAddress, addr: liAddr, detail: []string{"is not a valid host name or address"}},
		{name: "loginsight node_host empty", config: edit(liValid, liNodeLine, `node_host = ""`),
			attr: "node_host", summary: badAddress, addr: liAddr, detail: []string{"The address is empty."}},
		{name: "loginsight master_port 0", config: liProvider + liMemberConfig("one", liNode, "  master_port = 0"),
			attr: "master_port", summary: "Invalid Attribute Value", addr: liAddr, detail: []string{"Attribute master_port value must be between 1 and 65535, got: 0"}},
		{name: "loginsight master_port 65536", config: liProvider + liMemberConfig("one", liNode, "  master_port = 65536"),
			attr: "master_port", summary: "Invalid Attribute Value", addr: liAddr, detail: []string{"Attribute master_port value must be between 1 and 65535, got: 65536"}},
		{name: "loginsight empty master_fqdn", config: liProvider + liMemberConfig("one", liNode, `  master_fqdn = ""`),
			attr: "master_fqdn", summary: "Invalid host name", addr: liAddr, detail: []string{`"" is not a host name or IP address, without scheme or port`}},
		{name: "loginsight master_fqdn URL", config: liProvider + liMemberConfig("one", liNode, `  master_fqdn = "https://li-master.example.net"`),
			attr: "master_fqdn", summary: "Invalid host name", addr: liAddr, detail: []string{`"https://li-master.example.net" is not a host name or IP address`}},
		{name: "loginsight master_fqdn with port", config: liProvider + liMemberConfig("one", liNode, `  master_fqdn = "li-master.example.net:9543"`),
			attr: "master_fqdn", summary: "Invalid host name", addr: liAddr, detail: []string{`"li-master.example.net:9543" is not a host name`}},

		// netops_fireflow_object_change_request.
		{name: "fireflow object empty template", config: edit(ffCreate, `template = "135: Object Change Multi Device Request"`, `template = ""`),
			attr: "template", summary: lengthAtLeast1, addr: ffCreateAddr, detail: []string{"Attribute template string length must be at least 1, got: 0"}},
		{name: "fireflow object empty devices", config: edit(ffAdd, `["FW_101", "FW_102"]`, `[]`),
			attr: "devices", summary: "Invalid Attribute Value", addr: ffAddAddr, detail: []string{"Attribute devices list must contain at least 1 elements, got: 0"}},
		{name: "fireflow object duplicate devices", config: edit(ffAdd, `["FW_101", "FW_102"]`, `["FW_101", "FW_101"]`),
			attr: "devices", summary: "Duplicate List Value", addr: ffAddAddr, detail: []string{`This attribute contains duplicate values of: "FW_101"`}},
		{name: "fireflow object empty device name", config: edit(ffAdd, `["FW_101", "FW_102"]`, `["FW_101", ""]`),
			attr: "devices[1]", summary: lengthAtLeast1, addr: ffAddAddr, detail: []string{"Attribute devices[1] string length must be at least 1, got: 0"}},
		{name: "fireflow object no devices nor object_containers", config: edit(ffAdd, `  devices     = ["FW_101", "FW_102"]`+"\n", ""),
			attr: "devices", summary: "Missing devices", addr: ffAddAddr, detail: []string{"Set devices (AFA device names) or object_containers"}, inDetail: true},
		{name: "fireflow object empty object_containers", config: edit(ffAdd, `devices     = ["FW_101", "FW_102"]`, `object_containers = []`),
			attr: "object_containers", summary: "Invalid Attribute Value", addr: ffAddAddr, detail: []string{"Attribute object_containers list must contain at least 1 elements, got: 0"}},
		{name: "fireflow object duplicate object_containers", config: edit(ffAdd, `devices     = ["FW_101", "FW_102"]`, `object_containers = [3, 3]`),
			attr: "object_containers", summary: "Duplicate List Value", addr: ffAddAddr, detail: []string{"This attribute contains duplicate values of: 3"}},
		{name: "fireflow object object_container_level", config: edit(ffAdd, `external_id = "123a"`, `object_container_level = "middle"`),
			attr: "object_container_level", summary: oneOf, addr: ffAddAddr, detail: []string{`Attribute object_container_level value must be one of: ["automatic" "highest" "lowest"], got: "middle"`}},
		{name: "fireflow object due slashes", config: edit(ffCreate, `due      = "2019-10-10"`, `due      = "2019/10/10"`),
			attr: "due", summary: "Invalid date", addr: ffCreateAddr, detail: []string{"2019/10/10 is not a date as YYYY-MM-DD, DD-MM-YYYY, MM-DD-YYYY or YYYY-MM-DD HH:MM:SS"}},
		{name: "fireflow object due 30 February", config: edit(ffCreate, `due      = "2019-10-10"`, `due      = "2019-02-30"`),
			attr: "due", summary: "Invalid date", addr: ffCreateAddr, detail: []string{"2019-02-30 is not a date"}},
		{name: "fireflow object expire month 13 either way", config: edit(ffCreate, `  due      = "2019-10-10"`, "  due      = \"2019-10-10\"\n  expire   = \"13-13-2020\""),
			attr: "expire", summary: "Invalid date", addr: ffCreateAddr, detail: []string{"13-13-2020 is not a date"}},
		{name: "fireflow object no requested_action", config: ffProvider + `
resource "netops_fireflow_object_change_request" "create" {
  template = "135: Object Change Multi Device Request"
  devices  = ["FW_101"]
}
`, attr: "requested_action", summary: "Invalid Block", addr: ffCreateAddr, detail: []string{"Block requested_action must have a configuration value as the provider has marked it as required"}, inDetail: true},
		{name: "fireflow object action", config: edit(ffSeveral, `action   = "replaceContent"`, `action   = "rename"`),
			attr: "requested_action[0].action", summary: oneOf, addr: ffSeveralAddr, detail: []string{`Attribute requested_action[0].action value must be one of:`, `got: "rename"`}},
		{name: "fireflow object empty name", config: edit(ffSeveral, `name     = "object2"`, `name     = ""`),
			attr: "requested_action[0].name", summary: lengthAtLeast1, addr: ffSeveralAddr, detail: []string{"Attribute requested_action[0].name string length must be at least 1, got: 0"}},
		{name: "fireflow object type", config: edit(ffSeveral, `type   = "network"`, `type   = "host"`),
			attr: "requested_action[2].type", summary: oneOf, addr: ffSeveralAddr, detail: []string{`Attribute requested_action[2].type value must be one of: ["network" "service"], got: "host"`}},
		{name: "fireflow object values on delete", config: edit(ffSeveral, `name   = "Net_203.69.50.0"`, "name   = \"Net_203.69.50.0\"\n    values = [\"Net_203.69.50.0\"]"),
			attr: "requested_action[2].values", summary: "Values not allowed", addr: ffSeveralAddr, detail: []string{"A delete action takes no values"}},
		{name: "fireflow object no values", config: edit(ffAdd, `    values   = ["Net_10.163.40.232_31", "HK_Cyberark_10.133.21.217"]`+"\n", ""),
			attr: "requested_action[0].values", summary: "Missing values", addr: ffAddAddr, detail: []string{"The addObjectsToGroup action needs values"}, inDetail: true},
		{name: "fireflow object empty values", config: edit(ffAdd, `["Net_10.163.40.232_31", "HK_Cyberark_10.133.21.217"]`, `[]`),
			attr: "requested_action[0].values", summary: "Invalid Attribute Value", addr: ffAddAddr, detail: []string{"Attribute requested_action[0].values list must contain at least 1 elements, got: 0"}},
		{name: "fireflow object duplicate values", config: edit(ffAdd, `["Net_10.163.40.232_31", "HK_Cyberark_10.133.21.217"]`, `["Net_10.163.40.232_31", "Net_10.163.40.232_31"]`),
			attr: "requested_action[0].values", summary: "Duplicate List Value", addr: ffAddAddr, detail: []string{"This attribute contains duplicate values"}},
		{name: "fireflow object empty value", config: edit(ffAdd, `["Net_10.163.40.232_31", "HK_Cyberark_10.133.21.217"]`, `["Net_10.163.40.232_31", ""]`),
			attr: "requested_action[0].values[1]", summary: lengthAtLeast1, addr: ffAddAddr, detail: []string{"Attribute requested_action[0].values[1] string length must be at least 1, got: 0"}},
		{name: "fireflow object create without is_group", config: edit(ffCreate, "    type     = \"network\"\n    is_group = false\n", "    type     = \"network\"\n"),
			attr: "requested_action[0].is_group", summary: "Missing is_group", addr: ffCreateAddr, detail: []string{"A create action must say whether the new object is a group"}, inDetail: true},
		{name: "fireflow object service port 70000", config: edit(ffCreate, `"tcp/12"`, `"tcp/70000"`),
			attr: "requested_action[1].values[0]", summary: "Invalid service", addr: ffCreateAddr, detail: []string{"tcp/70000 is not a service definition such as tcp/23"}},
		{name: "fireflow object service without protocol", config: edit(ffCreate, `"tcp/12"`, `"http"`),
			attr: "requested_action[1].values[0]", summary: "Invalid service", addr: ffCreateAddr, detail: []string{"http is not a service definition"}},

		// netops_fireflow_rule_removal_request.
		{name: "fireflow rules empty template", config: edit(ffRules, `template = "140: Rule Removal Request"`, `template = ""`),
			attr: "template", summary: lengthAtLeast1, addr: ffRulesAddr, detail: []string{"Attribute template string length must be at least 1, got: 0"}},
		{name: "fireflow rules empty device", config: edit(ffRules, `device   = "Orit_GW2"`, `device   = ""`),
			attr: "device", summary: lengthAtLeast1, addr: ffRulesAddr, detail: []string{"Attribute device string length must be at least 1, got: 0"}},
		{name: "fireflow rules action", config: edit(ffRules, `action   = "remove"`, `action   = "delete"`),
			attr: "action", summary: oneOf, addr: ffRulesAddr, detail: []string{`Attribute action value must be one of: ["remove" "disable" "automatic"], got: "delete"`}},
		{name: "fireflow rules no rule_ids", config: edit(ffRules, `["`+ffRuleA+`", "`+ffRuleB+`"]`, `[]`),
			attr: "rule_ids", summary: "Invalid Attribute Value", addr: ffRulesAddr, detail: []string{"Attribute rule_ids set must contain at least 1 elements, got: 0"}},
		{name: "fireflow rules empty rule id", config: edit(ffRules, `["`+ffRuleA+`", "`+ffRuleB+`"]`, `["`+ffRuleA+`", ""]`),
			attr: "rule_ids", summary: lengthAtLeast1, addr: ffRulesAddr, detail: []string{`Attribute rule_ids[Value("")] string length must be at least 1, got: 0`}},
		{name: "fireflow rules due dotted", config: edit(ffRules, `  owner    = "secops@example.com"`, "  owner    = \"secops@example.com\"\n  due      = \"31.12.2026\""),
			attr: "due", summary: "Invalid date", addr: ffRulesAddr, detail: []string{"31.12.2026 is not a date"}},
		{name: "fireflow rules attachment filename slash", config: edit(ffAttachment, `"evidence.txt"`, `"logs/evidence.txt"`),
			attr: "attachment[0].filename", summary: "Invalid file name", addr: ffRulesAddr, detail: []string{`"logs/evidence.txt" is not a Linux file name: 1 to 255 bytes, no / or NUL, not . or ..`}},
		{name: "fireflow rules attachment filename dot-dot", config: edit(ffAttachment, `"evidence.txt"`, `".."`),
			attr: "attachment[0].filename", summary: "Invalid file name", addr: ffRulesAddr, detail: []string{`".." is not a Linux file name`}},
		{name: "fireflow rules attachment filename 256 bytes", config: edit(ffAttachment, `"evidence.txt"`, `"`+strings.Repeat("e", 256)+`"`),
			attr: "attachment[0].filename", summary: "Invalid file name", addr: ffRulesAddr, detail: []string{"is not a Linux file name: 1 to 255 bytes"}},
		{name: "fireflow rules attachment empty filename", config: edit(ffAttachment, `"evidence.txt"`, `""`),
			attr: "attachment[0].filename", summary: "Invalid file name", addr: ffRulesAddr, detail: []string{`"" is not a Linux file name`}},
		{name: "fireflow rules attachment content not base64", config: edit(ffAttachment, `"aGVsbG8="`, `"not base64!"`),
			attr: "attachment[0].content_base64", summary: "Invalid base64", addr: ffRulesAddr, detail: []string{"content_base64 is not standard base64", "use base64encode() or filebase64()"}},
		{name: "fireflow rules attachment content unpadded", config: edit(ffAttachment, `"aGVsbG8="`, `"aGVsbG8"`),
			attr: "attachment[0].content_base64", summary: "Invalid base64", addr: ffRulesAddr, detail: []string{"content_base64 is not standard base64"}},

		// netops_fireflow_change_request data source.
		{name: "fireflow_change_request id not numeric", config: edit(ffRead, `"1001"`, `"CR-1001"`),
			attr: "id", summary: oneOf, addr: ffReadAddr, detail: []string{"Attribute id must be a change request id (a positive number), got: CR-1001"}},
		{name: "fireflow_change_request id 0", config: edit(ffRead, `"1001"`, `"0"`),
			attr: "id", summary: oneOf, addr: ffReadAddr, detail: []string{"Attribute id must be a change request id (a positive number), got: 0"}},
		{name: "fireflow_change_request id negative", config: edit(ffRead, `"1001"`, `"-1001"`),
			attr: "id", summary: oneOf, addr: ffReadAddr, detail: []string{"Attribute id must be a change request id (a positive number), got: -1001"}},
		{name: "fireflow_change_request kind", config: edit(ffRead, `"object"`, `"rule_removal"`),
			attr: "kind", summary: oneOf, addr: ffReadAddr, detail: []string{`Attribute kind value must be one of: ["object" "rule-removal" "traffic"], got: "rule_removal"`}},
	}

	// Each row must say where the attribute shows: its quoted line, or its name in the
	// summary or detail.
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r.name] {
			t.Fatalf("duplicate row name %q", r.name)
		}
		seen[r.name] = true
		if r.inDetail && !strings.Contains(r.summary+" "+strings.Join(r.detail, " "), leaf(r.attr)) {
			t.Fatalf("row %q: the summary or detail fragments must name %s", r.name, leaf(r.attr))
		}
	}

	// The whole table is one configuration: each row's objects under names and provider
	// aliases of their own. Terraform validates every object and reports every error at
	// once, so one plan proves each row's diagnostic, at its address and its line.
	// Rows reported when a provider is configured need a configuration of their own.
	var atValidate, atConfigure []validationRow
	for _, r := range rows {
		if r.atConfigure {
			atConfigure = append(atConfigure, r)
		} else {
			atValidate = append(atValidate, r)
		}
	}
	t.Run("group", func(t *testing.T) {
		for name, rows := range map[string][]validationRow{"validate": atValidate, "configure": atConfigure} {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				config, wants := combineRows(rows)
				expectPlanErrors(t, config, wants)
			})
		}
	})

	// No mock may have been called.
	listeners := map[string]*mock.Server{
		"SBC A": sbc.a, "SBC B": sbc.b,
		"FTD primary": ftd.primary, "FTD secondary": ftd.secondary,
		"Log Insight master": li.master,
		"FireFlow":           ff.srv,
	}
	for i, n := range li.nodes {
		listeners[fmt.Sprintf("Log Insight node %d", i+1)] = n
	}
	for name, s := range listeners {
		if calls := s.Calls(); len(calls) != 0 {
			t.Errorf("the %s mock received %d requests (%v); validation must fail before any", name, len(calls), calls)
		}
	}
}
