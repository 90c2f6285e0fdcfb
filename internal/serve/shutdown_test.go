package serve

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestShutdownIsRecordedOnlyWhenAsked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shutdown.jsonl")
	t.Setenv(shutdownLogEnv, "")
	recordShutdown(time.Second, nil)
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("written without %s: %v", shutdownLogEnv, err)
	}

	t.Setenv(shutdownLogEnv, path)
	recordShutdown(250*time.Millisecond, nil)
	recordShutdown(1500*time.Millisecond, errors.New("context deadline exceeded"))
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2: %s", len(lines), raw)
	}
	var recs [2]ShutdownRecord
	for i, l := range lines {
		if err := json.Unmarshal([]byte(l), &recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	want := [2]ShutdownRecord{{PID: os.Getpid(), Seconds: 0.25}, {PID: os.Getpid(), Seconds: 1.5, Error: "context deadline exceeded"}}
	if recs != want {
		t.Errorf("records %+v, want %+v", recs, want)
	}
}
