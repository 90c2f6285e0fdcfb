package sbcmock

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
)

// Releases the mock knows how to imitate (sbc.md section 3): S-Cz8.3 documents REST
// API v1.1 and serves v1.0 and v1.1; 8.4 and later document v1.2 and keep the older
// versions.
const (
	Release83  = "8.3"
	Release84  = "8.4"
	Release93  = "9.3"
	Release100 = "10.0"
	// DefaultRelease is the release both units run unless told otherwise.
	DefaultRelease = Release100
)

var releasePattern = regexp.MustCompile(`^(\d+)\.(\d+)`)

// ReleaseVersions returns the REST API versions a release serves, oldest first.
func ReleaseVersions(release string) ([]string, error) {
	m := releasePattern.FindStringSubmatch(release)
	if m == nil {
		return nil, fmt.Errorf("release %q is not a major.minor release such as 8.3 or 10.0", release)
	}
	major, _ := strconv.Atoi(m[1])
	minor, _ := strconv.Atoi(m[2])
	switch {
	case major < 8 || (major == 8 && minor < 3):
		return nil, fmt.Errorf("release %q predates the versions this mock imitates (8.3 and later)", release)
	case major == 8 && minor == 3:
		return []string{"v1.0", "v1.1"}, nil
	default:
		return []string{"v1.0", "v1.1", "v1.2"}, nil
	}
}

// SetRelease makes unit u run release (e.g. "8.3"): it then serves that release's
// REST API versions and lists them in /rest/api/supportedversions.
func (p *Pair) SetRelease(u Unit, release string) error {
	versions, err := ReleaseVersions(release)
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.units[u].release = release
	p.units[u].versions = versions
	return nil
}

// Release returns the release unit u runs.
func (p *Pair) Release(u Unit) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.units[u].release
}

// Versions returns the REST API versions unit u serves, oldest first.
func (p *Pair) Versions(u Unit) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.units[u].versions)
}

func (p *Pair) supports(u Unit, version string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Contains(p.units[u].versions, version)
}
