package transport_test

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// A 404 from the login says nothing about the object asked for: the error the request
// returns must not pass for "gone", whether the first login or a renewal fails.
func TestLoginNotFoundIsNeverObjectNotFound(t *testing.T) {
	for _, tc := range []struct {
		name     string
		firstOK  bool
		loginErr int
	}{
		{"first login answers 404", false, http.StatusNotFound},
		{"renewal login answers 404", true, http.StatusNotFound},
		{"renewal login answers 410", true, http.StatusGone},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logins, items int
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int64) {
				switch r.URL.Path {
				case "/login":
					logins++
					if logins == 1 && tc.firstOK {
						w.Header().Set("Content-Type", "application/json")
						_, _ = w.Write([]byte(`{"access_token":"t1"}`))
						return
					}
					w.WriteHeader(tc.loginErr)
				case "/items":
					items++
					if r.Header.Get("Authorization") == "Bearer t1" && items == 1 {
						ok(w, r, 0)
						return
					}
					w.WriteHeader(http.StatusUnauthorized)
				}
			})
			notFound := func(status int, _ string) bool { return status == http.StatusNotFound || status == http.StatusGone }
			c := newClient(t, srv, transport.Config{Auth: &bearerAuth{}, NotFound: notFound})
			if tc.firstOK {
				if _, err := c.Do(t.Context(), transport.Request{Method: http.MethodGet, Path: "/items"}); err != nil {
					t.Fatalf("first call: %v", err)
				}
			}
			// The next call meets a 401 (the token has expired), logs in again, and the
			// login fails.
			_, err := c.Do(t.Context(), transport.Request{Method: http.MethodGet, Path: "/items"})
			if err == nil {
				t.Fatal("the call succeeded without a session")
			}
			if transport.IsNotFound(err) {
				t.Errorf("IsNotFound(%v) = true for a failed login", err)
			}
			if !transport.IsSetupFailure(err) || transport.StatusOf(err) != tc.loginErr {
				t.Errorf("error %v: IsSetupFailure %v, status %d; want a setup failure carrying %d", err, transport.IsSetupFailure(err), transport.StatusOf(err), tc.loginErr)
			}
			// The same call's own 404 is a definitive "gone".
			if err := fmt.Errorf("reading: %w", &transport.Error{Status: http.StatusNotFound}); transport.IsNotFound(err) {
				t.Errorf("a bare *Error built outside a client carries no not-found mark, yet IsNotFound(%v) = true", err)
			}
		})
	}
}

func TestRequestNotFoundIsObjectNotFound(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int64) {
		if r.URL.Path == "/login" {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"access_token":"t1"}`))
			return
		}
		http.NotFound(w, r)
	})
	c := newClient(t, srv, transport.Config{Auth: &bearerAuth{}})
	_, err := c.Do(t.Context(), transport.Request{Method: http.MethodGet, Path: "/items/7"})
	if !transport.IsNotFound(err) || transport.IsSetupFailure(err) {
		t.Fatalf("IsNotFound(%v) = %v, IsSetupFailure %v; want a definitive not-found", err, transport.IsNotFound(err), transport.IsSetupFailure(err))
	}
	wrapped := fmt.Errorf("reading item 7: %w", err)
	if !transport.IsNotFound(wrapped) {
		t.Errorf("IsNotFound(%v) = false once wrapped", wrapped)
	}
}

// Whatever a negotiation step wraps, it is never "gone"; neither is a joined error whose
// one not-found part came from a login.
func TestNegotiationErrorIsNeverObjectNotFound(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int64) { http.NotFound(w, r) })
	c := newClient(t, srv, transport.Config{})
	_, lookup := c.Do(t.Context(), transport.Request{Method: http.MethodGet, Path: "/api/versions"})
	if !transport.IsNotFound(lookup) {
		t.Fatalf("the lookup's own 404 %v is not a not-found", lookup)
	}
	for _, err := range []error{
		&transport.NegotiationError{Err: lookup},
		fmt.Errorf("calling: %w", &transport.NegotiationError{Err: lookup}),
		errors.Join(errors.New("other"), &transport.SessionError{Err: lookup}),
	} {
		if transport.IsNotFound(err) {
			t.Errorf("IsNotFound(%v) = true", err)
		}
		if !transport.IsSetupFailure(err) {
			t.Errorf("IsSetupFailure(%v) = false", err)
		}
	}
}
