// Command skipcheck reads the go test -json output of a test run (gotestsum --jsonfile)
// and fails unless every skipped test skipped through a CLI gate: a test of a feature the
// Terraform or OpenTofu under test lacks, whose message starts with "CLI gate: " and names
// the release that has it. It prints each skip, then "N passed, N failed, N skipped".
//
//	go run ./tools/skipcheck [-label "Terraform 1.5.7"] [-min-passed N] FILE
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
)

// gate is the skip message of a CLI gate (internal/provider/cli_test.go): it names a
// Terraform or OpenTofu release.
var gate = regexp.MustCompile(`CLI gate: .*(Terraform|OpenTofu) [0-9]+\.[0-9]+`)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

type result struct {
	passed, failed int
	skips          map[string]string // test -> reason ("" when it gave none)
}

func main() {
	label := flag.String("label", "", "the CLI the run used, for the report")
	minPassed := flag.Int("min-passed", 1, "fail when fewer tests passed")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: skipcheck [-label L] [-min-passed N] FILE")
		os.Exit(2)
	}
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer func() { _ = f.Close() }()
	r, err := read(f)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Exit(report(os.Stdout, r, *label, *minPassed))
}

func read(in io.Reader) (result, error) {
	r := result{skips: map[string]string{}}
	output := map[string][]string{}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) != nil || e.Test == "" {
			continue
		}
		key := e.Package + "." + e.Test
		switch e.Action {
		case "output":
			output[key] = append(output[key], e.Output)
		case "pass":
			r.passed++
		case "fail":
			r.failed++
		case "skip":
			r.skips[key] = reason(output[key])
		}
	}
	return r, sc.Err()
}

// reason is the skip message among a test's output lines.
func reason(lines []string) string {
	for _, l := range lines {
		if gate.MatchString(l) {
			return strings.TrimSpace(l)
		}
	}
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "===") && !strings.HasPrefix(t, "---") {
			return t
		}
	}
	return ""
}

func report(w io.Writer, r result, label string, minPassed int) int {
	tests := make([]string, 0, len(r.skips))
	for t := range r.skips {
		tests = append(tests, t)
	}
	sort.Strings(tests)
	printf := func(format string, a ...any) { _, _ = fmt.Fprintf(w, format, a...) }
	bad := 0
	for _, t := range tests {
		mark := "skip"
		if !gate.MatchString(r.skips[t]) {
			mark, bad = "NOT A CLI GATE", bad+1
		}
		printf("%s: %s: %s\n", mark, t, r.skips[t])
	}
	if label != "" {
		printf("%s: ", strings.ReplaceAll(label, " ", "-"))
	}
	printf("%d passed, %d failed, %d skipped\n", r.passed, r.failed, len(r.skips))
	switch {
	case bad > 0:
		printf("%d tests skipped for a reason other than a CLI gate (a feature the CLI lacks)\n", bad)
		return 1
	case r.failed > 0:
		return 1
	case r.passed < minPassed:
		printf("only %d tests passed, want at least %d\n", r.passed, minPassed)
		return 1
	}
	return 0
}
