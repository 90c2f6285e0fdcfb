package ftd_test

import (
	"net/http"
	"testing"

	"github.com/netops/terraform-provider-netops/internal/ftd"
	"github.com/netops/terraform-provider-netops/internal/mock/ftdmock"
)

func TestPutHAConfiguration_storesAndRefusesStaleVersion(t *testing.T) {
	f := newUnitPair(t, ftdmock.Options{})
	c := f.client(t, ftdmock.Primary)
	read, err := c.HAConfiguration(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	stale := *read
	haConfig(t, c, read, ftd.RolePrimary)
	put, err := c.PutHAConfiguration(t.Context(), read)
	if err != nil {
		t.Fatal(err)
	}
	if put.Version == "" || put.Version == stale.Version || put.SharedKey != "*********" || put.NodeRole != ftd.RolePrimary {
		t.Errorf("answer %+v", put)
	}
	held := f.pair.HAConfiguration(ftdmock.Primary)
	gi07, _ := f.pair.InterfaceByHardwareName(ftdmock.Primary, "GigabitEthernet0/7")
	if held.Version != put.Version || held.NodeRole != ftdmock.RolePrimary || held.SharedKey != "s3cret-key" ||
		held.FailoverInterface == nil || held.FailoverInterface.ID != gi07.ID || held.FailoverInterface.Type != "physicalinterface" ||
		held.PrimaryFailoverIPv4 == nil || held.PrimaryFailoverIPv4.IPAddress != "192.168.77.1" {
		t.Errorf("mock holds %+v", held)
	}

	// The version read before the first PUT is stale now.
	haConfig(t, c, &stale, ftd.RoleSecondary)
	_, err = c.PutHAConfiguration(t.Context(), &stale)
	_ = vendorError(t, err, http.StatusUnprocessableEntity, "Validation", "Version mismatch: the object was changed since it was read")
	if now := f.pair.HAConfiguration(ftdmock.Primary); now.Version != put.Version || now.NodeRole != ftdmock.RolePrimary {
		t.Errorf("stale PUT changed the configuration: %+v", now)
	}
	if n := f.srv[0].CountCalls("PUT", apiPath("/devices/default/ha/configurations/"+stale.ID)); n != 2 {
		t.Errorf("%d PUTs, want 2 (a 422 is not retried)", n)
	}
}
