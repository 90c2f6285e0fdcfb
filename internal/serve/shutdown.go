package serve

import (
	"encoding/json"
	"log"
	"os"
	"time"
)

// shutdownLogEnv names a file to which the plugin process appends one JSON line at its
// exit: how long ending its appliance sessions took. Only the benchmark (make bench) sets it.
const shutdownLogEnv = "NETOPS_BENCH_SHUTDOWN_LOG"

// ShutdownRecord is one line of the shutdown log.
type ShutdownRecord struct {
	PID     int     `json:"pid"`
	Seconds float64 `json:"seconds"`
	Error   string  `json:"error,omitempty"`
}

func recordShutdown(took time.Duration, err error) {
	path := os.Getenv(shutdownLogEnv)
	if path == "" {
		return
	}
	rec := ShutdownRecord{PID: os.Getpid(), Seconds: took.Seconds()}
	if err != nil {
		rec.Error = err.Error()
	}
	line, _ := json.Marshal(rec)
	f, ferr := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600) //nolint:gosec // a file the benchmark names
	if ferr != nil {
		log.Printf("[WARN] shutdown log: %v", ferr)
		return
	}
	defer func() { _ = f.Close() }()
	if _, werr := f.Write(append(line, '\n')); werr != nil {
		log.Printf("[WARN] shutdown log: %v", werr)
	}
}
