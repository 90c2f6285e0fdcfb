package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestWriteEnvIsSourceable(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not found")
	}
	pem := "-----BEGIN CERTIFICATE-----\nMIIB'x\n-----END CERTIFICATE-----\n"
	path := filepath.Join(t.TempDir(), "env")
	vars := []envVar{
		{"NETOPS_SBC_HOST", "127.0.0.1:18443"},
		{"NETOPS_SBC_PASSWORD", "Sbc#Admin $x"},
		{"NETOPS_SBC_CA_CERT_PEM", pem},
	}
	if err := writeEnv(path, vars); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil || len(entries) != 1 {
		t.Fatalf("directory holds %v (%v), want only env", entries, err)
	}
	for _, v := range vars {
		out, err := exec.CommandContext(t.Context(), bash, "-c", `source "$1" && printf %s "${!2}"`, "sh", path, v.name).Output()
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != v.value {
			t.Errorf("%s = %q, want %q", v.name, out, v.value)
		}
	}
}
