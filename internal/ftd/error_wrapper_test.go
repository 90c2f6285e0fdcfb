package ftd_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
	"github.com/netops/terraform-provider-netops/internal/transport"
)

// FDM's ErrorWrapper becomes an error that lists each description with its code.
func TestErrorWrapper_joinWithoutHAConfiguration(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	_, err := f.client(t, ftdmock.Primary).Join(t.Context(), "")
	_ = vendorError(t, err, http.StatusUnprocessableEntity, "General", "(code haNotConfigured)")
	for _, want := range []string{"422", "High availability is not configured on this device", "haNotConfigured"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
	if transport.IsNotFound(err) {
		t.Error("a 422 reported as not found")
	}
	if n := f.srv[0].CountCalls("POST", apiPath(joinPath)); n != 1 || len(f.pair.Jobs(ftdmock.Primary, ftdmock.OpJoin)) != 0 {
		t.Errorf("%d join POSTs, jobs %+v", n, f.pair.Jobs(ftdmock.Primary, ftdmock.OpJoin))
	}
}

func TestErrorWrapper_standbyRefuses(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	if err := f.pair.FormPair(); err != nil {
		t.Fatal(err)
	}
	standby := f.client(t, ftdmock.Secondary)
	_, err := standby.Join(t.Context(), "")
	_ = vendorError(t, err, http.StatusUnprocessableEntity, "General",
		"This API call is not allowed on the standby unit in an HA pair. (code notAllowedOnStandby)")

	cfg, err := standby.HAConfiguration(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	_, err = standby.PutHAConfiguration(t.Context(), cfg)
	_ = vendorError(t, err, http.StatusUnprocessableEntity, "General", "(code notAllowedOnStandby)")
	if jobs := f.pair.Jobs(ftdmock.Secondary, ftdmock.OpJoin); len(jobs) != 1 { // FormPair's own
		t.Errorf("jobs %+v", jobs)
	}
	if got := f.pair.HAConfiguration(ftdmock.Secondary).Version; got != cfg.Version {
		t.Errorf("configuration changed: version %s, was %s", got, cfg.Version)
	}
}

// A Validation answer lists every message with its code and location.
func TestErrorWrapper_validationListsEveryMessage(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	c := f.client(t, ftdmock.Primary)
	cfg, err := c.HAConfiguration(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.PutHAConfiguration(t.Context(), cfg) // id and version only
	te := vendorError(t, err, http.StatusUnprocessableEntity, "Validation", "name is required (code requiredField) at name")
	for _, want := range []string{"nodeRole is required", "at failoverInterface", "at failoverName"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
	if len(te.Messages) < 4 {
		t.Errorf("messages %q", te.Messages)
	}
}
