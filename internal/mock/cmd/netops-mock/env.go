package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// writeEnv writes a bash-sourceable file of exports atomically, so a script
// that waits for the file never reads half of it.
func writeEnv(path string, vars []envVar) error {
	var b strings.Builder
	b.WriteString("# netops-mock endpoints: source this file\n")
	for _, v := range vars {
		fmt.Fprintf(&b, "export %s=%s\n", v.name, shellQuote(v.value))
	}
	return writeAtomic(path, []byte(b.String()))
}

// writeAtomic writes data to path through a temporary file in the same directory, so a
// reader never sees half of it.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	defer func() { _ = os.Remove(tmp.Name()) }()
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_.:/@%+,=-]+$`)

func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
