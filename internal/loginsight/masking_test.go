package loginsight_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/netops/terraform-provider-netops/internal/loginsight"
	"github.com/netops/terraform-provider-netops/internal/mock"
)

// The admin password of a bootstrap is masked in the TRACE log of the request, and in a
// refusal that quotes it (error and log); so is it when the admin logs in afterwards.
func TestBootstrapPasswordIsMasked(t *testing.T) {
	f := newLICluster(t)
	node := f.nodes[0]
	const password = "Li#Bootstrap-Secret-4471"
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &logs)
	node.Inject(mock.Fault{Method: http.MethodPost, Path: newPath, Times: 1, Status: http.StatusBadRequest, ContentType: "application/json",
		Body: `{"errorMessage":"Invalid request body.","errorCode":"JSON_FORMAT_ERROR","errorDetails":{"reason":"password ` + password + ` is too weak"}}`})
	c := f.nodeClient(t, node)
	err := c.Bootstrap(ctx, loginsight.AdminUser{UserName: "ops", Password: password})
	if err == nil || !strings.Contains(err.Error(), "is too weak") || strings.Contains(err.Error(), password) {
		t.Fatalf("err = %v", err)
	}
	if err := c.Bootstrap(ctx, loginsight.AdminUser{UserName: "ops", Password: password}); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitUntilStarted(ctx, nil); err != nil {
		t.Fatal(err)
	}
	cfg := f.config(node)
	cfg.Username, cfg.Password = "ops", password
	if err := newClient(t, cfg).CurrentSession(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "deployment/new") || !strings.Contains(logs.String(), "/sessions") {
		t.Fatalf("the log does not show the requests: %s", logs.String())
	}
	if strings.Contains(logs.String(), password) {
		t.Error("the log holds the admin password")
	}
}
