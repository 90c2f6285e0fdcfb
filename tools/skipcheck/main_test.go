package main

import (
	"bytes"
	"strings"
	"testing"
)

const events = `{"Action":"run","Package":"p","Test":"TestA"}
{"Action":"output","Package":"p","Test":"TestA","Output":"=== RUN   TestA\n"}
{"Action":"pass","Package":"p","Test":"TestA","Elapsed":1}
{"Action":"output","Package":"p","Test":"TestGated","Output":"    x_test.go:9: CLI gate: Terraform 1.5.7 lacks actions (Terraform 1.14 or newer has it)\n"}
{"Action":"skip","Package":"p","Test":"TestGated","Elapsed":0}
`

func TestReport_gatedSkipsPass(t *testing.T) {
	r, err := read(strings.NewReader(events))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if code := report(&out, r, "Terraform 1.5.7", 1); code != 0 {
		t.Fatalf("exit %d for a gated skip:\n%s", code, &out)
	}
	if !strings.Contains(out.String(), "Terraform-1.5.7: 1 passed, 0 failed, 1 skipped\n") {
		t.Fatalf("report:\n%s", &out)
	}
}

func TestReport_otherSkipFails(t *testing.T) {
	other := events + `{"Action":"output","Package":"p","Test":"TestB","Output":"    x_test.go:3: bash not found\n"}
{"Action":"skip","Package":"p","Test":"TestB","Elapsed":0}
`
	r, err := read(strings.NewReader(other))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if code := report(&out, r, "", 1); code == 0 || !strings.Contains(out.String(), "NOT A CLI GATE: p.TestB: x_test.go:3: bash not found") {
		t.Fatalf("exit %d, report:\n%s", code, &out)
	}
}

func TestReport_nothingPassedFails(t *testing.T) {
	r, err := read(strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if code := report(&out, r, "", 1); code == 0 {
		t.Fatalf("exit 0 with no test run:\n%s", &out)
	}
}
