package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func fakeEnv(vars map[string]string) lookup {
	return func(k string) (string, bool) {
		v, ok := vars[k]
		return v, ok
	}
}

func TestClients_environment(t *testing.T) {
	var diags diag.Diagnostics
	c := newClients(context.Background(), "1.2.3", providerModel{}, fakeEnv(map[string]string{
		"NETOPS_SBC_HOST":            "sbc-a.example.net:8443",
		"NETOPS_SBC_PEER_HOST":       "https://sbc-b.example.net",
		"NETOPS_SBC_USERNAME":        "admin",
		"NETOPS_SBC_PASSWORD":        "s3cret!",
		"NETOPS_SBC_INSECURE":        "true",
		"NETOPS_SBC_API_VERSION":     "v1.1",
		"NETOPS_LOGINSIGHT_HOST":     "li.example.net",
		"NETOPS_LOGINSIGHT_USERNAME": "admin",
		"NETOPS_LOGINSIGHT_PASSWORD": "pw",
		"NETOPS_REQUEST_TIMEOUT":     "15s",
		"NETOPS_RETRY_ATTEMPTS":      "3",
	}), &diags)
	if diags.HasError() {
		t.Fatalf("diagnostics: %v", diags)
	}
	sbc := c.sbc
	if sbc == nil {
		t.Fatal("sbc not configured from the environment")
	}
	if sbc.baseURL != "https://sbc-a.example.net:8443" || sbc.peerHost != "https://sbc-b.example.net" ||
		sbc.username != "admin" || sbc.password != "s3cret!" || !sbc.insecure || sbc.apiVersion != "v1.1" {
		t.Errorf("sbc endpoint = %+v", sbc)
	}
	if li := c.loginsight; li == nil || li.baseURL != "https://li.example.net:9543" {
		t.Errorf("loginsight endpoint = %+v, want the default port 9543", li)
	}
	if c.ftd != nil || c.fireflow != nil {
		t.Error("vendors without block or env vars must stay unconfigured")
	}
	if c.timeout != 15*time.Second || c.retry.Attempts != 3 {
		t.Errorf("timeout %v attempts %d", c.timeout, c.retry.Attempts)
	}
	if c.userAgent != "terraform-provider-netops/1.2.3" {
		t.Errorf("user agent %q", c.userAgent)
	}
	if c.ftdClients.len()+c.loginsightMasters.len()+c.loginsightNodes.len()+c.fireflowClients.len()+c.sbcClients.len() != 0 {
		t.Error("Configure must not build clients")
	}
}

func TestClients_configWinsOverEnvironment(t *testing.T) {
	var diags diag.Diagnostics
	cfg := providerModel{SBC: &sbcModel{
		endpointModel: endpointModel{
			Host: types.StringValue("sbc-c"), Username: types.StringValue("ops"), Password: types.StringNull(),
			Insecure: types.BoolValue(false), CACertPEM: types.StringNull(),
		},
		APIVersion: types.StringNull(), PeerHost: types.StringNull(),
	}}
	c := newClients(context.Background(), "t", cfg, fakeEnv(map[string]string{
		"NETOPS_SBC_HOST": "sbc-a", "NETOPS_SBC_USERNAME": "admin", "NETOPS_SBC_PASSWORD": "from-env", "NETOPS_SBC_INSECURE": "true",
	}), &diags)
	if diags.HasError() {
		t.Fatalf("diagnostics: %v", diags)
	}
	ep := c.sbc
	if ep.baseURL != "https://sbc-c" || ep.username != "ops" || ep.password != "from-env" || ep.insecure {
		t.Errorf("endpoint = %+v", ep)
	}
}

func TestClients_invalidEnvironment(t *testing.T) {
	for name, tc := range map[string]struct {
		env  map[string]string
		want string
	}{
		"http host":   {map[string]string{"NETOPS_SBC_HOST": "http://sbc-a"}, "uses plain http"},
		"bad bool":    {map[string]string{"NETOPS_SBC_INSECURE": "maybe"}, `NETOPS_SBC_INSECURE="maybe" is not true or false`},
		"bad version": {map[string]string{"NETOPS_SBC_API_VERSION": "v3"}, `SBC api_version "v3" is not one of auto, v1.0, v1.1, v1.2`},
		"bad timeout": {map[string]string{"NETOPS_REQUEST_TIMEOUT": "-1s"}, `"-1s" is not a positive duration`},
		"no password": {map[string]string{"NETOPS_SBC_PASSWORD": ""}, "NETOPS_SBC_PASSWORD environment variable"},
		"bad ftd version": {map[string]string{"NETOPS_FTD_HOST": "ftd-a", "NETOPS_FTD_USERNAME": "admin", "NETOPS_FTD_PASSWORD": "pw", "NETOPS_FTD_API_VERSION": "../v6"},
			`FTD api_version "../v6" must be latest or a version such as v6 (from the configuration or NETOPS_FTD_API_VERSION)`},
	} {
		t.Run(name, func(t *testing.T) {
			env := map[string]string{"NETOPS_SBC_HOST": "sbc-a", "NETOPS_SBC_USERNAME": "admin", "NETOPS_SBC_PASSWORD": "pw"}
			for k, v := range tc.env {
				env[k] = v
			}
			var diags diag.Diagnostics
			newClients(context.Background(), "t", providerModel{}, fakeEnv(env), &diags)
			if !diags.HasError() {
				t.Fatal("no error")
			}
			var all []string
			for _, d := range diags {
				all = append(all, d.Detail())
			}
			if got := strings.Join(all, "\n"); !strings.Contains(got, tc.want) {
				t.Errorf("diagnostics %q do not mention %q", got, tc.want)
			}
		})
	}
}
