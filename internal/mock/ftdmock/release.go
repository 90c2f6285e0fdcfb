package ftdmock

import (
	"fmt"
	"regexp"
	"strconv"
)

// Releases the mock imitates. The FDM API version a release serves is not in the
// notes; the mock follows Cisco's doc set names: API v2 is the 6.3-era swagger
// (ftd-fdm.md S1), the reference "ftd-api-reference-v5-ftd-v6-6" is API v5 on 6.6, and
// the latest reference is v6. 6.4 and 6.5 are taken as v3 and v4 in between.
const (
	Release63 = "6.3"
	Release64 = "6.4"
	Release65 = "6.5"
	Release66 = "6.6"
	Release70 = "7.0"
	// DefaultRelease serves v4, v5 and v6.
	DefaultRelease = Release70
)

var releasePattern = regexp.MustCompile(`^(\d+)\.(\d+)`)

// ReleaseVersions returns the API versions a release serves, oldest first: its own
// and up to two older ones.
func ReleaseVersions(release string) ([]string, error) {
	m := releasePattern.FindStringSubmatch(release)
	if m == nil {
		return nil, fmt.Errorf("release %q is not a major.minor release such as 6.3 or 7.0", release)
	}
	major, _ := strconv.Atoi(m[1])
	minor, _ := strconv.Atoi(m[2])
	var newest int
	switch {
	case major < 6 || (major == 6 && minor < 3):
		return nil, fmt.Errorf("release %q predates the FDM HA API this mock imitates (6.3 and later)", release)
	case major == 6 && minor <= 6:
		newest = minor - 1 // 6.3 -> v2 ... 6.6 -> v5
	default:
		newest = 6
	}
	var out []string
	for v := max(1, newest-2); v <= newest; v++ {
		out = append(out, "v"+strconv.Itoa(v))
	}
	return out, nil
}

// releaseIs63 reports a 6.3 release (6.3, 6.3.0.1, ...).
func releaseIs63(release string) bool {
	m := releasePattern.FindStringSubmatch(release)
	return m != nil && m[1] == "6" && m[2] == "3"
}

// apiNumber is N of "vN", 0 for anything else.
func apiNumber(version string) int {
	if len(version) < 2 || version[0] != 'v' {
		return 0
	}
	n, err := strconv.Atoi(version[1:])
	if err != nil {
		return 0
	}
	return n
}

// legacyBreak reports whether a break sent under the API version takes the clearIntfs
// query (documented up to 6.3) rather than the interfaceOption body (6.6 and later,
// API v5 on): versions below v5 take the query.
func (p *Pair) legacyBreak(version string) bool {
	if version == "latest" {
		version = p.versions[len(p.versions)-1]
	}
	return apiNumber(version) < 5
}
