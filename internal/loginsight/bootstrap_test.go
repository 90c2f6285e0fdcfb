package loginsight_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/loginsight"
	"github.com/netops/terraform-provider-netops/internal/mock"
	"github.com/netops/terraform-provider-netops/internal/mock/loginsightmock"
)

const newPath = "/api/v2/deployment/new"

// A new node becomes a master: one POST with userName, then waitUntilStarted, then its
// admin logs in and sets the time source.
func TestBootstrap_newCluster(t *testing.T) {
	f := newLICluster(t)
	node := f.nodes[0]
	admin := loginsight.AdminUser{UserName: "ops", Password: "Ops#Boot-3391", Email: "ops@example.net"}
	c := f.nodeClient(t, node)
	if err := c.Bootstrap(t.Context(), admin); err != nil {
		t.Fatal(err)
	}
	calls := node.Calls()
	if len(calls) != 1 || calls[0].Method != http.MethodPost || calls[0].Path != newPath {
		t.Fatalf("calls %+v", calls)
	}
	var sent map[string]map[string]string
	if err := json.Unmarshal([]byte(calls[0].Body), &sent); err != nil {
		t.Fatal(err)
	}
	if u := sent["user"]; u["userName"] != "ops" || u["password"] != admin.Password || u["email"] != "ops@example.net" || len(u) != 3 {
		t.Fatalf("body %s", calls[0].Body)
	}
	if err := c.WaitUntilStarted(t.Context(), nil); err != nil {
		t.Fatal(err)
	}

	cfg := f.config(node)
	cfg.Username, cfg.Password, cfg.CredentialsCheck = admin.UserName, admin.Password, "admin_username and admin_password_wo"
	adminClient := newClient(t, cfg)
	if err := adminClient.CurrentSession(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := adminClient.SetTimeConfig(t.Context(), loginsight.TimeConfig{TimeReference: loginsight.TimeNTPServer, NTPServers: []string{"10.0.0.5"}}); err != nil {
		t.Fatal(err)
	}
	n, _ := f.cluster.Node(node.Host())
	if !n.Master || n.State != loginsightmock.StateRunning || n.TimeReference != "NTP_SERVER" || len(n.NTPServers) != 1 {
		t.Fatalf("node %+v", n)
	}

	// The mock refuses an empty server list with a 500, as the PUT documents no 400; the
	// refusal comes back in the vendor's words.
	err := adminClient.SetTimeConfig(t.Context(), loginsight.TimeConfig{TimeReference: loginsight.TimeNTPServer})
	_ = refusal(t, err, http.StatusInternalServerError, "internal error", "ntpServers must name at least one server")
	if !c.Bootstrapped() || f.nodeClient(t, f.nodes[1]).Bootstrapped() {
		t.Fatal("the client does not know which node took the bootstrap")
	}
}

// deployment/new and waitUntilStarted answer an empty body (the spec) or {} (pyloginsight's
// mock): both are success.
func TestBootstrap_emptyOrObjectAnswer(t *testing.T) {
	for _, object := range []bool{false, true} {
		f := newLIClusterWith(t, loginsightmock.Options{StartDelay: 50 * time.Millisecond, EmptyObjectAnswers: object})
		c := f.nodeClient(t, f.nodes[0])
		if err := c.Bootstrap(t.Context(), loginsight.AdminUser{UserName: "ops", Password: "Ops#Boot-3391"}); err != nil {
			t.Fatalf("{} %v: %v", object, err)
		}
		if err := c.WaitUntilStarted(t.Context(), nil); err != nil {
			t.Fatalf("{} %v: %v", object, err)
		}
		// The mock's own tests show each shape on the wire (TestEmptyObjectAnswers).
		for _, call := range f.nodes[0].Calls() {
			if call.Status != http.StatusOK {
				t.Fatalf("{} %v: %s %s answered %d", object, call.Method, call.Path, call.Status)
			}
		}
	}
}

func TestBootstrap_refusals(t *testing.T) {
	f := newLICluster(t)
	admin := loginsight.AdminUser{UserName: "ops", Password: "Ops#Boot-3391"}
	err := f.nodeClient(t, f.master).Bootstrap(t.Context(), admin)
	if !loginsight.AlreadyBootstrapped(err) {
		t.Fatalf("err = %v", err)
	}
	_ = refusal(t, err, http.StatusConflict, "This call isn't allowed after the Operations for Logs server is bootstrapped")
	if strings.Contains(err.Error(), admin.Password) {
		t.Fatal("the password is in the error")
	}
	if n := f.master.CountCalls(http.MethodPost, newPath); n != 1 {
		t.Fatalf("%d POSTs (a 409 is not retried)", n)
	}

	// A 500 to the POST is not retried either: the node may have taken it.
	f.nodes[0].Inject(mock.Fault{Method: http.MethodPost, Path: newPath, Times: 1, Status: http.StatusInternalServerError, ContentType: "application/json", Body: `{"errorMessage":"The operation failed due to an internal error."}`})
	err = f.nodeClient(t, f.nodes[0]).Bootstrap(t.Context(), admin)
	_ = refusal(t, err, http.StatusInternalServerError)
	if n := f.nodes[0].CountCalls(http.MethodPost, newPath); n != 1 {
		t.Fatalf("%d POSTs after a 500", n)
	}

	// Wrong credentials against the master: ErrCredentialsRefused, naming the settings.
	cfg := f.config(f.master)
	cfg.Username, cfg.Password, cfg.CredentialsCheck = loginsightmock.AdminUser, "wrong-Pass-1", "admin_username and admin_password_wo"
	err = newClient(t, cfg).CurrentSession(t.Context())
	if !errors.Is(err, loginsight.ErrCredentialsRefused) || !strings.Contains(err.Error(), "check admin_username and admin_password_wo") || strings.Contains(err.Error(), "wrong-Pass-1") {
		t.Fatalf("err = %v", err)
	}
	// Before bootstrap, a login is refused with 503.
	cfg = f.config(f.nodes[1])
	cfg.Username, cfg.Password = "ops", admin.Password
	if err := newClient(t, cfg).CurrentSession(t.Context()); !errors.Is(err, loginsight.ErrNotBootstrapped) {
		t.Fatalf("err = %v", err)
	}
}
