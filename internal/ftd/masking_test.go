package ftd_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

// The HA shared key is a secret once a configuration carries it: an FDM error quoting
// it reaches neither the error nor the log.
func TestSharedKeyIsMasked(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	c := f.client(t, ftdmock.Primary)
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &logs)
	cfg, err := c.HAConfiguration(ctx)
	if err != nil {
		t.Fatal(err)
	}
	haConfig(t, c, cfg, "HA_PRIMARY")
	const key = "Ftd#Shared-Key-6631"
	cfg.SharedKey = key
	f.srv[0].Inject(mock.Fault{Method: http.MethodPut, Path: apiPath("/devices/default/ha/configurations/*"), Times: 1,
		Status: http.StatusUnprocessableEntity, ContentType: "application/json",
		Body: `{"error":{"severity":"ERROR","key":"Validation","messages":[{"description":"The shared key ` + key + ` is too weak","code":"weakKey","location":"ipsecKey"}]}}`})

	_, err = c.PutHAConfiguration(ctx, cfg)
	if err == nil || !strings.Contains(err.Error(), "too weak") {
		t.Fatalf("err = %v, want the 422", err)
	}
	if strings.Contains(err.Error(), key) {
		t.Errorf("the error holds the shared key: %v", err)
	}
	if strings.Contains(logs.String(), key) {
		t.Error("the log holds the shared key")
	}
}
