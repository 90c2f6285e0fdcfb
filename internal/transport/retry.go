package transport

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"
)

// shouldRetry decides whether attempt may be repeated and after how long.
//
// Idempotent methods retry on any connection failure and on 429, 502, 503 and 504.
// POST retries only when the request provably did not reach the application: the
// connection was never made, or the answer was 429 or 503 (429 only with StrictPOST). A POST that timed out or
// got a 500, 502 or 504 may have been carried out, so it is never repeated.
func (c *Client) shouldRetry(method string, resp *Response, err error, attempt int) (bool, time.Duration) {
	if attempt >= c.cfg.Retry.Attempts {
		return false, 0
	}
	backoff := c.backoff(attempt)
	if err != nil {
		if c.cfg.untrustedCertificate(err) != nil {
			return false, 0
		}
		if NotSent(err) {
			return true, backoff
		}
		var te *TimeoutError
		if errors.As(err, &te) {
			return idempotent(method), backoff
		}
		return idempotent(method) && !errors.Is(err, context.Canceled), backoff
	}
	switch resp.Status {
	case http.StatusTooManyRequests:
		return true, c.retryAfter(resp.Header, backoff)
	case http.StatusServiceUnavailable:
		return idempotent(method) || !c.cfg.StrictPOST, c.retryAfter(resp.Header, backoff)
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return idempotent(method), c.retryAfter(resp.Header, backoff)
	}
	return false, 0
}

func idempotent(method string) bool {
	return method != http.MethodPost && method != http.MethodPatch
}

// NotSent reports a failure to open the connection: nothing reached the server.
func NotSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns) || errors.Is(err, syscall.ECONNREFUSED)
}

// backoff is capped exponential backoff with jitter: between half and all of min*2^(n-1).
func (c *Client) backoff(attempt int) time.Duration {
	d := c.cfg.Retry.MinBackoff
	for i := 1; i < attempt && d < c.cfg.Retry.MaxBackoff; i++ {
		d *= 2
	}
	if d > c.cfg.Retry.MaxBackoff {
		d = c.cfg.Retry.MaxBackoff
	}
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(half)+1)) //nolint:gosec // jitter, not a secret
}

// retryAfter honours the server's Retry-After (seconds or an HTTP date), capped by MaxBackoff.
func (c *Client) retryAfter(h http.Header, fallback time.Duration) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return fallback
	}
	var d time.Duration
	if secs, err := strconv.Atoi(v); err == nil {
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = time.Until(t)
	} else {
		return fallback
	}
	if d < 0 {
		d = 0
	}
	if d > c.cfg.Retry.MaxBackoff {
		d = c.cfg.Retry.MaxBackoff
	}
	return d
}
