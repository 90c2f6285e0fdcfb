// Package transport is the one HTTP stack every vendor client uses: TLS, retries,
// shared sessions, masked logging and vendor errors.
package transport

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Retry bounds the retries of one request.
type Retry struct {
	// Attempts is the total number of tries, the first included.
	Attempts   int
	MinBackoff time.Duration
	MaxBackoff time.Duration
}

// DefaultRetry is the policy used when the provider configuration sets none.
func DefaultRetry() Retry {
	return Retry{Attempts: 5, MinBackoff: time.Second, MaxBackoff: 30 * time.Second}
}

// DefaultTimeout bounds one request attempt unless the caller's context is shorter.
const DefaultTimeout = 60 * time.Second

// ErrorDecoder extracts the vendor's error code and messages from an error answer. It
// returns them whole: the client masks known secrets in them, then shortens each message.
type ErrorDecoder func(status int, header http.Header, body []byte) (code string, messages []string)

// Config describes one vendor endpoint.
type Config struct {
	// Vendor names the logging subsystem and the NETOPS_<VENDOR>_* settings ("sbc").
	Vendor string
	// Product is how messages name the appliance ("SBC"); Vendor when empty.
	Product string
	// BaseURL is https://host[:port], without a trailing slash.
	BaseURL   string
	Insecure  bool
	CACertPEM string
	Timeout   time.Duration
	Retry     Retry
	UserAgent string
	// Header is sent with every request (Accept, Content-Type defaults).
	Header      http.Header
	DecodeError ErrorDecoder
	Auth        Authenticator
	// StrictPOST keeps a POST from being repeated on 503, for appliances that do not
	// deduplicate creates and may answer 503 after processing one.
	StrictPOST bool
	// Secrets are masked wherever they could be logged (passwords).
	Secrets []string
	// NotFound tells whether an error answer means the object does not exist
	// (IsNotFound); nil takes every 404.
	NotFound func(status int, code string) bool
	// MaxInFlight bounds the requests sent to this endpoint at once, however many
	// resources share the client; 0 leaves them unbounded.
	MaxInFlight int
}

func (c Config) withDefaults() Config {
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.Retry.Attempts <= 0 {
		c.Retry.Attempts = 1
	}
	if c.Retry.MinBackoff <= 0 {
		c.Retry.MinBackoff = DefaultRetry().MinBackoff
	}
	if c.Retry.MaxBackoff < c.Retry.MinBackoff {
		c.Retry.MaxBackoff = c.Retry.MinBackoff
	}
	if c.UserAgent == "" {
		c.UserAgent = "terraform-provider-netops"
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.Product == "" {
		c.Product = c.Vendor
	}
	return c
}

// envPrefix is the NETOPS_<VENDOR>_ prefix of this vendor's environment variables.
func (c Config) envPrefix() string {
	return "NETOPS_" + strings.ToUpper(c.Vendor) + "_"
}

func (c Config) tlsConfig() (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if c.Insecure {
		cfg.InsecureSkipVerify = true //nolint:gosec // opt-in by the user, logged as a warning
		return cfg, nil
	}
	if strings.TrimSpace(c.CACertPEM) == "" {
		return cfg, nil
	}
	// The CA the user named is the only one trusted for this endpoint (as curl --cacert):
	// adding it to the system roots would also trust any public CA for the appliance.
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM([]byte(c.CACertPEM)) {
		return nil, fmt.Errorf("%s: ca_cert_pem holds no PEM certificate", c.Vendor)
	}
	cfg.RootCAs = pool
	return cfg, nil
}

// untrustedCertificate wraps a TLS verification failure with what the user can do.
func (c Config) untrustedCertificate(err error) error {
	var unknown x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var host x509.HostnameError
	var verify *tls.CertificateVerificationError
	if !errors.As(err, &unknown) && !errors.As(err, &invalid) && !errors.As(err, &host) && !errors.As(err, &verify) {
		return nil
	}
	return fmt.Errorf("the TLS certificate of %s is not trusted (%w). Set ca_cert_pem (or %sCA_CERT_PEM) to the PEM of the CA that issued it, "+
		"or, only for a lab appliance, insecure = true (or %sINSECURE=true) to skip verification",
		c.BaseURL, err, c.envPrefix(), c.envPrefix())
}
