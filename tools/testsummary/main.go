// Command testsummary reads `go test -json` on stdin, prints each package's result, the
// output of every failed test, and a closing "N passed, N failed, N skipped" line.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

func main() {
	outputs := map[string]*strings.Builder{} // package/test -> output
	var failedTests []string
	passed, failed, skipped := 0, 0, 0
	pkgFailed := false

	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			fmt.Println(sc.Text()) // build errors and other plain output
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output":
			b := outputs[key]
			if b == nil {
				b = &strings.Builder{}
				outputs[key] = b
			}
			b.WriteString(e.Output)
		case "pass", "fail", "skip":
			if e.Test == "" {
				report(e, outputs[key])
				pkgFailed = pkgFailed || e.Action == "fail"
				continue
			}
			if strings.Contains(e.Test, "/") {
				continue // subtests count through their parent
			}
			switch e.Action {
			case "pass":
				passed++
			case "skip":
				skipped++
			case "fail":
				failed++
				failedTests = append(failedTests, key)
			}
		}
	}
	sort.Strings(failedTests)
	for _, k := range failedTests {
		fmt.Printf("\n--- FAIL %s\n%s", k, outputs[k])
	}
	fmt.Printf("\ntests: %d passed, %d failed, %d skipped\n", passed, failed, skipped)
	if failed > 0 || pkgFailed {
		os.Exit(1)
	}
}

func report(e event, out *strings.Builder) {
	status := map[string]string{"pass": "ok  ", "fail": "FAIL", "skip": "?   "}[e.Action]
	fmt.Printf("%s %s (%.1fs)\n", status, e.Package, e.Elapsed)
	if e.Action == "fail" && out != nil && !strings.Contains(out.String(), "--- FAIL") {
		fmt.Print(out.String()) // a package that failed outside any test (build error, panic, timeout)
	}
}
