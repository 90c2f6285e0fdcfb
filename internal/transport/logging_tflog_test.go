package transport

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// tflog's own masking stands behind the transport's: a field logged without going
// through mask is still masked, by its name or by a known secret in its value.
func TestLoggingTflogMasksSubsystemFields(t *testing.T) {
	c, err := New(Config{Vendor: "ftd", BaseURL: "https://127.0.0.1:1", Secrets: []string{"Zeta-Secret-99", "k9"}})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	ctx := c.logContext(tflogtest.RootLogger(t.Context(), &logs))
	c.AddSecrets("Later-Token-42")
	c.debug(ctx, "answer quoted Zeta-Secret-99", map[string]any{
		"password": "plain-pw-value",
		"detail":   "holds Zeta-Secret-99, Later-Token-42 and k9 inside",
		"path":     "/items",
	})
	out := logs.String()
	for _, secret := range []string{"plain-pw-value", "Zeta-Secret-99", "Later-Token-42", " k9 "} {
		if strings.Contains(out, secret) {
			t.Errorf("log holds %q:\n%s", secret, out)
		}
	}
	if !strings.Contains(out, `"path":"/items"`) || !strings.Contains(out, `"@module":"provider.ftd"`) {
		t.Errorf("log lacks the line itself:\n%s", out)
	}
}
